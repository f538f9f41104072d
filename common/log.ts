import pino, { type Logger } from 'pino';

/**
 * Structured JSON logs. Callers log codes, counts and ids, never variables, names, MRNs
 * or result values (PHI). `redact` is a second line of defence for fields that must
 * never appear even by mistake.
 */
export function createLogger(name: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    name,
    level,
    base: { service: name },
    redact: {
      paths: ['variables', '*.variables', 'authorization', '*.authorization', 'req.headers.authorization', 'mrn', '*.mrn', 'patientName', '*.patientName', 'patient', '*.patient'],
      censor: '[redacted]',
    },
  });
}

export type { Logger };
