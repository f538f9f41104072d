import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import { createLocalJWKSet } from 'jose';
import { DataSource } from 'typeorm';
import { loadOrCreateSigningKey, type SigningKey } from '../../../common/auth/key-store';
import { createLogger } from '../../../common/log';
import { HEADS_PAGE } from './head-store';
import { signHead } from './head-token';
import { mountWitnessRoutes } from './witness-routes';
import { fetchWitnessedHeads, verifiedHeads } from './witnessed-heads-client';
import { WitnessedHead } from './witnessed-head.entity';

describe('witness routes', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'medalliance-witness-routes-'));
  const dataSource = new DataSource({ type: 'better-sqlite3', database: ':memory:', entities: [WitnessedHead], synchronize: true });
  let key: SigningKey;
  let server: Server;
  let url = '';

  beforeAll(async () => {
    await dataSource.initialize();
    key = await loadOrCreateSigningKey(dir, 'audit-hospital-dh-x');
    const app = express();
    mountWitnessRoutes(app, {
      key,
      dataSource,
      signerKeys: async (s) => (s === 'hospital:dh-x' ? createLocalJWKSet({ keys: [key.publicJwk] }) : undefined),
      logger: createLogger('witness-routes-test', 'silent'),
    });
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await dataSource.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('hands a signer all its heads, page after page, and only its own', async () => {
    const total = 2 * HEADS_PAGE + 17;
    const repo = dataSource.getRepository(WitnessedHead);
    const token = await signHead(key, 'hospital:dh-x', { rows: 1, lastHash: 'a'.repeat(64) });
    for (let start = 0; start < total; start += 500) {
      const rows = Array.from({ length: Math.min(500, total - start) }, (_, i) => ({
        subgraphId: 'hospital:dh-x',
        rowCount: start + i,
        lastHash: 'a'.repeat(64),
        signedAt: new Date(),
        receivedAt: new Date(),
        token,
      }));
      await repo.insert(rows);
    }
    await repo.insert({ subgraphId: 'hospital:dh-other', rowCount: 5, lastHash: 'b'.repeat(64), signedAt: new Date(), receivedAt: new Date(), token: 'x' });
    const exported = await fetchWitnessedHeads(url, key, 'hospital:dh-x');
    expect(exported.heads.map((h) => h.rows)).toEqual(Array.from({ length: total }, (_, i) => i));
    const { heads, unverifiable } = await verifiedHeads({ ...exported, heads: exported.heads.slice(0, 3) }, key);
    expect({ heads: heads.length, unverifiable }).toEqual({ heads: 3, unverifiable: 0 });
  });

  it('refuses a heads request from a signer it does not witness, and a head without a signature', async () => {
    const stranger = await loadOrCreateSigningKey(dir, 'audit-hospital-dh-y');
    await expect(fetchWitnessedHeads(url, stranger, 'hospital:dh-y')).rejects.toThrow('the witness refused: This subgraph does not witness heads of that signer.');
    const posted = await fetch(new URL('/audit/heads', url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ head: 42 }) });
    expect(posted.status).toBe(400);
  });
});
