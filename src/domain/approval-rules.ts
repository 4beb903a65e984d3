import { DateTime } from 'luxon';
import { destinationKind, type Actor, type Comunicado, type Platform } from './comunicado.ts';

/**
 * Who must approve a comunicado, per destination: the approval rules of the config as a
 * pure evaluation. No I/O; the workflow asks it whether an approval releases the
 * comunicado, the preview and `/estado` ask it who still has to act.
 */

/** The group every destination needs by default: the approvers list of the config. */
export const JEFE_GROUP = 'jefe';

/** How a member is reached for a decision outside the chat. */
export type LinkDelivery = 'email' | 'dm' | 'none';

export interface ApprovalMember {
  /** Stable key (recorded with each decision): `email:…`, or `slack:U123`… */
  key: string;
  name: string;
  /** Chat ids by platform: a reaction or button from them counts for the member. */
  chat: Partial<Record<Platform, string>>;
  email?: string;
  /** Where the signed link goes: the member's email, a DM in the chat, or nowhere (reacts in the chat). */
  link: LinkDelivery;
}

export interface ApprovalGroup {
  name: string;
  /** How people read the group's name («Despacho del Alcalde»). */
  label: string;
  members: ApprovalMember[];
}

/** `count` distinct members of `group` must approve. */
export interface Requirement {
  group: string;
  count: number;
}

/** What a rule or a restricted period covers: any matching criterion is enough. */
export interface Coverage {
  /** Destination patterns, `*` matches any run of characters: `*:alcalde`, `portal:*`, `x:alcalde`. */
  destinations: string[];
  /** Identities (the part after `:` of a social destination): `alcalde`, `alcaldia`. */
  identities: string[];
  /** Kinds of destination: `portal`, `social`, `email`. */
  kinds: Array<'portal' | 'social' | 'email'>;
}

export interface ApprovalRule extends Coverage {
  require: Requirement[];
}

export interface RestrictedPeriod extends Coverage {
  /** First and last day (office time zone, YYYY-MM-DD), both included. */
  from: string;
  to: string;
  reason: string;
  /** Extra approvals needed while the period lasts. */
  require: Requirement[];
  /** Nothing it covers may be approved while the period lasts. */
  block: boolean;
}

export type ReleaseMode = 'all' | 'per-destination';

export interface ApprovalPolicy {
  groups: Record<string, ApprovalGroup>;
  /** Required of every destination (today's single Jefe: one member of `jefe`). */
  base: Requirement[];
  rules: ApprovalRule[];
  release: ReleaseMode;
  restrictedPeriods: RestrictedPeriod[];
  timeZone: string;
}

/** The policy of a config with no rules: one member of the approvers list for everything. */
export function defaultPolicy(approvers: Record<Platform, string[]>, timeZone = 'America/Bogota'): ApprovalPolicy {
  return {
    groups: { [JEFE_GROUP]: { name: JEFE_GROUP, label: 'Jefe de Oficina', members: chatMembers(approvers) } },
    base: [{ group: JEFE_GROUP, count: 1 }],
    rules: [],
    release: 'all',
    restrictedPeriods: [],
    timeZone,
  };
}

/** One member per chat id of an approvers list (`slack:U123`). */
export function chatMembers(ids: Partial<Record<Platform, string[]>>): ApprovalMember[] {
  const out: ApprovalMember[] = [];
  for (const [platform, list] of Object.entries(ids) as Array<[Platform, string[]]>) {
    for (const id of list ?? []) out.push({ key: `${platform}:${id}`, name: id, chat: { [platform]: id }, link: 'none' });
  }
  return out;
}

function globMatch(pattern: string, value: string): boolean {
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(value);
}

/** Whether a rule or period covers this destination. */
export function covers(c: Coverage, destination: string): boolean {
  const kind = destinationKind(destination);
  const identity = kind === 'social' ? destination.split(':')[1] : undefined;
  return (
    c.destinations.some((p) => globMatch(p, destination)) ||
    (identity !== undefined && c.identities.includes(identity)) ||
    c.kinds.includes(kind)
  );
}

/** The office day (YYYY-MM-DD) of an instant. */
function officeDay(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).toISODate() ?? at.toISOString().slice(0, 10);
}

/** Restricted periods in force on the day the comunicado goes out: its embargo hour, else now. */
export function activePeriods(policy: ApprovalPolicy, c: Pick<Comunicado, 'content'>, now: Date): RestrictedPeriod[] {
  const at = c.content.publishAt && Date.parse(c.content.publishAt) > now.getTime() ? new Date(c.content.publishAt) : now;
  const day = officeDay(at, policy.timeZone);
  return policy.restrictedPeriods.filter((p) => p.from <= day && day <= p.to);
}

/** Merges requirements: the same group keeps the highest count. */
function merge(list: Requirement[]): Requirement[] {
  const by = new Map<string, number>();
  for (const r of list) by.set(r.group, Math.max(by.get(r.group) ?? 0, r.count));
  return [...by].map(([group, count]) => ({ group, count }));
}

/** What one destination requires now: the base, every matching rule, every period in force. */
export function requirementsFor(policy: ApprovalPolicy, destination: string, periods: RestrictedPeriod[]): { require: Requirement[]; blockedBy?: RestrictedPeriod } {
  const list = [...policy.base];
  for (const r of policy.rules) if (covers(r, destination)) list.push(...r.require);
  let blockedBy: RestrictedPeriod | undefined;
  for (const p of periods) {
    if (!covers(p, destination)) continue;
    list.push(...p.require);
    if (p.block && !blockedBy) blockedBy = p;
  }
  return { require: merge(list), ...(blockedBy ? { blockedBy } : {}) };
}

/** Whether a member is this chat actor. */
export function isMemberActor(m: ApprovalMember, actor: Pick<Actor, 'platform' | 'userId'>): boolean {
  return m.chat[actor.platform] === actor.userId;
}

/** The member a decision came from: named by key (a link), else found by chat id. */
export function memberFor(policy: ApprovalPolicy, who: { actor: Pick<Actor, 'platform' | 'userId'>; member?: string | undefined }): ApprovalMember | undefined {
  for (const g of Object.values(policy.groups)) {
    for (const m of g.members) if (who.member ? m.key === who.member : isMemberActor(m, who.actor)) return m;
  }
  return undefined;
}

/** The groups a person belongs to (by member key or chat id). */
export function groupsOf(policy: ApprovalPolicy, who: { actor: Pick<Actor, 'platform' | 'userId'>; member?: string | undefined }): string[] {
  return Object.values(policy.groups)
    .filter((g) => g.members.some((m) => (who.member ? m.key === who.member : isMemberActor(m, who.actor))))
    .map((g) => g.name);
}

/** The key a decision counts under: the member's, or the chat actor's own. */
export function deciderKey(policy: ApprovalPolicy, who: { actor: Pick<Actor, 'platform' | 'userId'>; member?: string | undefined }): string {
  return memberFor(policy, who)?.key ?? `${who.actor.platform}:${who.actor.userId}`;
}

export interface GroupProgress {
  group: string;
  label: string;
  need: number;
  /** Names of the members who approved this version. */
  approvedBy: string[];
  /** How many more approvals the group still owes. */
  missing: number;
  /** Members who could still approve (not yet approved). */
  waitingOn: ApprovalMember[];
}

export interface DestinationProgress {
  destination: string;
  groups: GroupProgress[];
  met: boolean;
  blockedBy?: RestrictedPeriod;
}

export interface ApprovalProgress {
  destinations: DestinationProgress[];
  /** Periods in force that cover at least one of the destinations. */
  periods: RestrictedPeriod[];
  /** Every destination's requirements are met and none is blocked. */
  complete: boolean;
  /** Destinations that may go out now, under the policy's release mode. */
  released: string[];
  /** Whether the policy asks for more than one approval from the Jefe anywhere (worth showing). */
  beyondDefault: boolean;
}

/**
 * Who approved the current version, who still has to, for which destinations. Approvals of
 * an earlier version do not count (an edit sends the comunicado back to approval).
 */
export function approvalProgress(policy: ApprovalPolicy, c: Pick<Comunicado, 'content' | 'approvals' | 'version'>, now: Date): ApprovalProgress {
  const periods = activePeriods(policy, c, now);
  // Decider key -> the name they approved under (the chat's display name beats a bare id).
  const approvedNames = new Map<string, string>();
  for (const a of c.approvals) {
    if (a.kind !== 'approve' || a.version !== c.version) continue;
    const m = memberFor(policy, { actor: a.actor, member: a.member });
    approvedNames.set(m?.key ?? `${a.actor.platform}:${a.actor.userId}`, m && m.name !== m.chat[a.actor.platform] ? m.name : (a.actor.name ?? m?.name ?? a.actor.userId));
  }
  const approvedKeys = new Set(approvedNames.keys());
  const destinations: DestinationProgress[] = c.content.destinations.map((destination) => {
    const { require, blockedBy } = requirementsFor(policy, destination, periods);
    const groups = require.map((r): GroupProgress => {
      const group = policy.groups[r.group];
      const members = group?.members ?? [];
      const approved = members.filter((m) => approvedKeys.has(m.key));
      const missing = Math.max(0, r.count - approved.length);
      return {
        group: r.group,
        label: group?.label ?? r.group,
        need: r.count,
        approvedBy: approved.map((m) => approvedNames.get(m.key) ?? m.name),
        missing,
        waitingOn: missing > 0 ? members.filter((m) => !approvedKeys.has(m.key)) : [],
      };
    });
    const met = !blockedBy && groups.every((g) => g.missing === 0);
    return { destination, groups, met, ...(blockedBy ? { blockedBy } : {}) };
  });
  const complete = destinations.length > 0 && destinations.every((d) => d.met);
  const released = policy.release === 'all' ? (complete ? destinations.map((d) => d.destination) : []) : destinations.filter((d) => d.met).map((d) => d.destination);
  const usedPeriods = periods.filter((p) => c.content.destinations.some((d) => covers(p, d)));
  const beyondDefault =
    usedPeriods.length > 0 || destinations.some((d) => d.groups.some((g) => g.group !== JEFE_GROUP || g.need > 1));
  return { destinations, periods: usedPeriods, complete, released, beyondDefault };
}

/** Whether this person's approval is still wanted: a member of a group that still owes approvals. */
export function stillWanted(progress: ApprovalProgress, policy: ApprovalPolicy, who: { actor: Pick<Actor, 'platform' | 'userId'>; member?: string | undefined }): boolean {
  const mine = new Set(groupsOf(policy, who));
  return progress.destinations.some((d) => d.groups.some((g) => g.missing > 0 && mine.has(g.group)));
}

/** Whether this person may decide on the comunicado at all: a member of a group it requires. */
export function mayDecide(progress: ApprovalProgress, policy: ApprovalPolicy, who: { actor: Pick<Actor, 'platform' | 'userId'>; member?: string | undefined }): boolean {
  const mine = new Set(groupsOf(policy, who));
  return progress.destinations.some((d) => d.groups.some((g) => mine.has(g.group)));
}

/** Members who still have to act, each once, with the destinations they are needed for. */
export function pendingMembers(progress: ApprovalProgress): Array<{ member: ApprovalMember; destinations: string[]; groups: string[] }> {
  const by = new Map<string, { member: ApprovalMember; destinations: Set<string>; groups: Set<string> }>();
  for (const d of progress.destinations) {
    if (d.blockedBy) continue;
    for (const g of d.groups) {
      for (const m of g.waitingOn) {
        const e = by.get(m.key) ?? { member: m, destinations: new Set<string>(), groups: new Set<string>() };
        e.destinations.add(d.destination);
        e.groups.add(g.label);
        by.set(m.key, e);
      }
    }
  }
  return [...by.values()].map((e) => ({ member: e.member, destinations: [...e.destinations], groups: [...e.groups] }));
}
