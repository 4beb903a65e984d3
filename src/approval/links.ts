import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Store } from '../store/port.ts';

/** One signed link: what it decides, for whom, until when. Stored under the token's hash only. */
export interface LinkRecord {
  comunicado: string;
  /** The content version it was sent for: an edit makes a new version and voids the link. */
  version: number;
  /** Approval member key (`email:despacho@…`). */
  member: string;
  memberName: string;
  createdAt: string;
  expiresAt: string;
  usedAt?: string;
  decision?: 'approve' | 'reject' | 'changes';
  /** Hashes of the CSRF tokens of the pages shown for this link (latest few). */
  csrf: string[];
}

interface LinksDoc {
  links: Record<string, LinkRecord>;
}

const DOC = 'approval-links';
/** Links are forgotten this long after they expired (the audit keeps the decision). */
const KEEP_MS = 7 * 86_400_000;
const CSRF_KEPT = 5;

/** 256 random bits, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Tokens are 43 base64url characters; anything else is not even looked up. */
export function wellFormed(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

export type LinkState =
  | { kind: 'invalid' }
  | { kind: 'expired'; link: LinkRecord }
  | { kind: 'used'; link: LinkRecord }
  | { kind: 'valid'; link: LinkRecord };

/**
 * The signed links of approvers outside the chat, in the store's `approval-links`
 * document. The token itself is never stored: only its SHA-256, so a copy of DATA_DIR
 * approves nothing.
 */
export class ApprovalLinks {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
  ) {}

  /** A new link for this member and version; returns the token (to put in the URL, once). */
  async issue(args: { comunicado: string; version: number; member: string; memberName: string; expiresHours: number }): Promise<{ token: string; expiresAt: string }> {
    const token = newToken();
    const now = this.now();
    const expiresAt = new Date(now.getTime() + args.expiresHours * 3_600_000).toISOString();
    await this.store.updateDoc<LinksDoc>(DOC, { links: {} }, (doc) => {
      for (const [h, l] of Object.entries(doc.links)) if (Date.parse(l.expiresAt) + KEEP_MS < now.getTime()) delete doc.links[h];
      doc.links[hashToken(token)] = {
        comunicado: args.comunicado,
        version: args.version,
        member: args.member,
        memberName: args.memberName,
        createdAt: now.toISOString(),
        expiresAt,
        csrf: [],
      };
      return doc;
    });
    return { token, expiresAt };
  }

  async lookup(token: string): Promise<LinkState> {
    if (!wellFormed(token)) return { kind: 'invalid' };
    const doc = await this.store.readDoc<LinksDoc>(DOC, { links: {} });
    const link = doc.links[hashToken(token)];
    if (!link) return { kind: 'invalid' };
    if (link.usedAt) return { kind: 'used', link };
    if (Date.parse(link.expiresAt) <= this.now().getTime()) return { kind: 'expired', link };
    return { kind: 'valid', link };
  }

  /** A CSRF token for one page of this link (its hash is kept with the link). */
  async newCsrf(token: string): Promise<string> {
    const csrf = newToken();
    const h = hashToken(token);
    await this.store.updateDoc<LinksDoc>(DOC, { links: {} }, (doc) => {
      const link = doc.links[h];
      if (link) link.csrf = [...link.csrf, hashToken(csrf)].slice(-CSRF_KEPT);
      return doc;
    });
    return csrf;
  }

  /**
   * Uses the link for a decision, atomically: valid, not used, not expired, with a CSRF
   * token its page was given. Returns the link, or why it cannot be used.
   */
  async use(token: string, csrf: string, decision: LinkRecord['decision']): Promise<LinkState | { kind: 'csrf' }> {
    if (!wellFormed(token)) return { kind: 'invalid' };
    const h = hashToken(token);
    let out: LinkState | { kind: 'csrf' } = { kind: 'invalid' };
    const now = this.now();
    await this.store.updateDoc<LinksDoc>(DOC, { links: {} }, (doc) => {
      const link = doc.links[h];
      if (!link) out = { kind: 'invalid' };
      else if (link.usedAt) out = { kind: 'used', link };
      else if (Date.parse(link.expiresAt) <= now.getTime()) out = { kind: 'expired', link };
      else if (!wellFormed(csrf) || !link.csrf.some((c) => sameHash(c, hashToken(csrf)))) out = { kind: 'csrf' };
      else {
        link.usedAt = now.toISOString();
        if (decision) link.decision = decision;
        link.csrf = [];
        out = { kind: 'valid', link: structuredClone(link) };
      }
      return doc;
    });
    return out;
  }

  /** Gives a link back when the decision could not be recorded (the workflow refused it). */
  async release(token: string): Promise<void> {
    const h = hashToken(token);
    await this.store.updateDoc<LinksDoc>(DOC, { links: {} }, (doc) => {
      const link = doc.links[h];
      if (link) {
        delete link.usedAt;
        delete link.decision;
      }
      return doc;
    });
  }

  /** Every link of a comunicado (tests and reminders). */
  async of(comunicado: string): Promise<LinkRecord[]> {
    const doc = await this.store.readDoc<LinksDoc>(DOC, { links: {} });
    return Object.values(doc.links).filter((l) => l.comunicado === comunicado);
  }
}
