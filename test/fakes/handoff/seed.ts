import type { Comunicado, Content, Delivery, State } from '../../../src/domain/comunicado.ts';
import type { HandoffRecord } from '../../../src/handoff/record.ts';
import type { Store } from '../../../src/store/port.ts';

const AUTHOR = { platform: 'slack' as const, userId: 'UREDACTORA', name: 'Laura Redactora' };

/** A comunicado as the store would hold it after its life so far (for seeding a store). */
export function seeded(
  id: string,
  state: State,
  over: { content?: Partial<Content> & { title: string }; deliveries?: Array<Partial<Delivery> & Pick<Delivery, 'destination' | 'state'>>; createdAt: string; extra?: Partial<Comunicado> },
): Comunicado {
  const content: Content = { lead: 'Entradilla.', body: 'Cuerpo.', hashtags: [], attachments: [], destinations: [], ...over.content! };
  const deliveries: Record<string, Delivery> = {};
  for (const d of over.deliveries ?? []) {
    deliveries[d.destination] = { attempts: 1, dryRun: false, ...d } as Delivery;
    if (!content.destinations.includes(d.destination)) content.destinations.push(d.destination);
  }
  return {
    id,
    state,
    content,
    version: 1,
    versions: [{ version: 1, at: over.createdAt, actor: AUTHOR, content }],
    author: AUTHOR,
    origin: { platform: 'slack', channel: 'CCOM', messageId: `m-${id}` },
    messages: {},
    approvals: [],
    deliveries,
    createdAt: over.createdAt,
    updatedAt: over.extra?.updatedAt ?? over.createdAt,
    audit: [{ at: over.createdAt, actor: AUTHOR, action: 'submit' }],
    ...over.extra,
  };
}

export async function seedAll(store: Store, list: Comunicado[]): Promise<void> {
  for (const c of list) await store.create(c);
}

export function handoffRecord(id: string, title: string, createdAt: string, members: Array<{ name: string; slug: string; state: 'sent' | 'failed' | 'unknown'; confirmed?: boolean }>): HandoffRecord {
  return {
    id,
    title,
    createdAt,
    portalUrl: `https://portal.example.test/noticia/${id.toLowerCase()}`,
    remindAt: createdAt,
    members: Object.fromEntries(
      members.map((m) => [
        m.slug,
        { name: m.name, platform: 'slack', userId: `U-${m.slug}`, dm: { state: m.state, attempts: 1, at: createdAt }, ...(m.confirmed ? { confirmedAt: createdAt, confirmedVia: 'button' as const } : {}) },
      ]),
    ),
  };
}
