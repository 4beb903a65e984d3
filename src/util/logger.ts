import pino from 'pino';

export type Logger = pino.Logger;

const CENSOR = '[REDACTED]';

/** Field names whose value is a credential whatever it holds: redacted by key. */
const SECRET_KEYS = [
  'token',
  'accessToken',
  'access_token',
  'refreshToken',
  'refresh_token',
  'botToken',
  'appToken',
  'password',
  'pass',
  'passwd',
  'secret',
  'clientSecret',
  'client_secret',
  'appSecret',
  'accessSecret',
  'signingSecret',
  'apiKey',
  'authorization',
  'Authorization',
  'cookie',
  'Cookie',
];

/** pino `redact` paths: each key at the top and up to three levels down, and in headers. */
export const REDACT_PATHS = [
  ...SECRET_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`, `*.*.*.${k}`]),
  ...['headers', 'config.headers', 'request.headers', 'response.headers', 'err.config.headers', 'err.response.headers']
    .flatMap((h) => [`${h}["x-telegram-bot-api-secret-token"]`, `${h}["x-slack-signature"]`, `${h}["set-cookie"]`]),
];

function b64(s: string | Buffer, url = false): string {
  return Buffer.from(s).toString(url ? 'base64url' : 'base64');
}

/**
 * Every form a secret can take in a log line: as is, JSON-escaped (once and twice),
 * URL-encoded (component and form style), URL-decoded, base64/base64url, and base64 of it
 * inside a longer text (`Basic base64(user:pass)`): for each of the three byte alignments,
 * the part of the encoding that depends only on the secret's own bytes.
 */
export function secretForms(secret: string): string[] {
  const forms = new Set<string>([secret]);
  const json1 = JSON.stringify(secret).slice(1, -1);
  forms.add(json1);
  forms.add(JSON.stringify(json1).slice(1, -1));
  forms.add(encodeURIComponent(secret));
  forms.add(encodeURIComponent(secret).replace(/%20/g, '+'));
  forms.add(encodeURI(secret));
  try {
    forms.add(decodeURIComponent(secret));
  } catch {
    /* not URL-encoded */
  }
  // A URL with credentials in it (SMTP_URL): its user and password, encoded or not.
  try {
    const u = new URL(secret);
    for (const part of [u.password, u.username]) {
      if (part.length < 6) continue;
      forms.add(part);
      try {
        forms.add(decodeURIComponent(part));
      } catch {
        /* keep the raw form */
      }
    }
    if (u.password) {
      const user = decodeURIComponent(u.username);
      const pass = decodeURIComponent(u.password);
      forms.add(b64(`${user}:${pass}`));
      forms.add(b64(`\u0000${user}\u0000${pass}`)); // SMTP AUTH PLAIN
    }
  } catch {
    /* not a URL */
  }
  const bytes = Buffer.from(secret);
  forms.add(b64(bytes));
  forms.add(b64(bytes, true));
  for (let skip = 0; skip < 3; skip++) {
    const inner = bytes.subarray(skip);
    const whole = Math.floor(inner.length / 3) * 3;
    if (whole < 6) continue; // fewer than 8 characters would hide unrelated text
    const core = inner.subarray(0, whole);
    forms.add(b64(core));
    forms.add(b64(core, true));
  }
  return [...forms].filter((f) => f.length >= 6);
}

/** A function that masks every form of every secret in a string. */
export function secretMasker(secrets: string[]): (s: string) => string {
  const forms = [...new Set(secrets.filter((s) => s.length >= 6).flatMap(secretForms))].sort((a, b) => b.length - a.length);
  if (!forms.length) return (s) => s;
  const escape = (f: string) => f.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const re = new RegExp(forms.map(escape).join('|'), 'g');
  return (s) => (s.length >= 6 ? s.replace(re, CENSOR) : s);
}

/** A copy of a log argument with every string masked (errors keep their class and stack). */
function maskDeep(value: unknown, mask: (s: string) => string, depth = 0, seen = new WeakMap<object, unknown>()): unknown {
  if (typeof value === 'string') return mask(value);
  if (typeof value !== 'object' || value === null || depth > 8) return value;
  if (seen.has(value)) return seen.get(value);
  if (Buffer.isBuffer(value) || ArrayBuffer.isView(value) || value instanceof Date) return value;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    seen.set(value, out);
    for (const v of value) out.push(maskDeep(v, mask, depth + 1, seen));
    return out;
  }
  const out: Record<string, unknown> = value instanceof Error ? (Object.create(Object.getPrototypeOf(value)) as Record<string, unknown>) : {};
  seen.set(value, out);
  if (value instanceof Error) {
    out.message = mask(value.message);
    if (value.stack) out.stack = mask(value.stack);
    if (value.cause !== undefined) out.cause = maskDeep(value.cause, mask, depth + 1, seen);
  }
  for (const [k, v] of Object.entries(value)) out[k] = maskDeep(v, mask, depth + 1, seen);
  return out;
}

/**
 * Structured logs (pino). Credential fields are redacted by key (`redact` paths), and every
 * known secret value is masked in every encoding, in the log call's arguments before
 * serialisation and again in the serialised line. Secrets come from the environment only.
 */
export function createLogger(options: {
  level?: string;
  secrets?: string[];
  destination?: NodeJS.WritableStream | pino.DestinationStream;
  name?: string;
}): Logger {
  const mask = secretMasker(options.secrets ?? []);
  const active = (options.secrets ?? []).some((s) => s.length >= 6);
  const dest = options.destination ?? pino.destination({ dest: 2, sync: true });
  const redacting: pino.DestinationStream = {
    write(chunk: string) {
      (dest as pino.DestinationStream).write(active ? mask(chunk) : chunk);
    },
  };
  return pino(
    {
      level: options.level ?? 'info',
      name: options.name ?? 'comunicados',
      redact: { paths: REDACT_PATHS, censor: CENSOR },
      hooks: {
        logMethod(args, method) {
          if (!active) return method.apply(this, args);
          return method.apply(this, args.map((a) => maskDeep(a, mask)) as Parameters<typeof method>);
        },
      },
    },
    redacting,
  );
}

/** A logger that drops everything (tests that do not look at logs). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
