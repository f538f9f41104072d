import type { Setting } from './setting';

export type SettingsShape = Record<string, Setting<unknown>>;
type ValueOf<S> = S extends Setting<infer T> ? T : never;
export type ConfigOf<S extends SettingsShape> = {
  [K in keyof S]: S[K] extends { default: infer D } ? (undefined extends D ? ValueOf<S[K]> | undefined : ValueOf<S[K]>) : ValueOf<S[K]> | undefined;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses every setting; collects all problems and throws them together. */
export function loadConfig<S extends SettingsShape>(settings: S, env: NodeJS.ProcessEnv = process.env): { [K in keyof S]: ValueOf<S[K]> } {
  const problems: string[] = [];
  const out: Record<string, unknown> = {};
  for (const [key, setting] of Object.entries(settings)) {
    const raw = env[setting.env];
    if (raw === undefined || raw === '') {
      out[key] = setting.default;
      continue;
    }
    try {
      out[key] = setting.parse(raw);
    } catch (error) {
      problems.push(`${setting.env} ${(error as Error).message}`);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return out as { [K in keyof S]: ValueOf<S[K]> };
}
