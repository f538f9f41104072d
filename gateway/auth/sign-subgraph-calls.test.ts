import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodeJwt } from 'jose';
import type { GatewayContext } from '../gateway-context';
import { signSubgraphCalls, TOKEN_REUSE_MS } from './sign-subgraph-calls';
import { createSubgraphSigner } from './subgraph-signer';

const clinician = { subject: 'dr-li', role: 'clinician' as const, hospitalId: 'dh-lead', purpose: 'TREATMENT' as const };
const context = (caller: GatewayContext['caller'], requestId = 'req-1') => ({ caller, requestId }) as GatewayContext;

describe('signSubgraphCalls', () => {
  let clock = 0;
  let auth: ReturnType<typeof signSubgraphCalls>;
  beforeAll(async () => {
    const signer = await createSubgraphSigner(mkdtempSync(path.join(os.tmpdir(), 'sign-calls-')));
    auth = signSubgraphCalls(signer, () => clock);
  });

  it('reuses a token for the same caller and audience within its reuse window, across requests', async () => {
    const first = await auth.forMember('dh-lead', context(clinician, 'req-1'));
    expect(await auth.forMember('dh-lead', context({ ...clinician }, 'req-2'))).toBe(first);
    const claims = decodeJwt(first!.replace(/^Bearer /, ''));
    expect(claims).toMatchObject({ aud: 'hospital:dh-lead', sub: 'dr-li', purpose: 'TREATMENT' });
    expect(claims.rid).toBeUndefined();
  });

  it.each([
    ['another audience', () => auth.forMember('dh-district', context(clinician))],
    ['another purpose', () => auth.forMember('dh-lead', context({ ...clinician, purpose: 'EMERGENCY' }))],
    ['another subject', () => auth.forMember('dh-lead', context({ ...clinician, subject: 'dr-wang' }))],
    ['the alliance', () => auth.forAlliance(context(clinician))],
  ])('signs a separate token for %s', async (_label, other) => {
    const base = await auth.forMember('dh-lead', context(clinician));
    expect(await other()).not.toBe(base);
  });

  it('signs a fresh token once the reuse window is over', async () => {
    const before = await auth.forMember('dh-lead', context(clinician));
    clock += TOKEN_REUSE_MS + 1;
    expect(await auth.forMember('dh-lead', context(clinician))).not.toBe(before);
  });

  it('signs nothing for a request without a caller', async () => {
    expect(await auth.forMember('dh-lead', context(null))).toBeUndefined();
  });
});

describe('signSubgraphCalls: the registry states the caller hospital\'s membership', () => {
  it('puts the registry status of the caller\'s hospital in every subgraph token, whatever the caller claimed', async () => {
    const signer = await createSubgraphSigner(mkdtempSync(path.join(os.tmpdir(), 'sign-calls-member-')));
    const members = new Set(['dh-lead']);
    const auth = signSubgraphCalls(signer, Date.now, (id) => (members.has(id) ? 'ACTIVE' : 'UNKNOWN'));
    const claimsOf = async (token: Promise<string | undefined>) => decodeJwt((await token)!.replace(/^Bearer /, ''));
    expect(await claimsOf(auth.forMember('dh-district', context(clinician)))).toMatchObject({ hospitalId: 'dh-lead', memberStatus: 'ACTIVE' });
    expect(await claimsOf(auth.forAlliance(context({ ...clinician, hospitalId: 'dh-nowhere', memberStatus: 'ACTIVE' })))).toMatchObject({ hospitalId: 'dh-nowhere', memberStatus: 'UNKNOWN' });
    expect((await claimsOf(auth.forAlliance(context({ subject: 'an-1', role: 'analyst', memberStatus: 'ACTIVE' })))).memberStatus).toBeUndefined();
  });
});
