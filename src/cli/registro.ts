import { readdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_FACTORIES } from '../app.ts';
import { readProcessEnv, resolveCredentials, type Env } from '../config/env.ts';
import type { Config } from '../config/schema.ts';
import { destinationKind, ID_PATTERN, type Comunicado } from '../domain/comunicado.ts';
import { t } from '../messages/index.ts';
import { PublisherRegistry } from '../publish/registry.ts';
import { readComunicadoFile, writeDossier } from '../record/dossier.ts';
import { linesIn, linesToCsv, linesToJson } from '../record/export.ts';
import { verifyRecord } from '../record/verify.ts';
import { writeFileAtomic } from '../store/atomic-file.ts';
import { MemoryStore } from '../store/memory-store.ts';
import { silentLogger } from '../util/logger.ts';
import { loadConfigOrSay, type CliIo } from './io.ts';

/** `--name value` or `--name=value`. */
function flag(args: string[], name: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === `--${name}`) return args[i + 1];
    if (a.startsWith(`--${name}=`)) return a.slice(name.length + 3);
  }
  return undefined;
}

/** The final text of each destination, rendered by the same code that published it (no network: every publisher in dry run). */
function finalTexts(c: Comunicado, config: Config, env: Env, dataDir: string): Record<string, string> {
  const registry = PublisherRegistry.build(
    { config, env, credentials: resolveCredentials(config, env), dataDir, logger: silentLogger(), store: new MemoryStore(), now: () => new Date() },
    DEFAULT_FACTORIES,
    { dryRunAll: true },
  );
  const portalUrl = Object.values(c.deliveries).find((d) => destinationKind(d.destination) === 'portal' && d.url && !d.dryRun)?.url;
  const out: Record<string, string> = {};
  for (const dest of new Set([...c.content.destinations, ...Object.keys(c.deliveries)])) {
    if (destinationKind(dest) === 'email') {
      out[dest] = [c.content.title, c.content.lead, c.content.body, portalUrl].filter(Boolean).join('\n\n');
      continue;
    }
    const text = registry.get(dest).preview?.(c)?.text;
    if (text) out[dest] = text;
  }
  return out;
}

/**
 * `npm run registro -- verificar | exportar | expediente`. Read-only on the data: it may run
 * while the bot is running. Exit codes: 0 done (or the record is intact); 1 the record is
 * broken; 2 bad usage or config; 4 the comunicado does not exist.
 */
export async function runRegistroCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  const dataDir = resolve(io.cwd, io.env.dataDir);
  const recordDir = resolve(dataDir, 'registro');
  switch (command) {
    case 'verificar': {
      const r = await verifyRecord(recordDir);
      const aside = (await readdir(recordDir).catch(() => [] as string[])).filter((f) => f.includes('.cortada-')).sort();
      const asideNote = aside.length ? `${t('record.cli.set_aside', { count: aside.length, files: aside.join(', ') })}\n` : '';
      if (r.ok) {
        io.stdout.write(`${t(r.count ? 'record.cli.intact' : 'record.cli.empty', { count: r.count, files: r.files.join(', '), hash: r.lastHash, dir: recordDir })}\n${asideNote}`);
        return 0;
      }
      const how = t(`record.cli.problem.${r.problem}`, { expected: r.expected ?? '', found: r.found ?? '' });
      io.stdout.write(`${t('record.cli.broken', { file: r.file, line: r.lineNo, how, count: r.count })}\n`);
      return 1;
    }
    case 'exportar': {
      const from = flag(rest, 'desde');
      const to = flag(rest, 'hasta');
      const format = (flag(rest, 'formato') ?? 'csv').toLowerCase();
      const day = /^\d{4}-\d{2}-\d{2}$/;
      if (!from || !to || !day.test(from) || !day.test(to) || from > to || (format !== 'csv' && format !== 'json')) {
        io.stderr.write(t('record.cli.usage'));
        return 2;
      }
      const config = loadConfigOrSay(io);
      if (!config) return 2;
      const period = { from, to, zone: config.office.timezone };
      const lines = await linesIn(recordDir, period);
      const text = format === 'csv' ? linesToCsv(lines, period.zone) : linesToJson(lines, period);
      const out = flag(rest, 'salida');
      if (out) {
        await writeFileAtomic(resolve(io.cwd, out), text);
        io.stdout.write(`${t('record.cli.exported', { count: lines.length, from, to, file: resolve(io.cwd, out) })}\n`);
      } else io.stdout.write(text);
      return 0;
    }
    case 'expediente': {
      const id = rest.find((a) => !a.startsWith('--'))?.toUpperCase();
      if (!id || !ID_PATTERN.test(id)) {
        io.stderr.write(t('record.cli.usage'));
        return 2;
      }
      const config = loadConfigOrSay(io);
      if (!config) return 2;
      const c = await readComunicadoFile(dataDir, id);
      if (!c) {
        io.stderr.write(`${t('store.not_found', { id })}\n`);
        return 4;
      }
      const out = resolve(io.cwd, flag(rest, 'salida') ?? `expediente-${id}`);
      let result;
      try {
        result = await writeDossier(c, { dataDir, recordDir, out, texts: finalTexts(c, config, io.env, dataDir), now: new Date() });
      } catch (err) {
        if ((err as Error).message.startsWith('not empty')) {
          io.stderr.write(`${t('record.cli.folder_not_empty', { folder: out })}\n`);
          return 2;
        }
        throw err;
      }
      io.stdout.write(`${t('record.cli.dossier', { id, folder: out, files: result.files.length })}\n`);
      if (result.mismatched.length) io.stdout.write(`${t('record.cli.dossier_mismatch', { files: result.mismatched.join(', ') })}\n`);
      if (result.missing.length) io.stdout.write(`${t('record.cli.dossier_missing', { files: result.missing.join(', ') })}\n`);
      return 0;
    }
    default:
      io.stderr.write(t('record.cli.usage'));
      return 2;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const env = readProcessEnv();
  runRegistroCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env, cwd: process.cwd() }).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`${t('startup.unexpected')}\n${(err as Error)?.stack ?? err}\n`);
      process.exitCode = 1;
    },
  );
}

