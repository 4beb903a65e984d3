import { readFile } from 'node:fs/promises';
import { loadConfigOrSay, type CliIo } from './io.ts';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readProcessEnv } from '../config/env.ts';
import { reportText } from '../media-email/commands.ts';
import { segmentsOf } from '../media-email/config.ts';
import { contactsToCsv, parseContactsCsv } from '../media-email/csv.ts';
import { MediaDirectory } from '../media-email/directory.ts';
import { UserFacingError } from '../domain/errors.ts';
import { chatErrorText } from '../messages/errors.ts';
import { LowdbStore } from '../store/lowdb-store.ts';
import { writeFileAtomic } from '../store/atomic-file.ts';
import { RecordLog } from '../record/log.ts';
import { RecordingStore } from '../record/recording-store.ts';


const USAGE =
  'Uso:\n' +
  '  npm run medios:import -- archivo.csv [--simular]   importa contactos (reporta las filas con problemas)\n' +
  '  npm run medios:export -- [archivo.csv]             exporta la lista (sin archivo: a la salida estándar)\n' +
  'Con el bot en marcha, use en el chat /medios importar (con el CSV adjunto) y /medios exportar.\n';

function who(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}

/**
 * `medios:import` and `medios:export`. Exit codes: 0 done; 1 some rows were refused (the
 * valid ones were imported); 2 bad usage, file or config; 3 DATA_DIR in use by the bot.
 */
export async function runMediosCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  const flags = rest.filter((a) => a.startsWith('--'));
  const args = rest.filter((a) => !a.startsWith('--'));
  if ((command !== 'import' && command !== 'export') || (command === 'import' && args.length !== 1)) {
    io.stderr.write(USAGE);
    return 2;
  }
  const config = loadConfigOrSay(io);
  if (!config) return 2;
  let input: Buffer | undefined;
  if (command === 'import') {
    try {
      input = await readFile(resolve(io.cwd, args[0]!));
    } catch (err) {
      io.stderr.write(`No se pudo leer ${args[0]}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}\n`);
      return 2;
    }
  }
  let store: LowdbStore;
  try {
    store = await LowdbStore.open(resolve(io.cwd, io.env.dataDir));
  } catch (err) {
    if (err instanceof UserFacingError) {
      io.stderr.write(`${chatErrorText(err)}\nCon el bot en marcha, importe desde el chat: /medios importar (con el CSV adjunto).\n`);
      return 3;
    }
    throw err;
  }
  // The list's changes reach the hash-chained record here too (the lock above makes this
  // process its only writer, as the bot would be).
  const record = await RecordLog.open(resolve(io.cwd, io.env.dataDir, 'registro'), { timeZone: config.office.timezone });
  for (const notice of record.notices) io.stderr.write(`${notice}\n`);
  try {
    const recorded = new RecordingStore(store, record);
    const directory = new MediaDirectory(recorded, segmentsOf(config.media), () => new Date(), config.media.dataTreatment.legalBasis);
    if (command === 'export') {
      const csv = contactsToCsv(await directory.all());
      if (args[0]) {
        await writeFileAtomic(resolve(io.cwd, args[0]), csv);
        io.stdout.write(`Lista de medios exportada en ${resolve(io.cwd, args[0])}\n`);
      } else {
        io.stdout.write(csv);
      }
      return 0;
    }
    let rows;
    try {
      rows = parseContactsCsv(input!);
    } catch (err) {
      if (err instanceof UserFacingError) {
        io.stderr.write(`${chatErrorText(err)}\n`);
        return 2;
      }
      throw err;
    }
    const report = await directory.importRows(rows, who(), { dryRun: flags.includes('--simular') });
    io.stdout.write(`${reportText(report)}\n`);
    return report.problems.length ? 1 : 0;
  } finally {
    await record.close();
    await store.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const env = readProcessEnv();
  runMediosCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env, cwd: process.cwd() }).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`Error inesperado: ${(err as Error)?.stack ?? err}\n`);
      process.exitCode = 1;
    },
  );
}
