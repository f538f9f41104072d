/**
 * A setting read from one environment variable. Settings are declared once, in the
 * `*-settings.ts` file of the process that reads them (grouped for the docs in
 * `settings-catalogue.ts`); `load-config.ts` parses them all and reports every problem in one
 * message, and `docs/CONFIGURATION.md` is generated from the same declarations.
 */
export interface Setting<T> {
  env: string;
  description: string;
  /** Shown in the docs; undefined means "no default". */
  defaultText?: string;
  default?: T;
  /** Returns the value or throws an Error whose message says what is wrong. */
  parse(raw: string): T;
}

export function stringSetting(env: string, description: string, fallback?: string): Setting<string> {
  return { env, description, default: fallback, defaultText: fallback, parse: (raw) => raw };
}

export function intSetting(env: string, description: string, fallback: number | undefined, min: number, max: number): Setting<number> {
  return {
    env,
    description,
    default: fallback,
    defaultText: fallback === undefined ? undefined : String(fallback),
    parse(raw) {
      if (!/^-?\d+$/.test(raw.trim())) throw new Error(`must be a whole number, got "${raw}"`);
      const value = Number(raw);
      if (value < min || value > max) throw new Error(`must be between ${min} and ${max}, got ${value}`);
      return value;
    },
  };
}

export function boolSetting(env: string, description: string, fallback: boolean): Setting<boolean> {
  return {
    env,
    description,
    default: fallback,
    defaultText: String(fallback),
    parse(raw) {
      const v = raw.trim().toLowerCase();
      if (['true', '1', 'yes'].includes(v)) return true;
      if (['false', '0', 'no'].includes(v)) return false;
      throw new Error(`must be true or false, got "${raw}"`);
    },
  };
}

export function enumSetting<T extends string>(env: string, description: string, values: readonly T[], fallback?: T): Setting<T> {
  return {
    env,
    description: `${description} One of: ${values.join(', ')}.`,
    default: fallback,
    defaultText: fallback,
    parse(raw) {
      if (!(values as readonly string[]).includes(raw)) throw new Error(`must be one of ${values.join(', ')}, got "${raw}"`);
      return raw as T;
    },
  };
}

export function urlSetting(env: string, description: string, protocols: readonly string[], fallback?: string): Setting<string> {
  return {
    env,
    description,
    default: fallback,
    defaultText: fallback,
    parse(raw) {
      let url: URL;
      try {
        url = new URL(raw);
      } catch {
        throw new Error('must be a URL');
      }
      if (!protocols.includes(url.protocol)) throw new Error(`must use ${protocols.join(' or ')}`);
      return raw;
    },
  };
}

/** An RFC 3339 instant, e.g. 2026-01-31T08:00:00Z. */
export function instantSetting(env: string, description: string): Setting<Date> {
  return {
    env,
    description,
    parse(raw) {
      const date = new Date(raw);
      if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(raw) || Number.isNaN(date.getTime())) {
        throw new Error(`must be an RFC 3339 date-time such as 2026-01-31T08:00:00Z, got "${raw.slice(0, 40)}"`);
      }
      return date;
    },
  };
}

/** An IANA time zone, checked against the runtime's time zone data. */
export function timeZoneSetting(env: string, description: string, fallback: string): Setting<string> {
  return {
    env,
    description,
    default: fallback,
    defaultText: fallback,
    parse(raw) {
      try {
        new Intl.DateTimeFormat('en-CA', { timeZone: raw });
      } catch {
        throw new Error(`must be an IANA time zone such as Asia/Shanghai, got "${raw}"`);
      }
      return raw;
    },
  };
}
