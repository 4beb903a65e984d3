import { t } from '../messages/index.ts';

/**
 * Removes one address from a JSON value, wherever it is: an object of the list with that
 * `email` is dropped from its array (a contact), an entry keyed by the address (a send
 * record's recipient) keeps only its delivery facts under a key made of the hash, a string
 * that is exactly the address becomes the hash, and one that contains it (an SMTP reply)
 * has it replaced. Returns the new value and whether anything changed.
 */
export function scrubJson(value: unknown, email: string, hash: string): { value: unknown; changed: boolean } {
  let changed = false;
  const lower = email.toLowerCase();
  const has = (s: string) => s.toLowerCase().includes(lower);
  const placeholder = t('media_email.data.erased_placeholder');
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      if (v.toLowerCase() === lower) {
        changed = true;
        return hash;
      }
      if (!has(v)) return v;
      changed = true;
      return v.replace(new RegExp(email.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'), placeholder);
    }
    if (Array.isArray(v)) {
      const kept = v.filter((x) => !(x && typeof x === 'object' && typeof (x as { email?: unknown }).email === 'string' && (x as { email: string }).email.toLowerCase() === lower && 'token' in x));
      if (kept.length !== v.length) changed = true;
      return kept.map(walk);
    }
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        if (k.toLowerCase() === lower) {
          changed = true;
          out[`suprimido-${hash.slice(0, 16)}`] = erasedEntry(x, hash);
          continue;
        }
        out[k] = walk(x);
      }
      return out;
    }
    return v;
  };
  return { value: walk(value), changed };
}

/** A recipient entry without the person: the delivery facts stay so the counts stay right. */
function erasedEntry(x: unknown, hash: string): unknown {
  if (!x || typeof x !== 'object') return { person: hash };
  const { email: _e, name: _n, outlet: _o, reply: _r, file: _f, ...rest } = x as Record<string, unknown>;
  return { ...rest, person: hash, email: t('media_email.data.erased_placeholder'), name: '', outlet: '' };
}
