import type { Platform } from '../domain/comunicado.ts';
import type { TeamConfig } from './config.ts';
import { memberSlug } from './slug.ts';

export interface Member {
  /** Unique within the roster: the key of the member's record and the utm_content. */
  slug: string;
  name: string;
  ids: Partial<Record<Platform, string>>;
}

/**
 * The members taking part in the hand-off. Slugs are made unique (`ana-perez`,
 * `ana-perez-2`) so two people with the same name never share a record; the console chat
 * knows everyone by their console name (default: the slug).
 */
export function handoffRoster(team: TeamConfig): Member[] {
  const seen = new Map<string, number>();
  const out: Member[] = [];
  for (const m of team.members) {
    if (!m.handoff) continue;
    const base = memberSlug(m.name);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    const slug = n === 1 ? base : `${base}-${n}`;
    const ids: Member['ids'] = { console: m.console ?? slug };
    if (m.slack) ids.slack = m.slack;
    if (m.telegram) ids.telegram = m.telegram;
    out.push({ slug, name: m.name, ids });
  }
  return out;
}

/**
 * Where to send a member their hand-off: one platform only, so nobody gets it twice. The
 * comunicado's own platform first, then Slack, Telegram, and the console last (it only
 * runs when no real chat does).
 */
export function pickAddress(member: Member, running: Platform[], preferred: Platform): { platform: Platform; userId: string } | undefined {
  const order: Platform[] = [preferred, 'slack', 'telegram', 'console'];
  for (const p of order) {
    const id = member.ids[p];
    if (id && running.includes(p)) return { platform: p, userId: id };
  }
  return undefined;
}

/** The member a chat user is, by their id on that platform. */
export function memberByActor(roster: Member[], platform: Platform, userId: string): Member | undefined {
  return roster.find((m) => m.ids[platform] === userId);
}
