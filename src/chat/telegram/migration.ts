import type { Config } from '../../config/schema.ts';
import type { Comunicado } from '../../domain/comunicado.ts';
import type { Store } from '../../store/port.ts';
import type { Logger } from '../../util/logger.ts';

const DOC = 'telegram/migrations';

/** Old chat id -> new chat id, as Telegram reported them. */
export type MigrationMap = Record<string, string>;

/**
 * When a group becomes a supergroup Telegram gives it a new id, and the old one refuses
 * every call. This keeps the moves in a store document and applies them everywhere a chat
 * id lives: the configured chats (in memory: the config file keeps the old id until a
 * person updates it; the map bridges the restart), the comunicados whose origin, preview
 * or status is there, and every id the adapter sends or receives.
 */
export class ChatMigrations {
  private map: MigrationMap = {};
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: Store,
    private readonly config: Config,
    private readonly logger: Logger,
  ) {}

  /** Loads the moves recorded before and points the configured chats at the new ids. */
  async load(): Promise<void> {
    this.map = await this.store.readDoc<MigrationMap>(DOC, {});
    for (const from of Object.keys(this.map)) this.moveConfig(from, this.resolve(from));
  }

  /** The current id of a chat: follows old -> new, also across several moves. */
  resolve(id: string): string {
    let current = id;
    for (let hops = 0; hops < 10 && this.map[current] !== undefined; hops++) current = this.map[current]!;
    return current;
  }

  /** Every id that once named the chat now called `id` (for looking up older records). */
  formerIds(id: string): string[] {
    return Object.keys(this.map).filter((old) => old !== id && this.resolve(old) === id);
  }

  /**
   * Records a move and carries it out. Serialized and idempotent: the service message in
   * the old group, the one in the new supergroup and a refused call may all report it.
   * Resolves to true when this call made the move (the caller then tells the group).
   */
  migrate(from: string, to: string): Promise<boolean> {
    const run = this.chain.then(() => this.apply(from, to));
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async apply(from: string, to: string): Promise<boolean> {
    if (from === to || this.resolve(from) === to) return false;
    await this.store.updateDoc<MigrationMap>(DOC, {}, (doc) => ({ ...doc, [from]: to }));
    this.map = { ...this.map, [from]: to };
    this.moveConfig(from, to);
    const moved = await this.moveComunicados(from, to);
    this.logger.warn(
      { from, to, comunicados: moved },
      'telegram group became a supergroup: chat id moved (update chats.telegram in the config to the new id)',
    );
    return true;
  }

  /**
   * The configured chats, in place: the hub reads this same object to decide which chats
   * it hears and where previews and digests go.
   */
  private moveConfig(from: string, to: string): void {
    const tg = this.config.chats.telegram;
    if (!tg || from === to) return;
    tg.chats = [...new Set(tg.chats.map((c) => (c === from ? to : c)))];
    if (tg.approvalsChat === from) tg.approvalsChat = to;
    if (tg.digestChat === from) tg.digestChat = to;
  }

  /** Comunicados of the working set that live in the old chat now live in the new one. */
  private async moveComunicados(from: string, to: string): Promise<number> {
    let moved = 0;
    for (const summary of await this.store.list()) {
      const c = await this.store.get(summary.id);
      if (!c || !livesIn(c, from)) continue;
      const updated = await this.store.update(c.id, (cur) => {
        if (cur.origin.platform === 'telegram' && cur.origin.channel === from) cur.origin.channel = to;
        for (const ref of [cur.messages.preview, cur.messages.status, ...(cur.messages.superseded ?? [])]) {
          if (ref?.platform === 'telegram' && ref.channel === from) ref.channel = to;
        }
        return cur;
      });
      // The reverse index (message -> comunicado) must answer under the new id too.
      for (const ref of [updated.messages.preview, updated.messages.status, ...(updated.messages.superseded ?? [])]) {
        if (ref?.platform === 'telegram' && ref.channel === to) await this.store.linkMessage(ref, updated.id);
      }
      moved++;
    }
    return moved;
  }
}

function livesIn(c: Comunicado, chat: string): boolean {
  const refs = [c.origin, c.messages.preview, c.messages.status];
  return refs.some((r) => r?.platform === 'telegram' && r.channel === chat);
}
