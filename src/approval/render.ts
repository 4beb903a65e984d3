import { covers, type ApprovalProgress, type GroupProgress } from '../domain/approval-rules.ts';
import { t } from '../messages/index.ts';
import { destinationLabel } from '../render/chat.ts';
import { formatDay } from '../render/time.ts';

function labels(destinations: string[]): string {
  return destinations.map(destinationLabel).join(', ');
}

/** Groups by (group, state): one line per requirement, with the destinations it applies to. */
function byGroup(progress: ApprovalProgress): Array<{ g: GroupProgress; destinations: string[] }> {
  const out = new Map<string, { g: GroupProgress; destinations: string[] }>();
  for (const d of progress.destinations) {
    if (d.blockedBy) continue;
    for (const g of d.groups) {
      const key = `${g.group}|${g.need}|${g.missing}|${g.approvedBy.join(',')}`;
      const e = out.get(key) ?? { g, destinations: [] };
      e.destinations.push(d.destination);
      out.set(key, e);
    }
  }
  return [...out.values()];
}

/** A group's label as the progress carries it (the config's `label`), else its name. */
function labelOf(progress: ApprovalProgress, group: string): string {
  for (const d of progress.destinations) for (const g of d.groups) if (g.group === group) return g.label;
  return group;
}

function who(g: GroupProgress): string {
  return g.waitingOn.length ? g.waitingOn.map((m) => m.name).join(', ') : t('approval.nobody');
}

/**
 * The lines the preview and `/estado` add: restricted periods in force, blocked
 * destinations, and per group who approved and who still has to, for which destinations.
 * Empty under today's default (one Jefe for everything), so that preview stays as it was.
 */
export function approvalLines(progress: ApprovalProgress): string[] {
  if (!progress.beyondDefault) return [];
  const lines: string[] = [];
  for (const p of progress.periods) {
    const destinations = progress.destinations.filter((d) => covers(p, d.destination)).map((d) => d.destination);
    const requirement = p.block
      ? t('approval.period_blocks', { destinations: labels(destinations) })
      : t('approval.period_requires', { groups: p.require.map((r) => labelOf(progress, r.group)).join(', '), destinations: labels(destinations) });
    lines.push(t('approval.period_line', { from: formatDay(p.from), to: formatDay(p.to), reason: p.reason, requirement }));
  }
  const blocked = progress.destinations.filter((d) => d.blockedBy);
  for (const d of blocked) lines.push(t('approval.blocked_line', { destinations: destinationLabel(d.destination), to: formatDay(d.blockedBy!.to), reason: d.blockedBy!.reason }));
  const groups = byGroup(progress);
  if (groups.length) lines.push(t('approval.missing_heading'));
  for (const { g, destinations } of groups) {
    lines.push(
      g.missing > 0
        ? t('approval.missing_line', { group: g.label, missing: g.missing, need: g.need, who: who(g), destinations: labels(destinations) })
        : t('approval.done_line', { group: g.label, names: g.approvedBy.join(', '), destinations: labels(destinations) }),
    );
  }
  return lines;
}

/** «Despacho para Facebook · Alcalde, X · Alcalde; Jefe de Oficina para …»: what is still missing. */
export function missingSummary(progress: ApprovalProgress): string {
  return byGroup(progress)
    .filter(({ g }) => g.missing > 0)
    .map(({ g, destinations }) => t('approval.progress_item', { group: `${g.label} (${who(g)})`, destinations: labels(destinations) }))
    .join('; ');
}
