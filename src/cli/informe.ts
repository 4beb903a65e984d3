import { mkdir } from 'node:fs/promises';
import { loadConfigOrSay, type CliIo } from './io.ts';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readProcessEnv } from '../config/env.ts';
import { UserFacingError } from '../domain/errors.ts';
import { monthArg } from '../figures/report/command.ts';
import { monthReport } from '../figures/report/data.ts';
import { reportFiles, reportMessage } from '../figures/report/render.ts';
import { chatErrorText } from '../messages/errors.ts';
import { writeFileAtomic } from '../store/atomic-file.ts';
import { LowdbStore } from '../store/lowdb-store.ts';


const USAGE =
  'Uso: npm run informe -- AAAA-MM [--salida carpeta]\n' +
  '  Escribe las gráficas (PNG) y el detalle (CSV) del mes en ./informe-AAAA-MM/ (o en la carpeta indicada).\n' +
  'Con el bot en marcha, pida el informe en el chat: /informe AAAA-MM\n';

/** `npm run informe -- 2026-11`. Exit codes: 0 done; 2 bad usage or config; 3 DATA_DIR in use by the bot. */
export async function runInformeCli(argv: string[], io: CliIo): Promise<number> {
  const out = argv.indexOf('--salida');
  const outDir = out >= 0 ? argv[out + 1] : undefined;
  const args = argv.filter((a, i) => !a.startsWith('--') && (out < 0 || i !== out + 1));
  const config = loadConfigOrSay(io);
  if (!config) return 2;
  const month = args.length === 1 ? monthArg(args[0]!, (io.now ?? (() => new Date()))(), config.office.timezone) : undefined;
  if (!month || (out >= 0 && !outDir)) {
    io.stderr.write(USAGE);
    return 2;
  }
  let store: LowdbStore;
  try {
    store = await LowdbStore.open(resolve(io.cwd, io.env.dataDir));
  } catch (err) {
    if (err instanceof UserFacingError) {
      io.stderr.write(`${chatErrorText(err)}\nCon el bot en marcha, pida el informe en el chat: /informe ${month}\n`);
      return 3;
    }
    throw err;
  }
  try {
    const r = await monthReport(store, config, month);
    const files = await reportFiles(r);
    const dir = resolve(io.cwd, outDir ?? `informe-${month}`);
    await mkdir(dir, { recursive: true });
    for (const f of [...files.charts, files.csv]) await writeFileAtomic(join(dir, f.filename), f.data);
    io.stdout.write(`${reportMessage(r).text}\n\nArchivos en ${dir}:\n${[...files.charts, files.csv].map((f) => `  ${f.filename}`).join('\n')}\n`);
    return 0;
  } finally {
    await store.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  runInformeCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: readProcessEnv(), cwd: process.cwd() }).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`Error inesperado: ${(err as Error)?.stack ?? err}\n`);
      process.exitCode = 1;
    },
  );
}
