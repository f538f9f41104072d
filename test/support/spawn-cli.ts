import { spawnService, type SpawnedService } from '../../cli/stack/spawn-service';

export type { SpawnedService };
export { CLI_ENTRY as CLI } from '../../cli/stack/spawn-service';

/**
 * Starts `medalliance <args>` from the built CLI (run `npm run build` first; `npm test`
 * does) and resolves once the process logs that it is listening.
 */
export function spawnCli(args: string[], env: NodeJS.ProcessEnv = {}, readyPattern = /listening/): Promise<SpawnedService> {
  return spawnService({ name: args.join(' '), args, env: { LOG_LEVEL: 'info', ...env }, readyPattern });
}
