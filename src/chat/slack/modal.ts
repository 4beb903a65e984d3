import type { types } from '@slack/bolt';
import { DateTime } from 'luxon';
import { IDENTITIES, PLACEMENTS, SOCIAL_NETWORKS } from '../../domain/comunicado.ts';
import { InputError, type Said } from '../../domain/errors.ts';
import { renderSaid } from '../../messages/errors.ts';
import { LIMITS, parseForm } from '../../domain/form.ts';
import { KINDS, parseKind, type Kind } from '../../domain/kinds.ts';
import { t } from '../../messages/index.ts';
import { destinationLabel } from '../../render/chat.ts';
import type { Block } from './blocks.ts';
import { fileName, isImage, type SlackFile } from './files.ts';

/**
 * The /comunicado modal: its view, and the reading of a submission back into the plain-text
 * form every chat shares (so parsing and limits live in one place, src/domain/form.ts).
 * Problems come back per block, for Slack to show under each field.
 */

export const MODAL_CALLBACK = 'comunicado_modal';
const A = 'valor'; // the action_id of every input: the block id names the field

export const FIELDS = {
  title: 'titulo',
  lead: 'entradilla',
  body: 'cuerpo',
  hashtags: 'hashtags',
  portal: 'destinos_portal',
  social: 'destinos_redes',
  email: 'destinos_correo',
  schedule: 'programar',
  vigencia: 'vigencia',
  files: 'archivos',
  alt: 'descripciones',
  kind: 'tipo',
  cierre: 'cierre',
  inscripciones: 'inscripciones',
  enlace: 'enlace',
} as const;

/** Slack's cap on a plain_text_input. Longer bodies go through a message in the channel. */
const INPUT_MAX = 3000;
const FILE_TYPES = ['jpg', 'jpeg', 'png', 'webp', 'gif', 'mp4', 'mov', 'webm', 'm4v', 'pdf', 'docx', 'xlsx', 'pptx', 'odt', 'ods', 'odp'];

export interface ModalContext {
  channel: string;
  threadId?: string;
}

const plain = (text: string) => ({ type: 'plain_text', text, emoji: true });

function input(blockId: string, label: string, element: Block, extra: { optional?: boolean; hint?: string } = {}): Block {
  const b: Block = { type: 'input', block_id: blockId, label: plain(label), element: { ...element, action_id: A } };
  if (extra.optional) b.optional = true;
  if (extra.hint) b.hint = plain(extra.hint);
  return b;
}

function destinationGroups(defaults: readonly string[]) {
  const portal: string[] = PLACEMENTS.map((p) => `portal:${p}`);
  const social: string[] = SOCIAL_NETWORKS.flatMap((n) => IDENTITIES.map((i) => `${n}:${i}`));
  const email = ['email:todos', ...defaults.filter((d) => d.startsWith('email:') && d !== 'email:todos')].slice(0, 10);
  return { portal, social, email };
}

function checkboxes(blockId: string, label: string, values: string[], defaults: readonly string[], hint?: string): Block {
  const option = (v: string) => ({ text: plain(destinationLabel(v).slice(0, 75)), value: v });
  const element: Block = { type: 'checkboxes', options: values.map(option) };
  const initial = values.filter((v) => defaults.includes(v)).map(option);
  if (initial.length) element.initial_options = initial;
  return input(blockId, label, element, { optional: true, ...(hint ? { hint } : {}) });
}

/** The view for views.open, in Spanish, with the config's default destinations ticked. */
export function comunicadoModal(ctx: ModalContext, defaults: readonly string[]): types.ModalView {
  const groups = destinationGroups(defaults);
  const kindOption = (k: Kind) => ({ text: plain(t(`kind.${k}`)), value: k });
  const blocks: Block[] = [
    { type: 'section', text: { type: 'mrkdwn', text: t('slack.modal.intro') } },
    input(
      FIELDS.kind,
      t('slack.modal.kind_label'),
      { type: 'static_select', options: KINDS.map(kindOption), initial_option: kindOption('comunicado') },
      { hint: t('slack.modal.kind_hint') },
    ),
    input(FIELDS.title, t('slack.modal.title_label'), {
      type: 'plain_text_input',
      max_length: LIMITS.title,
      placeholder: plain(t('slack.modal.title_placeholder')),
    }),
    input(FIELDS.lead, t('slack.modal.lead_label'), { type: 'plain_text_input', multiline: true, max_length: LIMITS.lead }, { hint: t('slack.modal.lead_hint') }),
    input(FIELDS.body, t('slack.modal.body_label'), { type: 'plain_text_input', multiline: true, max_length: INPUT_MAX }, { optional: true, hint: t('slack.modal.body_hint') }),
    input(
      FIELDS.hashtags,
      t('slack.modal.hashtags_label'),
      { type: 'plain_text_input', placeholder: plain(t('slack.modal.hashtags_placeholder')) },
      { optional: true, hint: t('slack.modal.hashtags_hint') },
    ),
    checkboxes(FIELDS.portal, t('slack.modal.portal_label'), groups.portal, defaults, t('slack.modal.destinations_hint')),
    checkboxes(FIELDS.social, t('slack.modal.social_label'), groups.social, defaults),
    checkboxes(FIELDS.email, t('slack.modal.email_label'), groups.email, defaults),
    input(FIELDS.schedule, t('slack.modal.schedule_label'), { type: 'datetimepicker' }, { optional: true, hint: t('slack.modal.schedule_hint') }),
    input(FIELDS.vigencia, t('slack.modal.vigencia_label'), { type: 'datepicker' }, { optional: true, hint: t('slack.modal.vigencia_hint') }),
    input(FIELDS.cierre, t('slack.modal.cierre_label'), { type: 'datetimepicker' }, { optional: true, hint: t('slack.modal.cierre_hint') }),
    input(FIELDS.inscripciones, t('slack.modal.inscripciones_label'), { type: 'url_text_input' }, { optional: true, hint: t('slack.modal.inscripciones_hint') }),
    input(FIELDS.enlace, t('slack.modal.enlace_label'), { type: 'url_text_input' }, { optional: true, hint: t('slack.modal.enlace_hint') }),
    input(FIELDS.files, t('slack.modal.files_label'), { type: 'file_input', max_files: 10, filetypes: FILE_TYPES }, { optional: true, hint: t('slack.modal.files_hint') }),
    input(
      FIELDS.alt,
      t('slack.modal.alt_label'),
      { type: 'plain_text_input', multiline: true, max_length: INPUT_MAX, placeholder: plain(t('slack.modal.alt_placeholder')) },
      { optional: true, hint: t('slack.modal.alt_hint') },
    ),
  ];
  return {
    type: 'modal',
    callback_id: MODAL_CALLBACK,
    title: plain(t('slack.modal.title')),
    submit: plain(t('slack.modal.submit')),
    close: plain(t('slack.modal.close')),
    private_metadata: JSON.stringify(ctx),
    // Built as plain objects (the Block Kit JSON Slack documents); the SDK's unions are narrower.
    blocks: blocks as unknown as types.ModalView['blocks'],
  } as types.ModalView;
}

/** What Slack sends back per input (the subset of view.state.values read here). */
export interface StateValue {
  type?: string;
  value?: string | null;
  selected_date?: string | null;
  selected_date_time?: number | null;
  selected_options?: Array<{ value: string }>;
  selected_option?: { value: string } | null;
  files?: SlackFile[];
}
export type StateValues = Record<string, Record<string, StateValue>>;

export type Submission =
  | { ok: true; text: string; files: Array<{ file: SlackFile; alt?: string }>; context: ModalContext }
  | { ok: false; errors: Record<string, string> };

export interface ReadOptions {
  now: Date;
  timezone: string;
  /** The destinations the modal opened with (`destinations.default`). */
  defaults?: readonly string[];
  /** `portal.allowedLinkDomains`: a link elsewhere is shown under its field. */
  allowedLinkDomains?: readonly string[];
}

function readContext(privateMetadata: string): ModalContext | undefined {
  try {
    const v = JSON.parse(privateMetadata) as Partial<ModalContext>;
    if (typeof v.channel !== 'string' || !v.channel) return undefined;
    return v.threadId ? { channel: v.channel, threadId: String(v.threadId) } : { channel: v.channel };
  } catch {
    return undefined;
  }
}

/** The static start of a catalogue text, to tell which field a form problem is about. */
/** The modal field a problem of the form belongs to, by its catalogue key. */
const FIELD_OF: Partial<Record<string, string>> = {
  'form.lead_too_long': FIELDS.lead,
  'form.body_too_long': FIELDS.body,
  'form.bad_hashtag': FIELDS.hashtags,
  'form.too_many_hashtags': FIELDS.hashtags,
  'form.bad_destination': FIELDS.portal,
  'form.bad_schedule': FIELDS.schedule,
  'form.schedule_past': FIELDS.schedule,
  'form.bad_vigencia': FIELDS.vigencia,
  'form.vigencia_past': FIELDS.vigencia,
  'form.alt_unknown_file': FIELDS.alt,
  'form.bad_kind': FIELDS.kind,
  'form.bad_cierre': FIELDS.cierre,
  'form.cierre_past': FIELDS.cierre,
  'form.cierre_missing': FIELDS.cierre,
  'form.cierre_not_convocatoria': FIELDS.cierre,
  'form.cierre_before_schedule': FIELDS.cierre,
};

/** The field of a link problem: it names the field it is about. */
function linkField(problem: Said): string | undefined {
  if (!problem.key.startsWith('form.link_') && problem.key !== 'form.bad_link') return undefined;
  return problem.vars?.field === 'inscripciones' ? FIELDS.inscripciones : FIELDS.enlace;
}

function fieldOf(problem: Said): string {
  return FIELD_OF[problem.key] ?? linkField(problem) ?? FIELDS.title;
}

/** Alt texts: `nombre.jpg: descripción` lines by file, other lines in image order. */
function readAlts(text: string, files: SlackFile[], errors: Record<string, string>): Map<SlackFile, string> {
  const alts = new Map<SlackFile, string>();
  const images = files.filter(isImage);
  const inOrder: string[] = [];
  const strip = (n: string) => n.toLowerCase().replace(/\.[a-z0-9]{2,5}$/, '');
  for (const line of text.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const m = /^([^:]{1,200}?)\s*:\s*(.+)$/.exec(line);
    const name = m?.[1]?.trim();
    const target = name ? files.find((f) => fileName(f).toLowerCase() === name.toLowerCase() || strip(fileName(f)) === name.toLowerCase()) : undefined;
    if (m && target) alts.set(target, m[2]!.trim());
    else if (name && /\.[a-z0-9]{2,5}$/i.test(name) && !/\s/.test(name)) errors[FIELDS.alt] = t('slack.modal.alt_unknown', { file: name });
    else inOrder.push(line);
  }
  const waiting = images.filter((f) => !alts.has(f));
  if (inOrder.length > waiting.length) errors[FIELDS.alt] ??= t('slack.modal.alt_extra');
  waiting.forEach((f, i) => {
    const alt = inOrder[i];
    if (alt) alts.set(f, alt);
  });
  const missing = images.filter((f) => !alts.get(f)?.trim()).map(fileName);
  if (missing.length) errors[FIELDS.alt] ??= t('slack.modal.alt_missing', { files: missing.join(', ') });
  return alts;
}

/**
 * Reads a view_submission: field checks Slack cannot do (dates in the past, a destination
 * at least, a description per image), then the shared form parser over the assembled
 * text, whose problems are mapped back to their fields.
 */
export function readSubmission(values: StateValues, privateMetadata: string, options: ReadOptions): Submission {
  const errors: Record<string, string> = {};
  const get = (block: string) => values[block]?.[A];
  const text = (block: string) => (get(block)?.value ?? '').replace(/\r\n?/g, '\n').trim();
  const context = readContext(privateMetadata);

  const title = text(FIELDS.title).replace(/\s*\n\s*/g, ' ');
  // The lead is one paragraph of the form: blank lines inside it would start the body.
  const lead = text(FIELDS.lead).replace(/\n\s*\n+/g, '\n');
  const body = text(FIELDS.body);

  const tags: string[] = [];
  for (const raw of text(FIELDS.hashtags).split(/[\s,;]+/).filter(Boolean)) {
    const tag = raw.replace(/^#+/, '');
    if (!/^[\p{L}\p{N}_]{1,100}$/u.test(tag)) errors[FIELDS.hashtags] ??= t('form.bad_hashtag', { value: tag.slice(0, 30) });
    else tags.push(`#${tag}`);
  }

  const destinations = [FIELDS.portal, FIELDS.social, FIELDS.email].flatMap((b) => (get(b)?.selected_options ?? []).map((o) => o.value));
  if (destinations.length === 0) errors[FIELDS.portal] = t('slack.modal.no_destination');
  const kind = parseKind(get(FIELDS.kind)?.selected_option?.value ?? '') ?? 'comunicado';
  // An aviso or a convocatoria sent with the ticks the modal opened with gets its own kind's defaults.
  const untouched = !!options.defaults && destinations.length === options.defaults.length && destinations.every((d) => options.defaults!.includes(d));
  const kindDefaults = kind !== 'comunicado' && untouched;
  let cierre: string | undefined;
  const closes = get(FIELDS.cierre)?.selected_date_time;
  if (typeof closes === 'number') cierre = DateTime.fromSeconds(closes, { zone: options.timezone }).toFormat('yyyy-MM-dd HH:mm');
  const inscripciones = text(FIELDS.inscripciones);
  const enlace = text(FIELDS.enlace);

  let schedule: string | undefined;
  const seconds = get(FIELDS.schedule)?.selected_date_time;
  if (typeof seconds === 'number') {
    if (seconds * 1000 <= options.now.getTime()) errors[FIELDS.schedule] = t('slack.modal.schedule_past');
    else schedule = DateTime.fromSeconds(seconds, { zone: options.timezone }).toFormat('yyyy-MM-dd HH:mm');
  }
  const vigencia = get(FIELDS.vigencia)?.selected_date ?? undefined;

  const files = get(FIELDS.files)?.files ?? [];
  const alts = readAlts(text(FIELDS.alt), files, errors);

  const lines = [title, '', lead];
  if (body) lines.push('', body);
  if (tags.length) lines.push('', tags.join(' '));
  if (!kindDefaults) lines.push(`destinos: ${destinations.join(', ')}`);
  if (schedule) lines.push(`programar: ${schedule}`);
  if (vigencia) lines.push(`vigencia: ${vigencia}`);
  if (kind !== 'comunicado') lines.push(`tipo: ${kind}`);
  if (cierre) lines.push(`cierre: ${cierre}`);
  // A link with spaces is still read as a link (and refused as one), never as body text.
  if (inscripciones) lines.push(`inscripciones: ${inscripciones.replace(/\s+/g, '%20')}`);
  if (enlace) lines.push(`enlace: ${enlace.replace(/\s+/g, '%20')}`);
  const form = lines.join('\n');

  try {
    parseForm(form, options.now, { timezone: options.timezone, ...(options.allowedLinkDomains ? { allowedLinkDomains: options.allowedLinkDomains } : { allowedLinkDomains: [] }) });
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    for (const p of err.problems) {
      const field = fieldOf(p);
      const text = renderSaid(p);
      errors[field] = errors[field] ? `${errors[field]} ${text}` : text;
    }
  }
  if (!context) errors[FIELDS.title] ??= t('error.generic', { code: 'private_metadata' });
  if (Object.keys(errors).length || !context) return { ok: false, errors };
  return {
    ok: true,
    text: form,
    files: files.map((file) => {
      const alt = alts.get(file);
      return alt ? { file, alt } : { file };
    }),
    context,
  };
}
