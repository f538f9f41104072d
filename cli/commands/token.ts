import { parseArgs } from 'node:util';
import { DEV_ISSUER_KEY_NAME, issueDevToken } from '../../common/auth/caller-token';
import { loadOrCreateSigningKey } from '../../common/auth/key-store';
import { sharedSettings } from '../../common/config/shared-settings';
import { loadConfig } from '../../common/config/load-config';
import { MedAllianceError } from '../../common/errors';
import { loadRegistry } from '../../gateway/registry/registry-file';
import { findRosterHospital } from '../../subgraphs/runtime/seed/roster';
import { UsageError } from '../usage-error';

/** `medalliance token --role … --hospital … [--staff …] [--ttl 8h]`: prints only the token. */
export async function run(argv: string[]): Promise<void> {
  let values: { role?: string; hospital?: string; staff?: string; ttl?: string; subject?: string };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { role: { type: 'string' }, hospital: { type: 'string' }, staff: { type: 'string' }, ttl: { type: 'string' }, subject: { type: 'string' } },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\nUsage: medalliance token --role <clinician|analyst|dashboard|admin> [--hospital <id>] [--staff <id>] [--ttl 8h]`);
  }
  if (!values.role) throw new UsageError('Usage: medalliance token --role <clinician|analyst|dashboard|admin> [--hospital <id>] [--staff <id>] [--ttl 8h]');
  const config = loadConfig({ dataDir: sharedSettings.dataDir, production: sharedSettings.production });
  if (config.production) throw new UsageError('Dev tokens are refused in production (MEDALLIANCE_PRODUCTION=true): use your identity provider.');
  if (values.hospital !== undefined) await checkKnownHospital(values.hospital, config.dataDir);
  const key = await loadOrCreateSigningKey(config.dataDir, DEV_ISSUER_KEY_NAME);
  try {
    const token = await issueDevToken(key, { role: values.role, hospitalId: values.hospital, staffId: values.staff, ttl: values.ttl, subject: values.subject });
    process.stdout.write(`${token}\n`);
  } catch (error) {
    if (error instanceof MedAllianceError) throw new UsageError(error.message);
    throw error;
  }
}

/**
 * A token for a hospital nobody knows reads nothing at the gateway; saying so here saves a
 * confusing 403 later. Known: the demo roster, or a hospital the gateway's last saved
 * registry lists (a member that joined later).
 */
async function checkKnownHospital(hospitalId: string, dataDir: string): Promise<void> {
  if (findRosterHospital(hospitalId)) return;
  const saved = await loadRegistry(dataDir);
  if (saved && Object.hasOwn(saved.statuses, hospitalId)) return;
  throw new UsageError(
    `Unknown hospital "${hospitalId}": it is neither in the demo roster nor in the gateway's registry under MEDALLIANCE_DATA_DIR, so its clinicians would be refused.`,
  );
}
