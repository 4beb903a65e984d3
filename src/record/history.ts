import { idYear } from '../domain/comunicado.ts';
import { hasMessage, t } from '../messages/index.ts';
import { formatWhen } from '../render/time.ts';
import type { RecordLine } from './chain.ts';
import { readRecord } from './reader.ts';

/** Every line of the record about one comunicado, oldest first (read from the year of its id on). */
export async function historyOf(dir: string, id: string): Promise<RecordLine[]> {
  const out: RecordLine[] = [];
  for await (const r of readRecord(dir, { fromYear: idYear(id) })) {
    if (r.line?.id === id) out.push(r.line);
  }
  return out;
}

/** The Spanish name of a recorded action. */
export function actionLabel(line: Pick<RecordLine, 'kind' | 'action'>): string {
  const key = line.kind === 'comunicado' ? `audit.${line.action}` : `record.action.${line.kind}.${line.action}`;
  return hasMessage(key) ? t(key) : line.action;
}

export function viaLabel(via: unknown): string | undefined {
  const key = `record.via.${String(via)}`;
  return hasMessage(key) ? t(key) : undefined;
}

/** One line as a person reads it: when, who, what, how, and the link or detail. */
export function describeLine(line: RecordLine, zone: string): string {
  const who = line.actor ? (line.actor.name ?? line.actor.userId) : 'bot';
  const parts = [`#${line.n}`, formatWhen(line.at, zone), who, actionLabel(line)];
  const via = viaLabel(line.via);
  if (via) parts.push(via);
  if (typeof line.version === 'number') parts.push(t('audit.version', { version: line.version }));
  if (typeof line.destination === 'string') parts.push(line.destination);
  if (typeof line.url === 'string') parts.push(line.url);
  else if (typeof line.detail === 'string' && line.detail) parts.push(line.detail.slice(0, 200));
  return parts.join(' · ');
}
