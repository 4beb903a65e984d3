import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatId, type Comunicado, type Content, type Destination } from '../../../src/domain/comunicado.ts';
import { newComunicado, transition, type WorkflowRules } from '../../../src/domain/workflow.ts';
import { summarize, type ComunicadoSummary } from '../../../src/store/port.ts';
import { formatLine, GENESIS, sha256 } from '../../../src/record/chain.ts';
import { AUTHOR, CHANNEL, JEFE } from './setup.ts';

/**
 * Writes a DATA_DIR with `total` comunicados the way LowdbStore lays them out (state.json
 * plus one file per comunicado under comunicados/<year>/), without going through the store:
 * 50,000 atomic writes with fsync would take longer than the benchmark itself.
 *
 * The history is realistic for a city press office: about 2,500 comunicados a year, going
 * back year by year; all but the newest are closed (published, some rejected or withdrawn)
 * and older than the 45-day working set. The newest `recent` (50) form the working set:
 * `pending` of them wait for approval with their preview linked in the chat, the rest were
 * published within the last weeks.
 */
export interface SeedOptions {
  dir: string;
  total: number;
  now: Date;
  recent?: number;
  pending?: number;
  perYear?: number;
  rules: WorkflowRules;
  destinations?: Destination[];
}

export interface Seeded {
  /** Comunicados waiting for approval, with the chat message of their preview. */
  pending: Array<{ id: string; preview: { channel: string; messageId: string } }>;
  files: number;
  bytes: number;
}

const BODY = [
  'La Alcaldía de Ibagué, a través de la Secretaría de Infraestructura, entregó este martes la pavimentación de 1,2 kilómetros de vías en el barrio Jordán, una obra esperada por más de 3.000 familias del sector.',
  'La inversión, de 2.400 millones de pesos, incluyó la construcción de andenes accesibles, sumideros y la señalización de los cruces peatonales cercanos a las instituciones educativas.',
  'El alcalde invitó a la comunidad a cuidar la obra y recordó que los trabajos hacen parte del plan de recuperación de la malla vial que avanza en las trece comunas de la ciudad.',
  'Durante la entrega, los líderes comunales destacaron la participación de mano de obra local y la rapidez con que se atendieron los reclamos de los vecinos durante la construcción.',
].join('\n\n');

function content(n: number, destinations: Destination[]): Content {
  return {
    title: `Alcaldía entrega obras de pavimentación en el barrio Jordán (${n})`,
    lead: 'Más de 3.000 familias se benefician con 1,2 kilómetros de vías nuevas.',
    body: BODY,
    hashtags: ['Ibagué', 'ObrasQueTransforman'],
    attachments: [],
    destinations,
  };
}

/** A published comunicado with its whole life in the audit, as the bot would leave it. */
export function published(id: string, n: number, at: Date, rules: WorkflowRules, destinations: Destination[]): Comunicado {
  const origin = { platform: 'slack' as const, channel: CHANNEL, messageId: `${Math.floor(at.getTime() / 1000)}.000200` };
  let c = newComunicado({ id, content: content(n, destinations), author: AUTHOR, origin, now: at });
  c = transition(c, { type: 'submit' }, AUTHOR, rules, at).comunicado;
  c.messages.preview = { platform: 'slack', channel: CHANNEL, messageId: `${Math.floor(at.getTime() / 1000)}.000300` };
  c = transition(c, { type: 'approve' }, JEFE, rules, at).comunicado;
  c = transition(c, { type: 'start_publishing' }, JEFE, rules, at).comunicado;
  for (const d of destinations) {
    c.deliveries[d] = {
      destination: d,
      state: 'done',
      attempts: 1,
      dryRun: false,
      remoteId: `${d}-${n}`,
      url: d.startsWith('portal:') ? `https://ibague.gov.co/noticias/${id.toLowerCase()}` : `https://social.example/${d}/${n}`,
      startedAt: at.toISOString(),
      finishedAt: at.toISOString(),
    };
    c.audit.push({ at: at.toISOString(), action: 'delivery_done', detail: `${d}: ${c.deliveries[d]!.url}` });
  }
  c = transition(c, { type: 'finish_publishing' }, JEFE, rules, at).comunicado;
  return c;
}

function pendingOne(id: string, n: number, at: Date, rules: WorkflowRules, destinations: Destination[]): Comunicado {
  const origin = { platform: 'slack' as const, channel: CHANNEL, messageId: `${Math.floor(at.getTime() / 1000)}.000200` };
  let c = newComunicado({ id, content: content(n, destinations), author: AUTHOR, origin, now: at });
  c = transition(c, { type: 'submit' }, AUTHOR, rules, at).comunicado;
  c.messages.preview = { platform: 'slack', channel: CHANNEL, messageId: `${Math.floor(at.getTime() / 1000)}.${String(n).padStart(6, '0')}` };
  return c;
}

const DAY = 86_400_000;

export async function seedDataDir(o: SeedOptions): Promise<Seeded> {
  const perYear = o.perYear ?? 2500;
  const recent = Math.min(o.recent ?? 50, o.total);
  const pendingCount = Math.min(o.pending ?? 30, recent);
  const destinations = o.destinations ?? ['portal:noticia', 'facebook:alcaldia', 'x:alcaldia', 'instagram:alcaldia'];
  const thisYear = o.now.getUTCFullYear();
  const nowMs = o.now.getTime();

  // ids, newest last: the current year is filled first, then the years before it.
  const years: Array<{ year: number; count: number }> = [];
  for (let left = o.total, y = thisYear; left > 0; y--) {
    const count = Math.min(perYear, left);
    years.unshift({ year: y, count });
    left -= count;
  }
  const ids: string[] = [];
  for (const { year, count } of years) for (let s = 1; s <= count; s++) ids.push(formatId(year, s));

  const index: Record<string, ComunicadoSummary> = {};
  const messages: Record<string, string> = {};
  const pending: Seeded['pending'] = [];
  const rules = o.rules;

  // Templates: one old published comunicado rendered once, then retargeted per id by text.
  const oldAt = new Date('2001-01-01T15:00:00.000Z');
  const template = JSON.stringify(published('C-2001-0001', 0, oldAt, rules, destinations));
  const templateId = /C-2001-0001/g;
  const templateIdLower = /c-2001-0001/g;
  const templateAt = new RegExp(oldAt.toISOString().replace(/[.]/g, '\\.'), 'g');
  const templateTs = new RegExp(String(Math.floor(oldAt.getTime() / 1000)), 'g');

  let files = 0;
  let bytes = 0;
  const jobs: Array<() => Promise<void>> = [];
  for (const { year } of years) await mkdir(join(o.dir, 'comunicados', String(year)), { recursive: true });
  const write = async (id: string, text: string) => {
    await writeFile(join(o.dir, 'comunicados', id.slice(2, 6), `${id}.json`), text);
    files += 1;
    bytes += text.length;
  };

  const firstRecent = ids.length - recent;
  ids.forEach((id, i) => {
    const year = Number(id.slice(2, 6));
    if (i < firstRecent) {
      // Closed and old: spread over its year, never inside the last 45 days.
      const yearStart = Date.UTC(year, 0, 1, 13);
      const yearEnd = Math.min(Date.UTC(year, 11, 31, 22), nowMs - 60 * DAY);
      const seq = Number(id.slice(7));
      const span = Math.max(1, yearEnd - yearStart);
      const at = new Date(yearStart + Math.floor((span * seq) / (perYear + 1)));
      let text = template.replace(templateId, id).replace(templateIdLower, id.toLowerCase()).replace(templateAt, at.toISOString()).replace(templateTs, String(Math.floor(at.getTime() / 1000)));
      // One in twenty was rejected or withdrawn instead; the state is all that changes for the store.
      if (seq % 40 === 7) text = text.replace('"state":"published"', '"state":"rejected"');
      else if (seq % 40 === 23) text = text.replace('"state":"published"', '"state":"withdrawn"');
      jobs.push(() => write(id, text));
      return;
    }
    // The working set: the newest ones, within the last 42 days.
    const k = i - firstRecent;
    const at = new Date(nowMs - (recent - k) * 0.7 * DAY);
    const isPending = k >= recent - pendingCount;
    const c = isPending ? pendingOne(id, i + 1, at, rules, destinations) : published(id, i + 1, at, rules, destinations);
    index[id] = summarize(c);
    if (isPending && c.messages.preview) {
      messages[`slack:${CHANNEL}:${c.messages.preview.messageId}`] = id;
      pending.push({ id, preview: { channel: CHANNEL, messageId: c.messages.preview.messageId } });
    }
    jobs.push(() => write(id, JSON.stringify(c)));
  });

  // A week of processed chat events (the dedup list): it depends on the traffic, not the history.
  const events: Record<string, number> = {};
  for (let e = 0; e < 400; e++) events[`slack:Ev0SEED${e}`] = nowMs - (e % 6) * DAY;

  const sequences: Record<string, number> = {};
  for (const { year, count } of years) sequences[String(year)] = count;
  await mkdir(o.dir, { recursive: true });
  await writeFile(join(o.dir, 'state.json'), JSON.stringify({ format: 1, sequences, index, messages, events }));

  const CONCURRENCY = 64;
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < jobs.length) await jobs[next++]!();
    }),
  );
  await seedRecord(o.dir, ids);
  return { pending, files, bytes };
}

/** What the record holds per comunicado of the history: its life, about as the bot writes it. */
const RECORD_ACTIONS = ['create', 'submit', 'approve', 'start_publishing', 'delivery_done', 'delivery_done', 'delivery_done', 'finish_publishing'];

/**
 * DATA_DIR/registro with the chained lines of every seeded comunicado, one file per year,
 * written directly (as for the comunicados), so the benchmark's record is as long as its history.
 */
async function seedRecord(dir: string, ids: string[]): Promise<void> {
  await mkdir(join(dir, 'registro'), { recursive: true });
  let prev = GENESIS;
  let n = 0;
  const byYear = new Map<string, string[]>();
  for (const id of ids) {
    const year = id.slice(2, 6);
    const out = byYear.get(year) ?? [];
    byYear.set(year, out);
    const at = `${year}-06-01T15:00:00.000Z`;
    for (const action of RECORD_ACTIONS) {
      const line = formatLine(++n, at, prev, {
        kind: 'comunicado',
        action,
        id,
        actor: { platform: 'slack', userId: JEFE.userId, name: 'Jefe de Oficina' },
        ...(action === 'delivery_done' ? { destination: 'portal:noticia', remoteId: '4821', url: `https://www.ibague.gov.co/portal/noticias/${id.toLowerCase()}` } : {}),
      });
      prev = sha256(line);
      out.push(line);
    }
  }
  for (const [year, lines] of byYear) await writeFile(join(dir, 'registro', `${year}.jsonl`), `${lines.join('\n')}\n`);
}
