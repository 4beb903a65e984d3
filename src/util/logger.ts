import pino from 'pino';

export type Logger = pino.Logger;

/**
 * Structured logs (pino) with every known secret value masked, wherever it appears
 * (messages, error stacks, URLs). Secrets come from the environment only.
 */
export function createLogger(options: {
  level?: string;
  secrets?: string[];
  destination?: NodeJS.WritableStream | pino.DestinationStream;
  name?: string;
}): Logger {
  const secrets = (options.secrets ?? []).filter((s) => s.length >= 6).sort((a, b) => b.length - a.length);
  const mask = (s: string) => secrets.reduce((acc, sec) => acc.split(sec).join('[REDACTED]'), s);
  const dest = options.destination ?? pino.destination({ dest: 2, sync: true });
  const redacting: pino.DestinationStream = {
    write(chunk: string) {
      (dest as pino.DestinationStream).write(secrets.length ? mask(chunk) : chunk);
    },
  };
  return pino(
    {
      level: options.level ?? 'info',
      name: options.name ?? 'comunicados',
      redact: {
        paths: ['token', '*.token', 'authorization', '*.authorization', 'headers.authorization', 'password', '*.password'],
        censor: '[REDACTED]',
      },
    },
    redacting,
  );
}

/** A logger that drops everything (tests that do not look at logs). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
