import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ALLIANCE_AUDIENCE, createGatewayTokenVerifier, GATEWAY_KEY_NAME } from '../../common/auth/gateway-token';
import { rotateDevKey } from '../../common/auth/key-store';
import { createSubgraphSigner } from './subgraph-signer';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'medalliance-signer-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const caller = { subject: 'analyst-1', role: 'analyst' as const };
const STATS = { query: '{ allianceStats { referralsUpward } }' };

describe('key rotation of the gateway signing key', () => {
  it('publishes the current and the previous key, so tokens in flight still verify', async () => {
    const before = await createSubgraphSigner(dataDir);
    const oldToken = (await before.forAlliance(caller, STATS)).replace(/^Bearer /, '');
    const oldKid = before.jwks().keys[0].kid;
    expect(before.jwks().keys).toHaveLength(1);

    await rotateDevKey(dataDir, GATEWAY_KEY_NAME);
    const after = await createSubgraphSigner(dataDir);
    const jwks = after.jwks();
    expect(jwks.keys.map((k) => k.kid)).toEqual([expect.not.stringMatching(oldKid!), oldKid]);
    expect(jwks.keys.every((k) => !('d' in k))).toBe(true);

    const verify = createGatewayTokenVerifier({ jwks: () => after.jwks().keys }, ALLIANCE_AUDIENCE);
    await expect(verify(oldToken, STATS)).resolves.toMatchObject({ subject: 'analyst-1' });
    await expect(verify((await after.forAlliance(caller, STATS)).replace(/^Bearer /, ''), STATS)).resolves.toMatchObject({ subject: 'analyst-1' });

    await rotateDevKey(dataDir, GATEWAY_KEY_NAME);
    const third = await createSubgraphSigner(dataDir);
    expect(third.jwks().keys.map((k) => k.kid)).not.toContain(oldKid);
  });
});
