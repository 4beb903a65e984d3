import type { Comunicado } from '../domain/comunicado.ts';
import { usesNoSpeechException } from '../domain/accessibility.ts';
import type { Store } from '../store/port.ts';

/** When a comunicado went out: its publication, or the end of a partial one. */
export function wentOutAt(c: Comunicado): string | undefined {
  if (c.state !== 'published' && c.state !== 'partially_published') return undefined;
  return c.publishedAt ?? [...c.audit].reverse().find((a) => a.action === 'finish_publishing')?.at;
}

/**
 * The comunicados that went out between `from` and `to` with a video declared without
 * speech (`sin voz`, so without captions): the Jefe sees how often the exception is used.
 */
export async function noSpeechComunicados(store: Store, from: Date, to: Date): Promise<string[]> {
  const ids: string[] = [];
  for (const s of await store.list()) {
    if ((s.state !== 'published' && s.state !== 'partially_published') || Date.parse(s.updatedAt) < from.getTime()) continue;
    const c = await store.get(s.id);
    const at = c ? wentOutAt(c) : undefined;
    if (!c || !at || Date.parse(at) < from.getTime() || Date.parse(at) > to.getTime()) continue;
    if (usesNoSpeechException(c.content)) ids.push(c.id);
  }
  return ids.sort();
}
