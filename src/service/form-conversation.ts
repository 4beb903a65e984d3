import { DateTime } from 'luxon';
import { LIMITS, parseDestinations } from '../domain/form.ts';
import { checkLink, type Kind } from '../domain/kinds.ts';
import { renderSaid } from '../messages/errors.ts';
import { t } from '../messages/index.ts';
import type { Store } from '../store/port.ts';

/**
 * The step-by-step form: `/comunicado` with no text asks for the title, the lead, the body,
 * the destinations and the photos one at a time, then hands the plain-text form every chat
 * uses to the command. Chat-neutral: a chat adapter feeds it answers and files (`F` is the
 * chat's own description of a file) and posts what it says.
 */

export type Step = 'titulo' | 'entradilla' | 'cuerpo' | 'destinos' | 'fotos' | 'cierre' | 'inscripciones' | 'enlace';

/** A comunicado being put together question by question, per chat and person. */
export interface FormState<F = unknown> {
  chat: string;
  user: string;
  step: Step;
  titulo?: string;
  entradilla?: string;
  cuerpo?: string;
  destinos?: string;
  /** Started with `/comunicado aviso` or `/comunicado convocatoria` (absent: a comunicado). */
  tipo?: Kind;
  /** A convocatoria's deadline as typed (AAAA-MM-DD HH:MM), its sign-up link, and the placements' link target. */
  cierre?: string;
  inscripciones?: string;
  enlace?: string;
  files: F[];
  /** The `/comunicado` message: the finished comunicado is answered there. */
  commandMessageId: string;
  /** The bot's messages of this form (latest last): a reply to any other bot message is not an answer. */
  asked: string[];
  startedAt: string;
}

/** What the bot says next, and the finished form text once the person wrote «listo». */
export type FormOutcome<F = unknown> =
  | { kind: 'ask'; state: FormState<F>; text: string }
  | { kind: 'done'; state: FormState<F>; text: string };

/** The store document of open forms (named before the engine left the Telegram adapter). */
const DOC = 'telegram/forms';
/** A form nobody touched for a day is forgotten (the person started over, or gave up). */
const TTL_MS = 24 * 3600_000;
const DONE = /^\s*(listo|lista|terminé|termine|enviar|fin)\s*[.!]*\s*$/i;
const SKIP = /^\s*[-–—]\s*$/;

export function startForm<F>(chat: string, user: string, commandMessageId: string, files: F[], now: Date, tipo?: Kind): FormState<F> {
  return { chat, user, step: 'titulo', files, commandMessageId, asked: [], startedAt: now.toISOString(), ...(tipo && tipo !== 'comunicado' ? { tipo } : {}) };
}

/** What the extra questions of an aviso or a convocatoria check (the same rules as the plain-text form). */
export interface FormChecks {
  /** Default destinations of the form's kind, named in the destinations question. */
  defaultsFor?(kind: Kind): string[];
  allowedLinkDomains?: readonly string[];
  timezone?: string;
  now?: Date;
}

function ask<F>(state: FormState<F>, text: string): FormOutcome<F> {
  return { kind: 'ask', state, text };
}

/**
 * One answer. Files are always kept (their caption is their alt text), whatever the step;
 * text answers the current question. Checks what can be checked here (title length, the
 * destination words) so a person does not lose the whole form to a typo at the end.
 */
export function answerForm<F>(state: FormState<F>, input: { text: string; files: F[] }, defaults: string[], checks: FormChecks = {}): FormOutcome<F> {
  const s: FormState<F> = { ...state, files: [...state.files], asked: [...state.asked] };
  const kindDefaults = s.tipo && checks.defaultsFor ? checks.defaultsFor(s.tipo) : defaults;
  const askDestinos = (next: FormState<F>) => ask({ ...next, step: 'destinos' }, t('telegram.form.destinos', { defaults: kindDefaults.join(', ') }));
  const link = (field: 'enlace' | 'inscripciones', text: string): { url: string } | { problem: string } => {
    const r = checkLink(field, text, checks.allowedLinkDomains ?? []);
    return 'problem' in r ? { problem: renderSaid(r.problem) } : r;
  };
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
      const next = { ...s, cuerpo: SKIP.test(text) ? '' : text };
      if (s.tipo === 'convocatoria') return ask({ ...next, step: 'cierre' }, t('telegram.form.cierre'));
      return askDestinos(next);
    }
    case 'cierre': {
      const zone = checks.timezone ?? 'America/Bogota';
      const dt = DateTime.fromFormat(text, 'yyyy-MM-dd HH:mm', { zone });
      if (!dt.isValid) return ask(s, t('form.bad_cierre', { value: text.slice(0, 40) }));
      if (checks.now && dt.toMillis() <= checks.now.getTime()) return ask(s, t('form.cierre_past', { value: text }));
      return ask({ ...s, cierre: text, step: 'inscripciones' }, t('telegram.form.inscripciones'));
    }
    case 'inscripciones': {
      if (!text) return ask(s, t('telegram.form.need_text'));
      if (SKIP.test(text)) return askDestinos(s);
      const r = link('inscripciones', text);
      if ('problem' in r) return ask(s, r.problem);
      return askDestinos({ ...s, inscripciones: r.url });
    }
    case 'enlace': {
      if (!text) return ask(s, t('telegram.form.need_text'));
      if (SKIP.test(text)) return ask({ ...s, step: 'fotos' }, t('telegram.form.fotos'));
      const r = link('enlace', text);
      if ('problem' in r) return ask(s, r.problem);
      return ask({ ...s, enlace: r.url, step: 'fotos' }, t('telegram.form.fotos'));
    }
    case 'destinos': {
      if (!text) return ask(s, t('telegram.form.need_text'));
      if (!SKIP.test(text)) {
        const { unknown } = parseDestinations(text);
        if (unknown.length) return ask(s, t('telegram.form.bad_destinations', { list: unknown.join(', ') }));
      }
      const destinos = SKIP.test(text) ? '' : text.replace(/\s*\n\s*/g, ', ');
      // An aviso or a convocatoria may point its slider, banner or pop-up elsewhere.
      if (s.tipo) return ask({ ...s, destinos, step: 'enlace' }, t('telegram.form.enlace'));
      return ask({ ...s, destinos, step: 'fotos' }, t('telegram.form.fotos'));
    }
    case 'fotos': {
      if (!DONE.test(text)) return ask(s, t('telegram.form.fotos_hint'));
      return { kind: 'done', state: s, text: formText(s) };
    }
  }
}

/** The answers in the plain-text form every chat uses (title, lead, body, `destinos:`). */
export function formText(s: FormState<unknown>): string {
  const parts = [s.titulo ?? '', s.entradilla ?? ''];
  if (s.cuerpo) parts.push(s.cuerpo);
  let text = parts.join('\n\n');
  if (s.destinos) text += `\ndestinos: ${s.destinos}`;
  if (s.tipo) text += `\ntipo: ${s.tipo}`;
  if (s.cierre) text += `\ncierre: ${s.cierre}`;
  if (s.inscripciones) text += `\ninscripciones: ${s.inscripciones}`;
  if (s.enlace) text += `\nenlace: ${s.enlace}`;
  return text;
}

/** Open forms, in a store document so a restart in the middle does not lose them. */
export class FormStore<F = unknown> {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private static key(chat: string, user: string): string {
    return `${chat}:${user}`;
  }

  async get(chat: string, user: string): Promise<FormState<F> | undefined> {
    const form = (await this.store.readDoc<Record<string, FormState<F>>>(DOC, {}))[FormStore.key(chat, user)];
    if (!form || this.now().getTime() - Date.parse(form.startedAt) > TTL_MS) return undefined;
    return form;
  }

  async put(state: FormState<F>): Promise<void> {
    const cutoff = this.now().getTime() - TTL_MS;
    await this.store.updateDoc<Record<string, FormState<F>>>(DOC, {}, (doc) => {
      for (const [k, f] of Object.entries(doc)) if (Date.parse(f.startedAt) < cutoff) delete doc[k];
      doc[FormStore.key(state.chat, state.user)] = state;
      return doc;
    });
  }

  /** Removes the form; says whether there was one. */
  async remove(chat: string, user: string): Promise<boolean> {
    const had = (await this.get(chat, user)) !== undefined;
    await this.store.updateDoc<Record<string, FormState<F>>>(DOC, {}, (doc) => {
      delete doc[FormStore.key(chat, user)];
      return doc;
    });
    return had;
  }
}
