import { LIMITS, parseDestinations } from '../../domain/form.ts';
import { t } from '../../messages/index.ts';
import type { Store } from '../../store/port.ts';
import type { FileSpec } from './files.ts';

export type Step = 'titulo' | 'entradilla' | 'cuerpo' | 'destinos' | 'fotos';

/** A comunicado being put together question by question, per chat and person. */
export interface FormState {
  chat: string;
  user: string;
  step: Step;
  titulo?: string;
  entradilla?: string;
  cuerpo?: string;
  destinos?: string;
  files: FileSpec[];
  /** The `/comunicado` message: the finished comunicado is answered there. */
  commandMessageId: string;
  /** The bot's messages of this form (latest last): a reply to any other bot message is not an answer. */
  asked: string[];
  startedAt: string;
}

/** What the bot says next, and the finished form text once the person wrote «listo». */
export type FormOutcome =
  | { kind: 'ask'; state: FormState; text: string }
  | { kind: 'done'; state: FormState; text: string };

const DOC = 'telegram/forms';
/** A form nobody touched for a day is forgotten (the person started over, or gave up). */
const TTL_MS = 24 * 3600_000;
const DONE = /^\s*(listo|lista|terminé|termine|enviar|fin)\s*[.!]*\s*$/i;
const SKIP = /^\s*[-–—]\s*$/;

export function startForm(chat: string, user: string, commandMessageId: string, files: FileSpec[], now: Date): FormState {
  return { chat, user, step: 'titulo', files, commandMessageId, asked: [], startedAt: now.toISOString() };
}

function ask(state: FormState, text: string): FormOutcome {
  return { kind: 'ask', state, text };
}

/**
 * One answer. Files are always kept (their caption is their alt text), whatever the step;
 * text answers the current question. Checks what can be checked here (title length, the
 * destination words) so a person does not lose the whole form to a typo at the end.
 */
export function answerForm(state: FormState, input: { text: string; files: FileSpec[] }, defaults: string[]): FormOutcome {
  const s: FormState = { ...state, files: [...state.files], asked: [...state.asked] };
  if (input.files.length) {
    s.files.push(...input.files);
    if (s.step === 'fotos') return ask(s, t('telegram.form.files_received', { count: s.files.length }));
    return ask(s, t('telegram.form.files_kept', { count: input.files.length }));
  }
  const text = input.text.trim();
  switch (s.step) {
    case 'titulo': {
      const title = text.replace(/\s+/g, ' ');
      if (!title) return ask(s, t('telegram.form.need_text'));
      const length = Array.from(title).length;
      if (length > LIMITS.title) return ask(s, t('telegram.form.title_too_long', { length, max: LIMITS.title }));
      return ask({ ...s, titulo: title, step: 'entradilla' }, t('telegram.form.entradilla'));
    }
    case 'entradilla': {
      if (!text || SKIP.test(text)) return ask(s, t('telegram.form.need_text'));
      // One paragraph: the form's parser reads the first blank line as the end of the lead.
      return ask({ ...s, entradilla: text.replace(/\n\s*\n+/g, '\n'), step: 'cuerpo' }, t('telegram.form.cuerpo'));
    }
    case 'cuerpo': {
      if (!text) return ask(s, t('telegram.form.need_text'));
      return ask({ ...s, cuerpo: SKIP.test(text) ? '' : text, step: 'destinos' }, t('telegram.form.destinos', { defaults: defaults.join(', ') }));
    }
    case 'destinos': {
      if (!text) return ask(s, t('telegram.form.need_text'));
      if (!SKIP.test(text)) {
        const { unknown } = parseDestinations(text);
        if (unknown.length) return ask(s, t('telegram.form.bad_destinations', { list: unknown.join(', ') }));
      }
      return ask({ ...s, destinos: SKIP.test(text) ? '' : text.replace(/\s*\n\s*/g, ', '), step: 'fotos' }, t('telegram.form.fotos'));
    }
    case 'fotos': {
      if (!DONE.test(text)) return ask(s, t('telegram.form.fotos_hint'));
      return { kind: 'done', state: s, text: formText(s) };
    }
  }
}

/** The answers in the plain-text form every chat uses (title, lead, body, `destinos:`). */
export function formText(s: FormState): string {
  const parts = [s.titulo ?? '', s.entradilla ?? ''];
  if (s.cuerpo) parts.push(s.cuerpo);
  let text = parts.join('\n\n');
  if (s.destinos) text += `\ndestinos: ${s.destinos}`;
  return text;
}

/** Open forms, in a store document so a restart in the middle does not lose them. */
export class FormStore {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private static key(chat: string, user: string): string {
    return `${chat}:${user}`;
  }

  async get(chat: string, user: string): Promise<FormState | undefined> {
    const form = (await this.store.readDoc<Record<string, FormState>>(DOC, {}))[FormStore.key(chat, user)];
    if (!form || this.now().getTime() - Date.parse(form.startedAt) > TTL_MS) return undefined;
    return form;
  }

  async put(state: FormState): Promise<void> {
    const cutoff = this.now().getTime() - TTL_MS;
    await this.store.updateDoc<Record<string, FormState>>(DOC, {}, (doc) => {
      for (const [k, f] of Object.entries(doc)) if (Date.parse(f.startedAt) < cutoff) delete doc[k];
      doc[FormStore.key(state.chat, state.user)] = state;
      return doc;
    });
  }

  /** Removes the form; says whether there was one. */
  async remove(chat: string, user: string): Promise<boolean> {
    const had = (await this.get(chat, user)) !== undefined;
    await this.store.updateDoc<Record<string, FormState>>(DOC, {}, (doc) => {
      delete doc[FormStore.key(chat, user)];
      return doc;
    });
    return had;
  }
}
