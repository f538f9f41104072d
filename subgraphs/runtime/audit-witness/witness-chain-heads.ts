import type { Express } from 'express';
import type { DatabaseHealth } from '../db/database-health';
import type { Logger } from '../../../common/log';
import { startHeadPublisher, type HeadPublisher } from './head-publisher';
import { loadAuditKey } from './head-token';
import { mountWitnessRoutes, type SignerKeys } from './witness-routes';

export interface ChainWitnessingOptions {
  /** `alliance` or `hospital:<id>`. */
  subgraphId: string;
  dataDir: string;
  database: DatabaseHealth;
  /** Where this subgraph's heads go (any URL of the witness subgraph), looked up at each send. */
  witnessUrl: () => Promise<string | undefined> | string | undefined;
  /** Whose heads this subgraph witnesses, and with which keys. */
  signerKeys: SignerKeys;
  intervalMs: number;
  logger: Logger;
  /** Other public keys of this subgraph for its one JWKS (see `mountWitnessRoutes`). */
  alsoPublish?: () => object[];
}

export interface ChainWitnessing {
  /** Handed to the server as it is, so a function property rather than a method. */
  routes: (app: Express) => void;
  /** The final head, after the drain. */
  stop(): Promise<void>;
  /** Sends a head now (tests and operators need not wait for the timer). */
  publish(): Promise<boolean>;
}

/**
 * Both halves of witnessed chain heads for one subgraph: it publishes its key and
 * witnesses others' heads (routes), and sends its own heads once its database is up.
 */
export async function witnessChainHeads(options: ChainWitnessingOptions): Promise<ChainWitnessing> {
  const key = await loadAuditKey(options.dataDir, options.subgraphId);
  const logger = options.logger.child({ component: 'audit-witness' });
  let publisher: HeadPublisher | undefined;
  let stopped = false;
  void options.database.connected.then(
    () => {
      if (!stopped)
        publisher = startHeadPublisher({
          dataSource: options.database.dataSource,
          subgraphId: options.subgraphId,
          key,
          witnessUrl: options.witnessUrl,
          intervalMs: options.intervalMs,
          logger,
        });
    },
    () => undefined,
  );
  return {
    routes: (app) =>
      mountWitnessRoutes(app, {
        key,
        dataSource: options.database.dataSource,
        signerKeys: options.signerKeys,
        logger,
        alsoPublish: options.alsoPublish,
      }),
    publish: async () => (publisher ? publisher.publish() : false),
    async stop() {
      stopped = true;
      await publisher?.stop();
    },
  };
}
