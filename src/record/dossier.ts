import { copyFile, mkdir, readFile, readdir, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { comunicadoSchema, destinationKind, idYear, type Comunicado } from '../domain/comunicado.ts';
import { writeFileAtomic } from '../store/atomic-file.ts';
import { sha256 } from './chain.ts';
import { contentHash } from './events.ts';
import { readRecord } from './reader.ts';
import { verifyRecord } from './verify.ts';

/** Reads one comunicado from DATA_DIR without taking the store's lock (the bot may be running: files are replaced atomically). */
export async function readComunicadoFile(dataDir: string, id: string): Promise<Comunicado | undefined> {
  let text: string;
  try {
    text = await readFile(join(dataDir, 'comunicados', String(idYear(id)), `${id}.json`), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  return comunicadoSchema.parse(JSON.parse(text));
}

export interface DossierOptions {
  dataDir: string;
  recordDir: string;
  /** Where the folder goes (created; must not exist yet or be empty). */
  out: string;
  /** The final text each destination got, by destination (the caller renders them). */
  texts: Record<string, string>;
  now: Date;
}

export interface DossierResult {
  folder: string;
  files: Array<{ path: string; bytes: number; sha256: string }>;
  /** Attachments whose bytes no longer match the hash taken at submission. */
  mismatched: string[];
  missing: string[];
}

function safeName(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]/g, '-');
}

/**
 * The archive file (expediente) of one comunicado, for the office's retention table (TRD):
 *
 *   LEAME.txt            what each file is, in Spanish
 *   resumen.json         versions (with their hashes), approvals, rejection, changes asked,
 *                        withdrawal, and every destination with its id, link and dates
 *   comunicado.json      the bot's whole document, as stored
 *   textos/<destino>.txt the final text per destination
 *   adjuntos/<archivo>   the attachments, checked against the hash taken at submission
 *   registro.jsonl       the comunicado's lines of the record, byte for byte
 *   manifiesto.json      SHA-256 and size of every file above, and where the record's chain stood
 *   SHA256SUMS           the same hashes, checkable with `sha256sum -c SHA256SUMS`
 */
export async function writeDossier(c: Comunicado, o: DossierOptions): Promise<DossierResult> {
  const folder = resolve(o.out);
  await mkdir(folder, { recursive: true });
  if ((await readdir(folder)).length) throw new Error(`not empty: ${folder}`);
  const written: string[] = [];
  const put = async (rel: string, data: string | Uint8Array) => {
    const path = join(folder, rel);
    await mkdir(join(path, '..'), { recursive: true });
    await writeFileAtomic(path, data);
    written.push(rel);
  };

  const lines: string[] = [];
  for await (const r of readRecord(o.recordDir, { fromYear: idYear(c.id) })) if (r.line?.id === c.id) lines.push(r.text);
  await put('registro.jsonl', lines.length ? `${lines.join('\n')}\n` : '');

  for (const [dest, text] of Object.entries(o.texts)) await put(join('textos', `${safeName(dest)}.txt`), `${text}\n`);

  const mismatched: string[] = [];
  const missing: string[] = [];
  const attachments = [];
  for (const a of c.content.attachments) {
    const src = resolve(o.dataDir, a.path);
    const rel = join('adjuntos', safeName(a.filename));
    // An attachment path always stays inside DATA_DIR.
    if (!src.startsWith(resolve(o.dataDir) + sep)) {
      missing.push(a.filename);
      continue;
    }
    try {
      await stat(src);
    } catch {
      missing.push(a.filename);
      attachments.push({ archivo: a.filename, sha256Registrado: a.sha256, estado: 'falta' });
      continue;
    }
    await mkdir(join(folder, 'adjuntos'), { recursive: true });
    await copyFile(src, join(folder, rel));
    written.push(rel);
    const actual = sha256(await readFile(join(folder, rel)));
    if (actual !== a.sha256) mismatched.push(a.filename);
    attachments.push({ archivo: a.filename, ruta: rel, tipo: a.mime, bytes: a.size, sha256Registrado: a.sha256, sha256: actual, alt: a.alt ?? null, estado: actual === a.sha256 ? 'coincide' : 'no_coincide' });
  }

  const summary = {
    comunicado: c.id,
    titulo: c.content.title,
    estado: c.state,
    creado: c.createdAt,
    publicado: c.publishedAt ?? null,
    autor: { nombre: c.author.name ?? c.author.userId, plataforma: c.author.platform, usuario: c.author.userId },
    versiones: c.versions.map((v) => ({ version: v.version, fecha: v.at, por: v.actor.name ?? v.actor.userId, huella: contentHash(v.content) })),
    aprobaciones: c.approvals.map((a) => ({ tipo: a.kind === 'approve' ? 'aprobacion' : 'revision', por: a.actor.name ?? a.actor.userId, plataforma: a.actor.platform, fecha: a.at, version: a.version })),
    rechazo: c.rejection ? { motivo: c.rejection.reason, por: c.rejection.actor.name ?? c.rejection.actor.userId, fecha: c.rejection.at } : null,
    cambiosSolicitados: c.changesRequested ? { nota: c.changesRequested.note, por: c.changesRequested.actor.name ?? c.changesRequested.actor.userId, fecha: c.changesRequested.at } : null,
    retiro: c.withdrawal ? { motivo: c.withdrawal.reason, por: c.withdrawal.actor.name ?? c.withdrawal.actor.userId, fecha: c.withdrawal.at } : null,
    destinos: Object.values(c.deliveries).map((d) => ({
      destino: d.destination,
      tipo: destinationKind(d.destination),
      estado: d.state,
      idEnPlataforma: d.remoteId ?? null,
      enlace: d.url ?? null,
      simulacion: d.dryRun,
      publicado: d.state === 'done' || d.state === 'withdrawn' ? (d.finishedAt ?? null) : null,
      retirado: d.state === 'withdrawn' || d.takenDownAt ? (d.takenDownAt ?? d.finishedAt ?? null) : null,
      textoFinal: o.texts[d.destination] !== undefined ? join('textos', `${safeName(d.destination)}.txt`) : null,
    })),
    adjuntos: attachments,
  };
  await put('resumen.json', `${JSON.stringify(summary, null, 2)}\n`);
  await put('comunicado.json', `${JSON.stringify(c, null, 2)}\n`);
  await put(
    'LEAME.txt',
    [
      `Expediente del comunicado ${c.id}: ${c.content.title}`,
      `Generado el ${o.now.toISOString()} por el bot de comunicados.`,
      '',
      'resumen.json      versiones con su huella, aprobaciones, rechazo, cambios pedidos, retiro y cada destino con su enlace',
      'comunicado.json   el documento completo que guarda el bot',
      'textos/           el texto final de cada destino',
      'adjuntos/         los archivos adjuntos, comparados con la huella tomada al recibirlos',
      'registro.jsonl    las líneas del registro encadenado sobre este comunicado, tal como están en el servidor',
      'manifiesto.json   la huella SHA-256 y el tamaño de cada archivo, y el estado de la cadena del registro',
      'SHA256SUMS        las mismas huellas; se comprueban con: sha256sum -c SHA256SUMS',
      '',
      'Archívelo según la tabla de retención documental (TRD) de la oficina.',
      '',
    ].join('\n'),
  );

  const files = [];
  for (const rel of written.sort()) {
    const data = await readFile(join(folder, rel));
    files.push({ path: rel.split(sep).join('/'), bytes: data.length, sha256: sha256(data) });
  }
  const chain = await verifyRecord(o.recordDir);
  const manifest = {
    comunicado: c.id,
    generado: o.now.toISOString(),
    registro: chain.ok ? { integro: true, lineas: chain.count, ultimaHuella: chain.lastHash } : { integro: false, lineasValidas: chain.count, archivo: chain.file, linea: chain.lineNo, problema: chain.problem },
    archivos: files.map((f) => ({ ruta: f.path, bytes: f.bytes, sha256: f.sha256 })),
  };
  await writeFileAtomic(join(folder, 'manifiesto.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  await writeFileAtomic(join(folder, 'SHA256SUMS'), files.map((f) => `${f.sha256}  ${f.path}\n`).join(''));
  return { folder: relative(process.cwd(), folder) || folder, files, mismatched, missing };
}
