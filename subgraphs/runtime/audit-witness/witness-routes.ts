import express, { type Express } from 'express';
import type { JWTVerifyGetKey } from 'jose';
import type { DataSource } from 'typeorm';
import type { SigningKey } from '../../../common/auth/key-store';
import type { Logger } from '../../../common/log';
import { HEADS_PAGE, headsOf, keepHead } from './head-store';
import { claimedSigner, HeadRefused, verifyHead, verifyHeadsRequest } from './head-token';

export const JWKS_PATH = '/.well-known/jwks.json';
export const HEADS_PATH = '/audit/heads';

/** The keys of a signer this witness accepts heads from; undefined = not a signer it witnesses. */
export type SignerKeys = (subgraphId: string) => Promise<JWTVerifyGetKey | undefined>;

export interface WitnessRoutesOptions {
  /** This subgraph's audit key: its public half is published for witnesses. */
  key: SigningKey;
  dataSource: DataSource;
  /** Whose heads this subgraph witnesses (members at the alliance, the alliance at the lead member). */
  signerKeys: SignerKeys;
  logger: Logger;
  /** Other public keys of this subgraph, published in the same JWKS (a member's own key for the identity feed). */
  alsoPublish?: () => object[];
}

function refuse(res: express.Response, status: number, message: string): void {
  res.status(status).json({ error: message });
}

async function keysFor(options: WitnessRoutesOptions, token: string): Promise<JWTVerifyGetKey> {
  const signer = claimedSigner(token);
  const keys = signer ? await options.signerKeys(signer) : undefined;
  if (!keys) throw new HeadRefused('This subgraph does not witness heads of that signer.');
  return keys;
}

/**
 * The witness side of DESIGN 5's witnessed chain heads, next to /graphql on every
 * subgraph: `GET /.well-known/jwks.json` (this subgraph's public audit key),
 * `POST /audit/heads` (a signed head of a subgraph this one witnesses: 202, or 401 when
 * the signature does not verify with the key that subgraph publishes) and
 * `GET /audit/heads` (a signer's own heads, for `medalliance audit verify`, to a request
 * that signer signed).
 */
export function mountWitnessRoutes(app: Express, options: WitnessRoutesOptions): void {
  app.get(JWKS_PATH, (_req, res) => {
    res.json({ keys: [options.key.publicJwk, ...(options.alsoPublish?.() ?? [])] });
  });
  app.post(HEADS_PATH, express.json({ limit: '16kb' }), async (req, res) => {
    const token = (req.body as { head?: unknown } | undefined)?.head;
    if (typeof token !== 'string' || token.length > 8192) return refuse(res, 400, 'Send {"head": "<signed head>"}.');
    try {
      const head = await verifyHead(token, await keysFor(options, token));
      await keepHead(options.dataSource, head, token);
      res.status(202).json({ accepted: true, subgraphId: head.subgraphId, rows: head.rows });
    } catch (error) {
      if (!(error instanceof HeadRefused)) {
        options.logger.error(
          {
            code: 'AUDIT_HEAD_NOT_KEPT',
            err: { message: (error as Error).message },
          },
          'a witnessed head could not be kept',
        );
        return refuse(res, 503, 'The head could not be kept; send it again.');
      }
      options.logger.warn(
        {
          code: 'AUDIT_HEAD_REFUSED',
          signer: claimedSigner(token)?.slice(0, 80),
          reason: error.message,
        },
        'refused a chain head',
      );
      refuse(res, 401, error.message);
    }
  });
  // ?after=<id>: the page after that head
  app.get(HEADS_PATH, async (req, res) => {
    const match = /^Bearer\s+(\S+)$/.exec(req.headers.authorization ?? '');
    if (!match) return refuse(res, 401, 'Present a heads request signed by the subgraph whose heads you ask for.');
    try {
      const subgraphId = await verifyHeadsRequest(match[1], await keysFor(options, match[1]));
      const after = Number(req.query.after ?? 0);
      if (!Number.isSafeInteger(after) || after < 0) return refuse(res, 400, 'after must be the id of a head.');
      const heads = await headsOf(options.dataSource, subgraphId, after);
      res.json({
        subgraphId,
        heads: heads.map((h) => ({ id: h.id, rows: h.rowCount, lastHash: h.lastHash, signedAt: h.signedAt.toISOString(), receivedAt: h.receivedAt.toISOString(), token: h.token })),
        // the next page, while this one was full
        next: heads.length === HEADS_PAGE ? heads[heads.length - 1].id : null,
      });
    } catch (error) {
      if (!(error instanceof HeadRefused)) return refuse(res, 503, 'The heads could not be read.');
      refuse(res, 401, error.message);
    }
  });
}
