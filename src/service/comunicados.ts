import { extname } from 'node:path';
import type { IncomingFile, Origin, OutMessage } from '../chat/port.ts';
import { ChatHub } from '../chat/hub.ts';
import type { Config } from '../config/schema.ts';
import { actorName, type Actor, type Attachment, type Comunicado, type Content, type MessageRef } from '../domain/comunicado.ts';
import { inputError, refusal, say } from '../messages/errors.ts';
import { parseForm, type FormText, type ParsedForm } from '../domain/form.ts';
import { InputError } from '../domain/errors.ts';
import { kindProblems } from '../domain/kinds.ts';
import { showFittedImages, withPopupNote } from '../portal-rules/popup.ts';
import { authorize, newComunicado, policyOf, sameActor, transition, type Effect, type WorkflowEvent, type WorkflowRules } from '../domain/workflow.ts';
import { approvalProgress, pendingMembers } from '../domain/approval-rules.ts';
import { approvalLines, missingSummary } from '../approval/render.ts';
import { ingestFile, safeFilename } from '../files/ingest.ts';
import { assignCaptions, ingestCaptions, isCaptionsFile, type Captions } from '../accessibility/captions-files.ts';
import { Staging } from '../files/staging.ts';
import { t } from '../messages/index.ts';
import type { PublishingEngine } from '../publish/engine.ts';
import { SYSTEM } from '../publish/engine.ts';
import type { PublisherRegistry } from '../publish/registry.ts';
import type { DestinationPreview } from '../publish/port.ts';
import { authorOutcomeMessage, destinationLabel, finalMessage, previewMessage, statusMessage } from '../render/chat.ts';
import { formatWhen } from '../render/time.ts';
import { plainLanguageBlock } from '../render/accessibility.ts';
import { documentHints } from '../accessibility/documents.ts';
import type { Store } from '../store/port.ts';
import type { Logger } from '../util/logger.ts';
import type { TaskTracker } from './tasks.ts';
import type { Extension } from './extension.ts';
import { KeyedQueue } from '../util/serial-queue.ts';

/** How long the preview waits for a platform to say what a destination lacks. */
const NEEDS_TIMEOUT_MS = 15_000;

export interface ComunicadoServiceDeps {
  config: Config;
  store: Store;
  rules: WorkflowRules;
  engine: PublishingEngine;
  registry: PublisherRegistry;
  chats: ChatHub;
  tasks: TaskTracker;
  logger: Logger;
  dataDir: string;
  now(): Date;
  extensions(): Extension[];
}

export interface Submission {
  text: string;
  files: IncomingFile[];
  actor: Actor;
  origin: Origin;
}

/** Whether an `alt nombre:` line names this file (the kept name may have a hash prefix or an added extension). */
function altMatches(filename: string, named: string): boolean {
  return filename === named || filename.endsWith(`-${named}`) || filename.startsWith(named);
}

/**
 * An edit keeps the kind, deadline and links it does not name, then the whole is checked
 * (a convocatoria keeps its deadline; a deadline needs a convocatoria). Refused before any
 * file of the edit is kept.
 */
function keepKindFields(content: Content, old: Content, form: ParsedForm): void {
  if (!form.kindGiven && old.kind) content.kind = old.kind;
  if (!form.cierreGiven && old.closesAt) content.closesAt = old.closesAt;
  if (!form.linkGiven && old.linkTarget) content.linkTarget = old.linkTarget;
  if (!form.registrationGiven && old.registrationUrl) content.registrationUrl = old.registrationUrl;
  const problems = kindProblems(content);
  if (problems.length) throw new InputError(problems);
}

/** States in which a comunicado still takes an edit (a late file becomes a new version). */
const EDITABLE: readonly Comunicado['state'][] = ['draft', 'pending_approval', 'changes_requested', 'approved', 'scheduled'];

/**
 * Gives every file a name that is unique in the comunicado, so an `alt nombre:` line names
 * exactly one image: a repeated name takes the next free number (`foto-1.jpg` is followed
 * by `foto-2.jpg`, `informe.pdf` by `informe-2.pdf`).
 */
export function uniqueNames(files: IncomingFile[], existing: Attachment[] = []): IncomingFile[] {
  const taken = new Set(existing.map((a) => a.filename.toLowerCase()));
  return files.map((f) => {
    let name = safeFilename(f.filename);
    if (taken.has(name.toLowerCase())) {
      const ext = extname(name);
      let stem = name.slice(0, name.length - ext.length);
      let n = 2;
      const numbered = /^(.*)-(\d{1,6})$/.exec(stem);
      if (numbered) {
        stem = numbered[1]!;
        n = Number(numbered[2]) + 1;
      }
      while (taken.has(`${stem}-${n}${ext}`.toLowerCase())) n++;
      name = `${stem}-${n}${ext}`;
    }
    taken.add(name.toLowerCase());
    return name === f.filename ? f : { ...f, filename: name, open: () => f.open() };
  });
}

/**
 * The comunicado's life as the app carries it out: parse and store a submission, apply
 * workflow events and execute their effects (preview, notices, publishing), keep the
 * status message in the thread up to date.
 */
export class ComunicadoService {
  /** Serializes status posting per comunicado so there is one status message, edited in place. */
  private readonly statusChains = new KeyedQueue();
  private readonly lastStatus = new Map<string, string>();

  constructor(private readonly deps: ComunicadoServiceDeps) {}

  // ---------------------------------------------------------------- submission

  /**
   * Checks what the form says about the files before anything is downloaded: how many, and
   * that every `alt nombre:` line names one of them. A bad form costs no download and no id.
   */
  private checkFiles(files: IncomingFile[], form: ParsedForm, existing: Attachment[] = []): void {
    const max = 30;
    if (existing.length + files.length > max) throw refusal('too_many_files', 'files.too_many', { max });
    const names = [...existing.map((a) => a.filename), ...files.map((f) => safeFilename(f.filename))];
    const problems = Object.keys(form.altByFile)
      .filter((file) => !names.some((n) => altMatches(n, file)))
      .map((file) => say('form.alt_unknown_file', { file }));
    if (problems.length) throw inputError(problems);
  }

  /** Turns files and alt lines into attachments; each file is checked by content. */
  private async attachments(folder: string, files: IncomingFile[], form: ParsedForm, existing: Attachment[] = []): Promise<Attachment[]> {
    this.checkFiles(files, form, existing);
    const out = structuredClone(existing);
    const { maxBytes, maxMegapixels } = this.deps.config.attachments;
    const captions: Captions[] = [];
    for (const f of files) {
      // A .srt or .vtt is a video's captions, not an attachment of its own (Resolución 1519).
      if (isCaptionsFile(f)) captions.push(await ingestCaptions(f, { dataDir: this.deps.dataDir, folder }));
      else out.push(await ingestFile(f, { dataDir: this.deps.dataDir, folder, maxBytes, maxMegapixels }));
    }
    const problems: Array<ReturnType<typeof say>> = [];
    for (const [file, alt] of Object.entries(form.altByFile)) {
      const target = out.find((a) => altMatches(a.filename, file));
      if (!target) problems.push(say('form.alt_unknown_file', { file }));
      else target.alt = alt;
    }
    const images = out.filter((a) => a.kind === 'image');
    form.altInOrder.forEach((alt, i) => {
      const img = images[i];
      if (img) img.alt = alt;
    });
    if (problems.length) throw inputError(problems);
    assignCaptions(out, captions, form);
    return out;
  }

  private parse(text: string, keepText?: FormText): ParsedForm {
    return parseForm(text, this.deps.now(), {
      timezone: this.deps.config.office.timezone,
      defaults: this.deps.config.destinations.default,
      defaultsByKind: this.deps.config.destinations.byKind,
      allowedLinkDomains: this.deps.config.portal.allowedLinkDomains,
      ...(keepText ? { keepText } : {}),
    });
  }

  /** `/comunicado` with its text and files: a new comunicado, sent to approval. */
  async submit(s: Submission): Promise<Comunicado> {
    const form = this.parse(s.text); // before allocating an id: bad input costs nothing
    const files = uniqueNames(s.files);
    this.checkFiles(files, form); // before downloading: a bad form costs no download
    const staging = new Staging(this.deps.dataDir);
    let id: string;
    try {
      const staged = await this.attachments(staging.folder, files, form);
      const now = this.deps.now();
      id = await this.deps.store.nextId(now); // only for an accepted submission
      const content: Content = { ...form.content, attachments: await staging.moveInto(id, staged) };
      const origin: Comunicado['origin'] = { platform: s.origin.platform, channel: s.origin.channel };
      if (s.origin.messageId) origin.messageId = s.origin.messageId;
      if (s.origin.threadId) origin.threadId = s.origin.threadId;
      const draft = newComunicado({ id, content, author: s.actor, origin, now });
      await this.deps.store.create(draft);
      // The message it was submitted with finds it again (a late album photo belongs here).
      if (s.origin.messageId) await this.deps.store.linkMessage({ platform: s.origin.platform, channel: s.origin.channel, messageId: s.origin.messageId }, id);
    } catch (err) {
      await staging.discard();
      throw err;
    }
    await staging.finish();
    this.deps.logger.info({ comunicado: id, author: s.actor.userId, platform: s.actor.platform }, 'comunicado submitted');
    return this.apply(id, { type: 'submit' }, s.actor);
  }

  /**
   * `/comunicado editar ID` with the corrected text (and maybe more files). A form of only
   * trailing lines (`alt …:`, `destinos:`, `programar:`, `vigencia:`) changes just those
   * fields and keeps the title, lead and body; a field the form does not name stays as it was.
   */
  async edit(id: string, s: Submission): Promise<Comunicado> {
    const current = await this.require(id);
    const old = current.content;
    const form = this.parse(s.text, { title: old.title, lead: old.lead, body: old.body, hashtags: old.hashtags });
    const changesSomething =
      form.textGiven || form.destinationsGiven || form.scheduleGiven || form.vigenciaGiven ||
      form.kindGiven || form.cierreGiven || form.linkGiven || form.registrationGiven ||
      form.altInOrder.length > 0 || Object.keys(form.altByFile).length > 0 || s.files.length > 0 ||
      Object.keys(form.captionsFor ?? {}).length > 0 || (form.noSpeech?.length ?? 0) > 0;
    if (!changesSomething) throw inputError([say('form.edit_nothing', { id: current.id })]);
    const files = uniqueNames(s.files, old.attachments);
    this.checkFiles(files, form, old.attachments);
    const staging = new Staging(this.deps.dataDir);
    let attachments: Attachment[];
    try {
      attachments = await staging.moveInto(current.id, await this.attachments(staging.folder, files, form, old.attachments));
    } catch (err) {
      await staging.discard();
      throw err;
    }
    const content: Content = {
      ...form.content,
      destinations: form.destinationsGiven ? form.content.destinations : old.destinations,
      attachments,
    };
    if (!form.scheduleGiven && old.publishAt) content.publishAt = old.publishAt;
    if (!form.vigenciaGiven && old.vigenciaHasta) content.vigenciaHasta = old.vigenciaHasta;
    keepKindFields(content, old, form);
    let edited: Comunicado;
    try {
      edited = await this.apply(current.id, { type: 'edit', content }, s.actor);
    } catch (err) {
      await staging.discard(); // the edit was refused: its new files go, the old ones stay
      throw err;
    }
    await staging.finish();
    if (edited.state === 'changes_requested' || edited.state === 'draft') return this.apply(id, { type: 'submit' }, s.actor);
    return edited;
  }

  async require(id: string): Promise<Comunicado> {
    const c = await this.deps.store.get(id.toUpperCase());
    if (!c) throw refusal('not_found', 'store.not_found', { id });
    return c;
  }

  // ---------------------------------------------------------------- workflow

  /** Applies a workflow event, persists it, and carries out its effects. */
  async apply(id: string, event: WorkflowEvent, actor: Actor): Promise<Comunicado> {
    let effects: Effect[] = [];
    const c = await this.deps.store.update(id, (cur) => {
      const r = transition(cur, event, actor, this.deps.rules, this.deps.now());
      effects = r.effects;
      return r.comunicado;
    });
    this.deps.logger.info({ comunicado: id, event: event.type, actor: actor.userId, state: c.state }, 'workflow');
    for (const effect of effects) await this.execute(c, effect, actor, event);
    return (await this.deps.store.get(id)) ?? c;
  }

  private async execute(c: Comunicado, effect: Effect, actor: Actor, event: WorkflowEvent): Promise<void> {
    const chats = this.deps.chats;
    switch (effect.type) {
      case 'post_preview':
        await this.postPreview(c, event.type === 'edit');
        return;
      case 'ask_reason': {
        const target = this.previewThread(c);
        await chats.tryPost(c.origin.platform, target, {
          text: t('reply.ask_reason', { name: actorName(effect.approver), id: c.id }),
          mentions: [effect.approver.userId],
          expectReply: true,
        });
        return;
      }
      case 'notify_author':
        await this.notifyAuthor(c, effect.message, actor);
        return;
      case 'publish':
        this.deps.tasks.run(`publish ${c.id}`, () => this.publishNow(c.id));
        return;
      case 'publish_before_embargo':
        this.deps.tasks.run(`retry before embargo ${c.id}`, async () => {
          const after = await this.deps.engine.run(c.id, { kinds: ['email'] });
          await this.flushStatus(after.id);
        });
        return;
      case 'schedule':
        for (const ext of this.deps.extensions()) await ext.onApproved?.(c);
        return;
      case 'approval_progress': {
        const progress = approvalProgress(policyOf(this.deps.rules), c, this.deps.now());
        await chats.tryPost(c.origin.platform, this.previewThread(c), {
          text: t('approval.progress', { name: actorName(effect.approver), id: c.id, missing: missingSummary(progress) }),
        });
        return;
      }
      case 'publish_released':
        this.deps.tasks.run(`publish released ${c.id}`, async () => {
          const after = await this.deps.engine.run(c.id, { destinations: effect.destinations });
          await this.flushStatus(after.id);
        });
        return;
      case 'cancel_schedule':
        return; // the scheduler reads the state: a comunicado no longer `scheduled` is skipped
      case 'withdraw_deliveries':
        return; // carried out by withdraw(), which reports each destination to the person
    }
  }

  /** Starts publishing an approved or scheduled comunicado (also called by the scheduler). */
  async publishNow(id: string): Promise<Comunicado> {
    const c = await this.deps.store.get(id);
    if (!c) throw refusal('not_found', 'store.not_found', { id });
    if (c.state === 'approved') {
      for (const ext of this.deps.extensions()) await ext.onApproved?.(c);
    }
    if (c.state === 'approved' || c.state === 'scheduled') {
      await this.apply(id, { type: 'start_publishing' }, SYSTEM);
    }
    const settled = await this.deps.engine.run(id);
    await this.afterSettled(settled);
    return settled;
  }

  /** What to change, written by the approver after ✏️: kept on the comunicado and sent to the author. */
  async addChangesNote(id: string, note: string, actor: Actor): Promise<void> {
    const text = note.trim().slice(0, 2000);
    let added = false;
    const c = await this.deps.store.update(id, (cur) => {
      if (cur.state !== 'changes_requested' || !cur.changesRequested || cur.changesRequested.note) return cur;
      cur.changesRequested.note = text;
      cur.audit.push({ at: this.deps.now().toISOString(), actor, action: 'request_changes', detail: text });
      added = true;
      return cur;
    });
    if (added) await this.notifyAuthor(c, 'changes_requested', actor);
  }

  async retry(id: string, actor: Actor): Promise<void> {
    await this.apply(id, { type: 'retry' }, actor); // effect `publish` is run in the background
  }

  /** After /retirar: the state change, then what each platform allowed removing. */
  async withdraw(id: string, reason: string, actor: Actor): Promise<OutMessage> {
    const before = await this.require(id);
    const c = await this.apply(id, { type: 'withdraw', reason }, actor);
    const lines = [t('reply.withdrawn', { id: c.id, name: actorName(actor), reason: c.withdrawal?.reason ?? reason })];
    const releasedEarly = before.state === 'pending_approval' && Object.values(before.deliveries).some((d) => d.state === 'done');
    if (['published', 'partially_published', 'failed'].includes(before.state) || releasedEarly) {
      for (const r of await this.deps.engine.withdraw(id, actor)) {
        lines.push(
          r.result.outcome === 'manual'
            ? t('reply.withdraw_manual', { destination: destinationLabel(r.destination), detail: r.result.detail })
            : t('reply.withdraw_result', { destination: destinationLabel(r.destination), outcome: r.result.detail }),
        );
      }
    }
    for (const ext of this.deps.extensions()) await ext.onWithdrawn?.(c);
    // The author hears it where they submitted, unless they withdrew it themselves.
    if (!sameActor(actor, c.author)) await this.notifyAuthor(c, 'withdrawn', actor, lines.slice(1));
    return { text: lines.join('\n') };
  }

  /** `/confirmar` and «Sí/No quedó publicado»: an approver's act, checked before the engine is asked. */
  async confirm(id: string, destination: string, published: boolean, actor: Actor): Promise<Comunicado> {
    authorize(await this.require(id), { type: 'confirm', destination, published }, actor, this.deps.rules);
    const c = await this.deps.engine.confirm(id.toUpperCase(), destination, published, actor);
    await this.afterSettled(c);
    return c;
  }

  /** After the engine settled deliveries on its own (a lookup concluded): the same follow-up as a run. */
  async settledInBackground(id: string): Promise<void> {
    const c = await this.deps.store.get(id);
    if (c) await this.afterSettled(c);
  }

  /**
   * The thread's summary is posted once and then edited in place (each /confirmar updates
   * it); the author is told once, when no delivery is left open (unknown, verifying...).
   */
  private async afterSettled(settled: Comunicado): Promise<void> {
    await this.flushStatus(settled.id);
    if (!['published', 'partially_published', 'failed'].includes(settled.state)) return;
    const c = (await this.deps.store.get(settled.id)) ?? settled;
    await this.postOrEditFinal(c);
    const open = Object.values(c.deliveries).some((d) => ['pending', 'preparing', 'in_flight', 'verifying', 'unknown'].includes(d.state));
    if (!open && c.authorToldOutcome?.state !== c.state) {
      await this.notifyAuthor(c, c.state, SYSTEM);
      await this.deps.store.update(c.id, (cur) => {
        cur.authorToldOutcome = { state: c.state, at: this.deps.now().toISOString() };
        return cur;
      });
    }
    for (const ext of this.deps.extensions()) {
      await ext.onSettled?.(c).catch((err) => this.deps.logger.error({ err, extension: ext.name }, 'onSettled failed'));
    }
    // A long-running bot must not keep one entry per comunicado forever (the status queue
    // forgets idle keys itself); a later change simply renders the status again.
    this.lastStatus.delete(c.id);
  }

  // ---------------------------------------------------------------- chat output

  private async postOrEditFinal(c: Comunicado): Promise<void> {
    const message = finalMessage(c);
    if (c.messages.final) {
      try {
        await this.deps.chats.update(c.messages.final, message);
        return;
      } catch (err) {
        this.deps.logger.warn({ err, comunicado: c.id }, 'final summary not edited; posting it again');
      }
    }
    const ref = await this.deps.chats.tryPost(c.origin.platform, this.previewThread(c), message);
    if (!ref) return;
    await this.deps.store.linkMessage(ref, c.id);
    await this.deps.store.update(c.id, (cur) => {
      cur.messages.final = ref;
      return cur;
    });
  }

  /** The preview's thread, where statuses and notices about this comunicado go. */
  previewThread(c: Comunicado) {
    const ref = c.messages.preview;
    return ref ? ChatHub.threadOf(ref) : ChatHub.threadOf(c.origin);
  }

  previews(c: Comunicado): DestinationPreview[] {
    return c.content.destinations.map((dest) => {
      const p = this.deps.registry.get(dest);
      return (
        p.preview?.(c) ?? { destination: dest, text: '', warnings: [], dryRun: p.dryRun }
      );
    });
  }

  /**
   * The previews with what each destination needs and lacks on its platform (a portal
   * category that does not exist...), asked now so the Jefe sees it before approving. A
   * platform that does not answer in time gets a warning that it could not be checked.
   */
  async checkedPreviews(c: Comunicado): Promise<DestinationPreview[]> {
    const previews = await withPopupNote(this.deps.store, c, this.previews(c));
    return Promise.all(
      previews.map(async (p) => {
        const publisher = this.deps.registry.get(p.destination);
        if (!publisher.checkNeeds || publisher.dryRun) return p;
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(t('preview.needs_timeout'))), NEEDS_TIMEOUT_MS);
          timer.unref?.();
        });
        try {
          const needs = await Promise.race([publisher.checkNeeds(c), late]);
          return needs.length ? { ...p, warnings: [...needs, ...p.warnings] } : p;
        } catch (err) {
          this.deps.logger.warn({ err: String(err), destination: p.destination }, 'preview check of what the destination needs failed');
          const detail = err instanceof Error ? err.message : String(err);
          return { ...p, warnings: [t('preview.needs_unchecked', { destination: destinationLabel(p.destination), detail }), ...p.warnings] };
        } finally {
          clearTimeout(timer);
        }
      }),
    );
  }

  private async postPreview(c: Comunicado, edited: boolean): Promise<void> {
    const platform = c.origin.platform;
    const dryRunReasons: Record<string, string | undefined> = {};
    for (const d of c.content.destinations) {
      const p = this.deps.registry.get(d);
      if (p.dryRun) dryRunReasons[d] = p.dryRunReason;
    }
    const progress = approvalProgress(policyOf(this.deps.rules), c, this.deps.now());
    // Besides the Jefe, the members of other groups who decide in this chat are tagged.
    const chatDeciders = pendingMembers(progress).flatMap((p) => (p.member.link === 'none' && p.member.chat[platform] ? [p.member.chat[platform]] : []));
    const message = previewMessage(c, await this.checkedPreviews(c), {
      approverMentions: [...new Set([...this.deps.rules.approvers[platform], ...chatDeciders])],
      approvalLines: approvalLines(progress),
      requireReview: this.deps.rules.requireReview,
      dryRunReasons,
      edited,
      zone: this.deps.config.office.timezone,
      hints: await this.accessibilityHints(c),
    });
    const target = this.deps.chats.approvalsTarget(c.origin);
    const ref = await this.deps.chats.post(platform, target, message);
    await this.deps.store.linkMessage(ref, c.id);
    const old = c.messages.preview;
    await this.deps.store.update(c.id, (cur) => {
      cur.messages.preview = ref;
      if (old) cur.messages.superseded = [...(cur.messages.superseded ?? []), old];
      return cur;
    });
    // Every earlier preview points to the newest one (not to a preview replaced since).
    if (old) await this.supersede([...(c.messages.superseded ?? []), old], ref, c);
    await showFittedImages(this.deps, c, ref);
    const current = (await this.deps.store.get(c.id)) ?? c;
    for (const ext of this.deps.extensions()) {
      await ext.onPreviewPosted?.(current).catch((err) => this.deps.logger.error({ err, extension: ext.name }, 'onPreviewPosted failed'));
    }
  }

  /**
   * What the preview adds for the Jefe beyond the gate: documents a screen reader cannot
   * read, and the plain-language hints (Circular DAFP 100-010 de 2021). Warnings only.
   */
  private async accessibilityHints(c: Comunicado): Promise<string[]> {
    const hints: string[] = [];
    const documents = await documentHints(c.content.attachments, this.deps.dataDir, this.deps.logger);
    if (documents.length) hints.push(documents.join('\n'));
    const plain = plainLanguageBlock(c.content, this.deps.config.plainLanguage);
    if (plain) hints.push(plain);
    return hints;
  }

  /** Old previews say they were replaced, link to the current one and lose their buttons. */
  private async supersede(olds: MessageRef[], current: MessageRef, c: Comunicado): Promise<void> {
    const text = t('preview.superseded', { id: c.id, version: c.version });
    const url = await Promise.resolve(this.deps.chats.get(current.platform).link?.(current)).catch((err) => {
      this.deps.logger.warn({ err, comunicado: c.id }, 'no link to the new preview');
      return undefined;
    });
    const links = url ? [{ label: t('preview.superseded_link', { version: c.version }), url }] : [];
    for (const old of olds) {
      try {
        await this.deps.chats.update(old, { text: url ? `${text}\n${url}` : text, sections: [{ body: text }], links });
      } catch (err) {
        this.deps.logger.warn({ err, comunicado: c.id, message: old.messageId }, 'a replaced preview was not marked');
      }
    }
  }

  /**
   * Files that arrived after the comunicado was made of their message (a Telegram album
   * spread over many seconds): added as a new version while it can still be edited; else
   * the person is told the file was not added, and why.
   */
  async addLateFiles(submittedWith: MessageRef, files: IncomingFile[], actor: Actor): Promise<void> {
    const id = await this.deps.store.findByMessage(submittedWith);
    const c = id ? await this.deps.store.get(id) : undefined;
    if (!c || !files.length) return; // the message was not a comunicado: nothing to add to
    const names = uniqueNames(files, c.content.attachments).map((f) => f.filename).join(', ');
    const thread = ChatHub.threadOf(submittedWith);
    const tell = (text: string) => this.deps.chats.tryPost(submittedWith.platform, thread, { text, mentions: [actor.userId] });
    if (!EDITABLE.includes(c.state)) {
      await tell(t('reply.late_files_not_added', { id: c.id, files: names, state: t(`state.${c.state}`).toLowerCase() }));
      return;
    }
    const form: ParsedForm = { content: c.content, altInOrder: [], altByFile: {}, destinationsGiven: true, textGiven: false, scheduleGiven: false, vigenciaGiven: false };
    files = uniqueNames(files, c.content.attachments);
    this.checkFiles(files, form, c.content.attachments);
    const staging = new Staging(this.deps.dataDir);
    let attachments: Attachment[];
    try {
      attachments = await staging.moveInto(c.id, await this.attachments(staging.folder, files, form, c.content.attachments));
    } catch (err) {
      await staging.discard();
      throw err;
    }
    let edited: Comunicado;
    try {
      edited = await this.apply(c.id, { type: 'edit', content: { ...c.content, attachments } }, actor);
    } catch (err) {
      await staging.discard();
      throw err;
    }
    await staging.finish();
    if (edited.state === 'changes_requested' || edited.state === 'draft') edited = await this.apply(c.id, { type: 'submit' }, actor);
    await tell(t('reply.late_files_added', { id: c.id, files: names, version: edited.version }));
  }

  /** Records the thread where the author hears about a comunicado sent without a message of its own (a Slack slash command). */
  async setAuthorThread(id: string, threadId: string): Promise<void> {
    await this.deps.store.update(id, (cur) => {
      if (!cur.origin.messageId && !cur.origin.threadId) cur.origin.threadId = threadId;
      return cur;
    });
  }

  /** The author's place: the thread (or chat) they submitted from, where they hear every outcome. */
  authorPlace(c: Comunicado) {
    return ChatHub.threadOf(c.origin);
  }

  /** Tells the author what happened to their comunicado, in their own place (tagged there). */
  private async notifyAuthor(c: Comunicado, kind: string, actor: Actor, extra: string[] = []): Promise<void> {
    const mentions = [c.author.userId];
    let message: OutMessage;
    switch (kind) {
      case 'approved':
        message = {
          text:
            c.state === 'scheduled' && c.scheduledFor
              ? t('reply.author_scheduled', { id: c.id, name: actorName(actor), when: formatWhen(c.scheduledFor, this.deps.config.office.timezone) })
              : t('reply.author_approved', { id: c.id, name: actorName(actor) }),
          mentions,
        };
        break;
      case 'rejected':
        message = {
          text: t('reply.author_rejected', { id: c.id, name: actorName(c.rejection?.actor ?? actor), reason: c.rejection?.reason ?? '' }),
          mentions,
        };
        break;
      case 'changes_requested': {
        const name = actorName(c.changesRequested?.actor ?? actor);
        const note = c.changesRequested?.note;
        const said = note ? t('reply.author_changes', { id: c.id, name, note }) : t('reply.author_changes_no_note', { id: c.id, name });
        message = { text: [said, t('reply.author_changes_how', { id: c.id })].join('\n'), mentions };
        break;
      }
      case 'withdrawn':
        message = {
          text: [t('reply.author_withdrawn', { id: c.id, name: actorName(c.withdrawal?.actor ?? actor), reason: c.withdrawal?.reason ?? '' }), ...extra].join('\n'),
          mentions,
        };
        break;
      default:
        message = authorOutcomeMessage(c);
    }
    await this.deps.chats.tryPost(c.origin.platform, this.authorPlace(c), message);
  }

  /**
   * Keeps one status message per comunicado up to date, edited in place. Calls are chained
   * per comunicado so the first post finishes before any edit, and identical renders are
   * skipped (a chat API must not be hammered with no-op edits).
   */
  onProgress(c: Comunicado): Promise<void> {
    return this.statusChains.run(c.id, () => this.renderStatus(c.id).catch((err) => this.deps.logger.warn({ err, comunicado: c.id }, 'status not updated')));
  }

  private async flushStatus(id: string): Promise<void> {
    await this.statusChains.idle(id);
    await this.renderStatus(id);
  }

  private async renderStatus(id: string): Promise<void> {
    const c = await this.deps.store.get(id);
    if (!c || !this.deps.chats.has(c.origin.platform)) return;
    const message = statusMessage(c);
    if (this.lastStatus.get(id) === message.text) return;
    this.lastStatus.set(id, message.text);
    if (c.messages.status) {
      await this.deps.chats.update(c.messages.status, message);
      return;
    }
    const ref = await this.deps.chats.post(c.origin.platform, this.previewThread(c), message);
    await this.deps.store.linkMessage(ref, c.id);
    await this.deps.store.update(id, (cur) => {
      cur.messages.status = ref;
      return cur;
    });
  }
}
