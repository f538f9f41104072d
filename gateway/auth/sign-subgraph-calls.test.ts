import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodeJwt } from 'jose';
import { requestHash } from '../../common/auth/request-hash';
import type { GatewayContext } from '../gateway-context';
import { signSubgraphCalls } from './sign-subgraph-calls';
import { createSubgraphSigner } from './subgraph-signer';

const clinician = { subject: 'dr-li', role: 'clinician' as const, hospitalId: 'dh-lead', purpose: 'TREATMENT' as const };
const context = (caller: GatewayContext['caller'], requestId = 'req-1') => ({ caller, requestId }) as GatewayContext;
const DEPARTMENTS = { query: '{ departments { id } }', variables: {} };
const claimsOf = (header: string | undefined) => decodeJwt(header!.replace(/^Bearer /, ''));

describe('signSubgraphCalls', () => {
  let auth: ReturnType<typeof signSubgraphCalls>;
  beforeAll(async () => {
    auth = signSubgraphCalls(await createSubgraphSigner(mkdtempSync(path.join(os.tmpdir(), 'sign-calls-'))));
  });

  it('signs a fresh token for every call, even the same call again (a retry)', () => {
    const first = auth.forMember('dh-lead', context(clinician), DEPARTMENTS);
    const again = auth.forMember('dh-lead', context(clinician), DEPARTMENTS);
    expect(again).not.toBe(first);
    expect(claimsOf(again).jti).not.toBe(claimsOf(first).jti);
  });

  it('binds the token to the member, the request and the request id', () => {
    const claims = claimsOf(auth.forMember('dh-lead', context(clinician, 'req-7'), DEPARTMENTS));
    expect(claims).toMatchObject({ aud: 'hospital:dh-lead', sub: 'dr-li', purpose: 'TREATMENT', rid: 'req-7', req_hash: requestHash(DEPARTMENTS) });
    expect(claims.exp! - claims.iat!).toBeLessThanOrEqual(30);
  });

  it('signs service calls per call as well', async () => {
    const sdl = { query: '{ _service { sdl } }' };
    const a = await auth.serviceForMember('dh-lead', sdl);
    const b = await auth.serviceForMember('dh-lead', sdl);
    expect(claimsOf(a.authorization)).toMatchObject({ aud: 'hospital:dh-lead', role: 'service', req_hash: requestHash(sdl) });
    expect(claimsOf(a.authorization).jti).not.toBe(claimsOf(b.authorization).jti);
    expect(claimsOf((await auth.serviceForAlliance(sdl)).authorization).aud).toBe('alliance');
  });

  it('signs nothing for a request without a caller', () => {
    expect(auth.forMember('dh-lead', context(null), DEPARTMENTS)).toBeUndefined();
  });
});
