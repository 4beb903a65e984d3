import type { Comunicado, Delivery, MessageRef } from '../domain/comunicado.ts';
import { t } from '../messages/index.ts';
import { SYSTEM } from '../publish/engine.ts';
import type { DestinationPreview, PublishContext, TakeDownResult } from '../publish/port.ts';
import type { Services } from '../service/extension.ts';
import type { Store } from '../store/port.ts';

const POPUP = 'portal:popup';

/** A pop-up is up: published, not taken down. */
function popupUp(d: Delivery | undefined): d is Delivery {
  return !!d && d.state === 'done' && !d.takenDownAt;
}

/**
 * The comunicados whose pop-up is on the portal now (normally one), other than `exceptId`.
 * A portal shows one pop-up at a time.
 */
export async function currentPopups(store: Store, exceptId?: string): Promise<Comunicado[]> {
  const out: Comunicado[] = [];
  for (const s of await store.list()) {
    if (s.id === exceptId || s.deliveries[POPUP] !== 'done') continue;
    const c = await store.get(s.id);
    if (c && popupUp(c.deliveries[POPUP])) out.push(c);
  }
  return out;
}

/** The preview of a new pop-up says which one it replaces (the Jefe approves knowing it). */
export async function withPopupNote(store: Store, c: Comunicado, previews: DestinationPreview[]): Promise<DestinationPreview[]> {
  if (!c.content.destinations.includes(POPUP)) return previews;
  const current = await currentPopups(store, c.id);
  if (!current.length) return previews;
  const note = current.map((x) => t('kind.popup.replaces', { id: x.id, title: x.content.title })).join('\n');
  return previews.map((p) => (p.destination === POPUP ? { ...p, warnings: [note, ...p.warnings] } : p));
}

/**
 * The images the placements will show, fitted to their theme's size, uploaded into the
 * preview's thread: the Jefe sees the padded slider or pop-up image before approving. A
 * file that cannot be made or shown is logged; the preview already names it in words.
 */
export async function showFittedImages(
  deps: { registry: Services['registry']; chats: Services['chats']; dataDir: string; logger: Services['logger'] },
  c: Comunicado,
  preview: MessageRef,
): Promise<void> {
  for (const dest of c.content.destinations) {
    const publisher = deps.registry.get(dest);
    if (!publisher.previewImages) continue;
    try {
      for (const file of await publisher.previewImages(c, deps.dataDir)) {
        await deps.chats.get(preview.platform).upload({ channel: preview.channel, threadId: preview.threadId ?? preview.messageId }, file);
      }
    } catch (err) {
      deps.logger.warn({ err: String(err), comunicado: c.id, destination: dest }, 'fitted image not shown in the preview');
    }
  }
}

/**
 * After a comunicado's pop-up went up: every other pop-up still up is taken down with its
 * publisher's take-down (the same as at the end of a vigencia), and the replacement is
 * recorded on both comunicados (delivery and history) and said in both threads. A failure
 * is recorded too and a person is asked to take the old one down.
 */
export async function replacePopups(services: Services, c: Comunicado): Promise<void> {
  if (!popupUp(c.deliveries[POPUP])) return;
  for (const old of await currentPopups(services.store, c.id)) {
    const d = old.deliveries[POPUP]!;
    const publisher = services.registry.get(POPUP);
    const log = services.logger.child({ module: 'popup', comunicado: old.id, replacedBy: c.id });
    let result: TakeDownResult | undefined;
    let error: string | undefined;
    if (publisher.takeDown) {
      const ctx: PublishContext = { dataDir: services.dataDir, logger: log, progress: () => {} };
      try {
        result = (await publisher.takeDown(old, d, ctx)) ?? { outcome: 'removed', detail: '' };
      } catch (err) {
        error = err instanceof Error ? err.message : String(err);
      }
    } else if (publisher.dryRun || d.dryRun) {
      result = { outcome: 'removed', detail: t('schedule.takedown_simulated') };
    } else {
      error = t('kind.popup.no_takedown');
    }
    const at = services.now().toISOString();
    await services.store.update(old.id, (cur) => {
      const del = cur.deliveries[POPUP];
      if (!del) return cur;
      if (result) {
        del.takenDownAt = at;
        del.meta = { ...del.meta, takeDown: { attempts: 1, lastAt: at, outcome: result.outcome, detail: result.detail, replacedBy: c.id } };
        cur.audit.push({ at, actor: SYSTEM, action: 'popup_replaced', detail: `${POPUP}: ${t('kind.popup.replaced_by', { id: c.id })}${result.detail ? ` — ${result.detail}` : ''}` });
      } else {
        cur.audit.push({ at, actor: SYSTEM, action: 'popup_replace_failed', detail: `${POPUP}: ${error}` });
      }
      return cur;
    });
    await services.store.update(c.id, (cur) => {
      cur.audit.push({ at, actor: SYSTEM, action: result ? 'popup_replaces' : 'popup_replace_failed', detail: `${POPUP}: ${result ? t('kind.popup.took_down', { id: old.id }) : error}` });
      return cur;
    });
    const say = (x: Comunicado, text: string) => services.chats.tryPost(x.origin.platform, services.comunicados.previewThread(x), { text });
    if (result) {
      log.info({ outcome: result.outcome }, 'pop-up replaced');
      await say(old, t('kind.popup.old_thread', { id: old.id, by: c.id, title: c.content.title, detail: result.detail || result.outcome }));
      await say(c, t('kind.popup.new_thread', { id: c.id, old: old.id, title: old.content.title }));
    } else {
      log.warn({ err: error }, 'pop-up not replaced');
      await say(c, t('kind.popup.failed', { id: c.id, old: old.id, detail: error ?? '' }));
    }
  }
}
