import { randomInt } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ID_PATTERN, destinationKind, formatId, type SocialNetwork } from '../domain/comunicado.ts';
import type { RouteHandler } from '../http/server.ts';
import type { Services } from '../service/extension.ts';

/** Where the short links live on `publicUrl`. */
export const LINK_PREFIX = '/l';

/** One short link: which comunicado, which network (or `whatsapp`), which member, where it goes. */
export interface LinkEntry {
  network: string;
  /** The social destination whose post carries the link (`facebook:alcaldia`), for post links. */
  destination?: string;
  /** The hand-off member's slug, for WhatsApp links. */
  member?: string;
  memberName?: string;
  /** The UTM-tagged portal URL the link redirects to. */
  target: string;
  createdAt: string;
}

/** Store doc `links/<id>`: the comunicado's short links and their counted clicks. */
export interface LinksDoc {
  id: string;
  codes: Record<string, LinkEntry>;
  clicks: Record<string, number>;
}

export const linksDoc = (id: string) => `links/${id}`;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0123456789';
/** 12 random characters of 62: about 71 bits, not guessable by trying. */
const RANDOM_LENGTH = 12;
const CODE = /^([A-Za-z0-9]{12})(\d{2})(\d{4,7})$/;

/**
 * Link-preview fetchers and crawlers: WhatsApp, Slack, Telegram, Facebook, X, LinkedIn,
 * Discord unfurlers and search engines. They get the redirect (so previews work) but are
 * not counted as readers.
 */
const CRAWLER = /whatsapp|slackbot|slack-imgproxy|telegrambot|facebookexternalhit|facebot|meta-externalagent|twitterbot|linkedinbot|discordbot|skypeuripreview|googlebot|bingbot|applebot|yandex|duckduckbot|baiduspider|embedly|iframely|preview|crawler|spider|\bbot\b|curl\/|wget\//i;

export function isCrawler(userAgent: string | undefined): boolean {
  return !userAgent || CRAWLER.test(userAgent);
}

/** The comunicado a code belongs to (its last digits), or undefined for a malformed code. */
export function idOfCode(code: string): string | undefined {
  const m = CODE.exec(code);
  return m ? formatId(2000 + Number(m[2]), Number(m[3])) : undefined;
}

function newCode(id: string): string {
  const m = ID_PATTERN.exec(id)!;
  let rand = '';
  for (let i = 0; i < RANDOM_LENGTH; i++) rand += ALPHABET[randomInt(ALPHABET.length)];
  return `${rand}${m[1]!.slice(2)}${m[2]}`;
}

/** The portal link tagged for a network or a member (utm_source/medium/campaign/content). */
export function tagged(url: string, source: string, medium: string, campaign: string, content?: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url;
  }
  u.searchParams.set('utm_source', source);
  u.searchParams.set('utm_medium', medium);
  u.searchParams.set('utm_campaign', campaign);
  if (content) u.searchParams.set('utm_content', content);
  else u.searchParams.delete('utm_content');
  return u.toString();
}

/** Whose link it is: a network's post (with its destination) or a WhatsApp hand-off member. */
export interface LinkOwner {
  network: string;
  destination?: string;
  member?: string;
  memberName?: string;
  /** utm_content of a post link: the identity (`alcaldia`, `alcalde`). */
  content?: string;
}

export interface ClickCounts {
  total: number;
  byNetwork: Record<string, number>;
  /** WhatsApp clicks per member (by name). */
  byMember: Record<string, number>;
}

export function countClicks(doc: LinksDoc | null): ClickCounts {
  const out: ClickCounts = { total: 0, byNetwork: {}, byMember: {} };
  for (const [code, n] of Object.entries(doc?.clicks ?? {})) {
    const e = doc!.codes[code];
    if (!e || !n) continue;
    out.total += n;
    out.byNetwork[e.network] = (out.byNetwork[e.network] ?? 0) + n;
    if (e.memberName ?? e.member) out.byMember[(e.memberName ?? e.member)!] = (out.byMember[(e.memberName ?? e.member)!] ?? 0) + n;
  }
  return out;
}

/**
 * Clicks per channel for `/estado`: each social account whose posts carry a short link on
 * its own (`facebook:alcaldia`), the rest by network (`whatsapp`).
 */
export function clicksByChannel(doc: LinksDoc | null): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [code, n] of Object.entries(doc?.clicks ?? {})) {
    const e = doc!.codes[code];
    if (!e || !n) continue;
    const channel = e.destination ?? e.network;
    out[channel] = (out[channel] ?? 0) + n;
  }
  return out;
}

export function readLinks(services: Pick<Services, 'store'>, id: string): Promise<LinksDoc | null> {
  return services.store.readDoc<LinksDoc | null>(linksDoc(id), null);
}

/**
 * Short links on `publicUrl` (`/l/<code>`): each WhatsApp hand-off member gets their own,
 * so the office sees who brought readers. A click on GET redirects (302) to the tagged
 * portal URL and counts once; HEAD requests and link-preview fetchers are redirected but
 * not counted; an unknown code answers 404. Clicks are written in groups (one write for
 * every click that arrived while the previous write ran), each click answered once it is
 * stored.
 */
export class ShortLinks {
  private pending = new Map<string, Map<string, number>>();
  private writing: Promise<void> | undefined;

  constructor(private readonly s: Pick<Services, 'store' | 'config' | 'now' | 'logger'>) {}

  get enabled(): boolean {
    return !!this.s.config.publicUrl && this.s.config.figures.shortLinks.enabled;
  }

  /** Whether the posts of this social destination carry a short link (`figures.shortLinks.socialPosts`). */
  countsPostsOf(destination: string): boolean {
    const network = destination.split(':')[0] as SocialNetwork;
    return this.enabled && destinationKind(destination) === 'social' && this.s.config.figures.shortLinks.socialPosts.includes(network);
  }

  /**
   * The short link a social post carries, or undefined when the office does not count that
   * network's clicks. Created once, before the post: a lookup after a crash (`create: false`)
   * finds the same link, so it looks for the same text, and never makes a new one.
   */
  async postLink(id: string, destination: string, portalUrl: string, options: { create: boolean }): Promise<string | undefined> {
    if (!this.countsPostsOf(destination)) return undefined;
    const [network, identity] = destination.split(':') as [string, string];
    return this.linkFor(id, portalUrl, { network, destination, ...(identity ? { content: identity } : {}) }, options);
  }

  private url(code: string): string {
    return `${this.s.config.publicUrl!.replace(/\/+$/, '')}${LINK_PREFIX}/${code}`;
  }

  /**
   * The link of one network or member for a comunicado, created once: asking again
   * returns the same link.
   */
  async linkFor(id: string, portalUrl: string, who: LinkOwner): Promise<string>;
  async linkFor(id: string, portalUrl: string, who: LinkOwner, options: { create: boolean }): Promise<string | undefined>;
  async linkFor(id: string, portalUrl: string, who: LinkOwner, options: { create: boolean } = { create: true }): Promise<string | undefined> {
    const target =
      who.network === 'whatsapp' ? tagged(portalUrl, 'whatsapp', 'difusion', id, who.member) : tagged(portalUrl, who.network, 'social', id, who.content);
    const same = ([, e]: [string, LinkEntry]) => e.network === who.network && e.member === who.member && e.destination === who.destination && e.target === target;
    if (!options.create) {
      const found = Object.entries((await readLinks(this.s, id))?.codes ?? {}).find(same);
      return found ? this.url(found[0]) : undefined;
    }
    let code = '';
    await this.s.store.updateDoc<LinksDoc | null>(linksDoc(id), null, (doc) => {
      const d: LinksDoc = doc ?? { id, codes: {}, clicks: {} };
      const found = Object.entries(d.codes).find(same);
      if (found) {
        code = found[0];
        return d;
      }
      code = newCode(id);
      d.codes[code] = {
        network: who.network,
        ...(who.destination ? { destination: who.destination } : {}),
        ...(who.member ? { member: who.member } : {}),
        ...(who.memberName ? { memberName: who.memberName } : {}),
        target,
        createdAt: this.s.now().toISOString(),
      };
      return d;
    });
    return this.url(code);
  }

  async resolve(code: string): Promise<LinkEntry | undefined> {
    const id = idOfCode(code);
    if (!id) return undefined;
    return (await readLinks(this.s, id))?.codes[code];
  }

  /** Counts one click; resolves once it is stored. */
  async click(code: string): Promise<void> {
    const id = idOfCode(code)!;
    const forId = this.pending.get(id) ?? new Map<string, number>();
    forId.set(code, (forId.get(code) ?? 0) + 1);
    this.pending.set(id, forId);
    await this.flush();
  }

  private async flush(): Promise<void> {
    while (this.writing) await this.writing;
    if (!this.pending.size) return; // an earlier flush took this click along
    const batch = this.pending;
    this.pending = new Map();
    this.writing = (async () => {
      for (const [id, codes] of batch) {
        await this.s.store.updateDoc<LinksDoc | null>(linksDoc(id), null, (doc) => {
          if (!doc) return doc;
          for (const [code, n] of codes) doc.clicks[code] = (doc.clicks[code] ?? 0) + n;
          return doc;
        });
      }
    })().finally(() => {
      this.writing = undefined;
    });
    await this.writing;
  }

  /** The `/l/<code>` route for the app's HTTP server. */
  handler(): RouteHandler {
    return async (req: IncomingMessage, res: ServerResponse) => {
      const path = (req.url ?? '/').split('?')[0]!;
      const code = path.slice(LINK_PREFIX.length + 1);
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end('método no permitido\n');
        return;
      }
      const entry = CODE.test(code) ? await this.resolve(code) : undefined;
      if (!entry) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }).end('enlace no encontrado\n');
        return;
      }
      if (req.method === 'GET' && !isCrawler(req.headers['user-agent'])) {
        try {
          await this.click(code);
        } catch (err) {
          // The reader still gets where they were going; the click is lost, and logged.
          this.s.logger.warn({ err }, 'short link click not stored');
        }
      }
      res.writeHead(302, { location: entry.target, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer-when-downgrade' }).end();
    };
  }
}
