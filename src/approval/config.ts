import { z } from 'zod';
import {
  chatMembers,
  JEFE_GROUP,
  type ApprovalMember,
  type ApprovalPolicy,
  type Coverage,
} from '../domain/approval-rules.ts';
import { PLATFORMS, type Platform } from '../domain/comunicado.ts';

/**
 * The keys `approval.groups`, `approval.rules`, `approval.restrictedPeriods`,
 * `approval.links` and `approval.reminders` of the config. Keys in English; the example
 * config and docs/aprobacion.md explain them in Spanish.
 */

const groupName = z.string().regex(/^[a-z][a-z0-9_-]{1,30}$/, 'nombre de grupo en minúsculas, sin espacios ni tildes');
const day = z.iso.date();

const memberSchema = z
  .object({
    name: z.string().min(1).max(120),
    email: z.email().optional(),
    slack: z.coerce.string().min(1).optional(),
    telegram: z.coerce.string().min(1).optional(),
    console: z.string().min(1).optional(),
    /** Where the signed link goes: `email`, `dm` (the chat), or `none` (the member reacts in the chat). */
    link: z.enum(['email', 'dm', 'none']).optional(),
  })
  .refine((m) => m.email || m.slack || m.telegram || m.console, 'cada miembro necesita un correo o un usuario de chat')
  .refine((m) => m.link !== 'email' || m.email, 'link: email necesita el correo del miembro')
  .refine((m) => m.link !== 'dm' || m.slack || m.telegram || m.console, 'link: dm necesita un usuario de chat');

const requirementSchema = z.object({ group: groupName, count: z.number().int().min(1).max(20).default(1) });

const coverageShape = {
  destinations: z.array(z.string().regex(/^[a-z*]+:[a-z0-9_*-]+$/, 'destino o patrón como «*:alcalde» o «portal:*»')).default([]),
  identities: z.array(z.string().min(1)).default([]),
  kinds: z.array(z.enum(['portal', 'social', 'email'])).default([]),
};

export const approvalRulesShape = {
  /** Groups of approvers besides `jefe` (the approvers list), e.g. `despacho`, `juridica`. */
  groups: z
    .record(groupName, z.object({ label: z.string().min(1).max(80).optional(), members: z.array(memberSchema).max(50).default([]) }))
    .default({}),
  /** Extra approvals a destination, an identity or a kind requires (the Jefe is always required). */
  rules: z
    .array(z.object({ ...coverageShape, require: z.array(requirementSchema).min(1) }))
    .default([]),
  /** `all`: nothing goes out until every destination's rules are met; `per-destination`: each goes out as soon as its own are. */
  release: z.enum(['all', 'per-destination']).default('all'),
  /** Date windows (e.g. the ley de garantías) with an extra group or a block. */
  restrictedPeriods: z
    .array(
      z
        .object({
          from: day,
          to: day,
          reason: z.string().min(1).max(300),
          ...coverageShape,
          require: z.array(requirementSchema).default([]),
          block: z.boolean().default(false),
        })
        .refine((p) => p.from <= p.to, 'el periodo termina antes de empezar')
        .refine((p) => p.block || p.require.length > 0, 'el periodo debe pedir un grupo (require) o bloquear (block: true)'),
    )
    .default([]),
  links: z
    .object({
      /** Hours a signed link stays valid. */
      expiresHours: z.number().min(1).max(168).default(24),
    })
    .prefault({}),
  reminders: z
    .object({
      /** Minutes an approval may wait before the approvers who still have to act are reminded (0 disables). */
      afterMinutes: z.number().int().min(0).max(10_080).default(120),
      /** No reminders from this hour to `quietUntil` (office time). */
      quietFrom: z.number().int().min(0).max(23).default(21),
      quietUntil: z.number().int().min(0).max(23).default(7),
      /** A scheduled comunicado still waiting this many minutes before its hour warns the author. */
      scheduledWarnMinutes: z.number().int().min(0).max(1440).default(60),
    })
    .prefault({}),
};

const rulesObject = z.object(approvalRulesShape);
export type ApprovalRulesConfig = z.infer<typeof rulesObject>;

function coverage(c: { destinations: string[]; identities: string[]; kinds: Coverage['kinds'] }): Coverage {
  return { destinations: c.destinations, identities: c.identities, kinds: c.kinds };
}

function member(m: z.infer<typeof memberSchema>): ApprovalMember {
  const chat: Partial<Record<Platform, string>> = {};
  for (const p of PLATFORMS) if (m[p]) chat[p] = m[p];
  const first = PLATFORMS.find((p) => chat[p]);
  const key = m.email ? `email:${m.email.toLowerCase()}` : `${first}:${chat[first!]}`;
  const link = m.link ?? (m.email && !first ? 'email' : 'none');
  return { key, name: m.name, chat, ...(m.email ? { email: m.email } : {}), link };
}

/** The policy the workflow evaluates, from the `approval` section. */
export function policyFromConfig(
  approval: ApprovalRulesConfig & { approvers: Record<Platform, string[]> },
  timeZone: string,
): ApprovalPolicy {
  const jefe = chatMembers(approval.approvers);
  const extraJefe = approval.groups[JEFE_GROUP];
  const groups: ApprovalPolicy['groups'] = {
    [JEFE_GROUP]: {
      name: JEFE_GROUP,
      label: extraJefe?.label ?? 'Jefe de Oficina',
      // A Jefe listed with an email too (for links on the road) is the same person as their chat id.
      members: [...jefe.filter((j) => !(extraJefe?.members ?? []).some((m) => Object.entries(j.chat).every(([p, id]) => m[p as Platform] === id))), ...(extraJefe?.members ?? []).map(member)],
    },
  };
  for (const [name, g] of Object.entries(approval.groups)) {
    if (name === JEFE_GROUP) continue;
    groups[name] = { name, label: g.label ?? name.charAt(0).toUpperCase() + name.slice(1), members: g.members.map(member) };
  }
  return {
    groups,
    base: [{ group: JEFE_GROUP, count: 1 }],
    rules: approval.rules.map((r) => ({ ...coverage(r), require: r.require })),
    release: approval.release,
    restrictedPeriods: approval.restrictedPeriods.map((p) => ({ ...coverage(p), from: p.from, to: p.to, reason: p.reason, require: p.require, block: p.block })),
    timeZone,
  };
}

/** Groups named by rules or periods that the config does not define (a typo would silently block). */
export function unknownGroups(policy: ApprovalPolicy): string[] {
  const named = [...policy.rules.flatMap((r) => r.require), ...policy.restrictedPeriods.flatMap((p) => p.require)].map((r) => r.group);
  return [...new Set(named.filter((g) => !policy.groups[g]))];
}

/** Config check: every group a rule or period requires exists, with enough members for its count. */
export function checkApprovalGroups(approval: ApprovalRulesConfig, ctx: z.RefinementCtx): void {
  const defined = new Set([JEFE_GROUP, ...Object.keys(approval.groups)]);
  const check = (reqs: Array<{ group: string; count: number }>, path: Array<string | number>) =>
    reqs.forEach((r, i) => {
      if (!defined.has(r.group)) {
        ctx.addIssue({ code: 'custom', path: [...path, i, 'group'], message: `el grupo «${r.group}» no está definido en approval.groups` });
      } else if (r.group !== JEFE_GROUP && (approval.groups[r.group]?.members.length ?? 0) < r.count) {
        ctx.addIssue({ code: 'custom', path: [...path, i, 'count'], message: `el grupo «${r.group}» tiene menos miembros que las aprobaciones pedidas (${r.count})` });
      }
    });
  approval.rules.forEach((r, i) => check(r.require, ['rules', i, 'require']));
  approval.restrictedPeriods.forEach((p, i) => check(p.require, ['restrictedPeriods', i, 'require']));
}
