import fs from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../../common/log';
import { composeSupergraph, supergraphVersion, type ComposedSupergraph } from './compose-supergraph';
import { ALLIANCE_SCHEMA_FILE, HOSPITAL_CONTRACT_FILE, readSchemaFile } from '../../common/contract/schema-files';

function lastGoodPath(dataDir: string): string {
  return path.join(dataDir, 'gateway', 'supergraph.graphql');
}

/**
 * Composes the supergraph in-process from the schema folder and keeps a copy under the
 * data directory; if composition is impossible (files missing or broken) the last good
 * copy is used, so that the gateway still starts (DESIGN 4).
 */
export async function loadSupergraph(schemaFolder: string, dataDir: string, logger: Logger): Promise<ComposedSupergraph> {
  try {
    const composed = composeSupergraph({ alliance: readSchemaFile(ALLIANCE_SCHEMA_FILE, schemaFolder), hospital: readSchemaFile(HOSPITAL_CONTRACT_FILE, schemaFolder) });
    await fs.mkdir(path.dirname(lastGoodPath(dataDir)), { recursive: true });
    await fs.writeFile(lastGoodPath(dataDir), composed.supergraphSdl).catch((error: Error) => logger.warn({ cause: error.message }, 'could not save the supergraph copy'));
    return composed;
  } catch (error) {
    const saved = await fs.readFile(lastGoodPath(dataDir), 'utf8').catch(() => undefined);
    if (!saved) throw error;
    logger.error({ cause: (error as Error).message }, 'composition failed: using the last good supergraph');
    return { supergraphSdl: saved, version: supergraphVersion(saved) };
  }
}
