import { mkdir } from 'node:fs/promises';
import { refusal } from '../messages/errors.ts';
import { join } from 'node:path';
import { isApprover } from '../domain/workflow.ts';
import { t } from '../messages/index.ts';
import type { CommandContext, CommandHandler } from '../service/extension.ts';
import { writeFileAtomic } from '../store/atomic-file.ts';
import type { MediaContact } from './contacts.ts';
import { contactsToCsv, MAX_CSV_BYTES, parseContactsCsv } from './csv.ts';
import type { ImportReport, MediaDirectory } from './directory.ts';

/** Longest list the chat shows; beyond it, the CSV export has everything. */
const MAX_LISTED = 100;

function actorName(ctx: CommandContext): string {
  const a = ctx.event.actor;
  return `${a.platform}:${a.name ?? a.userId}`;
}

function line(c: MediaContact): string {
  const base = `${c.name} — ${c.outlet} — ${c.email} (${c.segment})`;
  if (c.status === 'failing') return `⚠️ ${base} ${t('media_email.list.failing', { reply: c.failing?.reply.slice(0, 80) ?? '' })}`;
  if (c.status === 'unsubscribed') return `🚫 ${base} ${t('media_email.list.unsubscribed', { date: c.unsubscribed?.at.slice(0, 10) ?? '' })}`;
  return `• ${base}`;
}

export function listText(contacts: MediaContact[], segments: string[], filter?: string): string {
  const shown = filter ? contacts.filter((c) => c.segment === filter) : contacts;
  const active = contacts.filter((c) => c.status === 'active').length;
  const failing = contacts.filter((c) => c.status === 'failing').length;
  const left = contacts.filter((c) => c.status === 'unsubscribed').length;
  const bySegment = segments
    .map((s) => `${s} ${contacts.filter((c) => c.segment === s && c.status === 'active').length}`)
    .join(' · ');
  const out = [t('media_email.list.heading', { total: contacts.length, active, failing, left }), t('media_email.list.segments', { list: bySegment })];
  if (shown.length === 0) out.push(filter ? t('media_email.list.empty_segment', { segment: filter }) : t('media_email.list.empty'));
  const sorted = [...shown].sort((a, b) => a.segment.localeCompare(b.segment) || a.name.localeCompare(b.name, 'es'));
  out.push(...sorted.slice(0, MAX_LISTED).map(line));
  if (sorted.length > MAX_LISTED) out.push(t('media_email.list.more', { n: sorted.length - MAX_LISTED }));
  return out.join('\n');
}

export function reportText(report: ImportReport): string {
  const out = [t(report.dryRun ? 'media_email.import.summary_dry' : 'media_email.import.summary', { added: report.added.length, bad: report.problems.length })];
  for (const p of report.problems.slice(0, 50)) out.push(t('media_email.import.row', { line: p.line, message: p.message }));
  if (report.problems.length > 50) out.push(t('media_email.import.more', { n: report.problems.length - 50 }));
  return out.join('\n');
}

/** `Nombre; Medio; correo; segmento` (also with `|`). */
function parseAddArgs(rest: string): { name: string; outlet: string; email: string; segment: string } {
  const parts = rest.split(/[;|]/).map((p) => p.trim());
  if (parts.length !== 4) throw refusal('usage', 'media_email.usage.add');
  const [name, outlet, email, segment] = parts as [string, string, string, string];
  return { name, outlet, email, segment };
}

async function readUpload(ctx: CommandContext): Promise<Buffer> {
  const file = ctx.event.type === 'command' ? (ctx.event.files[0] ?? ctx.event.replyTo?.files[0]) : undefined;
  if (!file) throw refusal('usage', 'media_email.usage.import');
  if (file.size !== undefined && file.size > MAX_CSV_BYTES) throw refusal('csv_too_big', 'media_email.csv.too_big', { max: '2 MB' });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of await file.open()) {
    size += (chunk as Buffer).length;
    if (size > MAX_CSV_BYTES) throw refusal('csv_too_big', 'media_email.csv.too_big', { max: '2 MB' });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * `/medios` and its subcommands. The list holds personal data (names and addresses of
 * journalists), so every subcommand is for approvers only and answers privately where
 * the chat allows it.
 */
export function mediosCommand(deps: { directory: MediaDirectory; segments: string[] }): CommandHandler {
  const { directory, segments } = deps;
  return async (ctx, args) => {
    const { services } = ctx;
    if (!isApprover(services.rules, ctx.event.actor)) throw refusal('not_approver', 'media_email.not_approver');
    const m = /^\s*(\S*)\s*([\s\S]*)$/.exec(args)!;
    const sub = m[1]!.toLowerCase();
    const rest = m[2]!.trim();
    const by = actorName(ctx);
    switch (sub) {
      case '':
      case 'lista':
      case 'listar': {
        const filter = rest.toLowerCase() || undefined;
        if (filter && !segments.includes(filter)) throw refusal('usage', 'media_email.invalid.segment', { segment: filter, segments: segments.join(', ') });
        await ctx.whisper(listText(await directory.all(), segments, filter));
        return;
      }
      case 'agregar':
      case 'añadir': {
        const c = await directory.add(parseAddArgs(rest), by);
        await ctx.whisper(t('media_email.added', { name: c.name, outlet: c.outlet, email: c.email, segment: c.segment }));
        return;
      }
      case 'quitar':
      case 'eliminar': {
        if (!rest) throw refusal('usage', 'media_email.usage.remove');
        const c = await directory.remove(rest, by);
        await ctx.whisper(t('media_email.removed', { name: c.name, email: c.email }));
        return;
      }
      case 'baja': {
        if (!rest) throw refusal('usage', 'media_email.usage.unsubscribe');
        const c = await directory.unsubscribe(rest, 'chat', by);
        await ctx.whisper(t('media_email.unsubscribed', { name: c.name, email: c.email }));
        return;
      }
      case 'reactivar': {
        if (!rest) throw refusal('usage', 'media_email.usage.reactivate');
        const c = await directory.reactivate(rest, by);
        await ctx.whisper(t('media_email.reactivated', { name: c.name, email: c.email }));
        return;
      }
      case 'importar': {
        const dryRun = /^(simular|--simular|prueba)$/i.test(rest);
        const rows = parseContactsCsv(await readUpload(ctx));
        const report = await directory.importRows(rows, by, { dryRun });
        await ctx.whisper(reportText(report));
        return;
      }
      case 'exportar': {
        const csv = Buffer.from(contactsToCsv(await directory.all()), 'utf8');
        const filename = `medios-${services.now().toISOString().slice(0, 10)}.csv`;
        const platform = ctx.event.origin.platform;
        if (platform === 'console') {
          // The terminal cannot receive a file: it is written beside the dry-run outbox.
          const dir = join(services.dataDir, 'outbox');
          await mkdir(dir, { recursive: true });
          await writeFileAtomic(join(dir, filename), csv);
          await ctx.whisper(t('media_email.exported_file', { path: join(dir, filename) }));
          return;
        }
        // Names, emails and phones of journalists (Ley 1581 de 2012): only to the approver who
        // asked, in a direct message; the channel hears that it was sent, nothing more.
        await services.chats.get(platform).uploadDm(ctx.event.actor.userId, { filename, data: csv, title: t('media_email.export_title') });
        await ctx.whisper(t('media_email.exported_dm'));
        return;
      }
      case 'ayuda':
      case 'help':
        await ctx.whisper(t('media_email.help', { segments: segments.join(', ') }));
        return;
      default:
        if (segments.includes(sub)) {
          await ctx.whisper(listText(await directory.all(), segments, sub));
          return;
        }
        await ctx.whisper(t('media_email.help', { segments: segments.join(', ') }));
    }
  };
}
