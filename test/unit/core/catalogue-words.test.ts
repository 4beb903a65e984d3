import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasMessage, messageKeys, t, type MessageKey } from '../../../src/messages/index.ts';
import { messageProblems, problems, slackProblems, telegramHtml, telegramProblems } from '../../fakes/words.ts';

/**
 * Issue 14 item 14: every text of the catalogue, filled with sample values and rendered by
 * each platform's renderer (Slack Block Kit mrkdwn, Telegram HTML, console plain text),
 * reads as one register (usted) with no leaks: no unfilled {placeholder}, no raw key, no
 * stray markup, no "a el" / "de el".
 */

// ------------------------------------------------------------------ sample values

/** Plain sample values, by placeholder name; none of them trips a check on its own. */
const SAMPLES: Record<string, string | number> = {
  id: 'C-2026-0142',
  title: 'Jornada de vacunación en la comuna 7',
  name: 'Ana Gómez',
  author: 'Ana Gómez',
  user: 'Ana Gómez',
  reason: 'Falta la fuente de las cifras.',
  note: ': revisar la hora del evento',
  email: 'maria.perez@elnuevodia.com.co',
  url: 'https://ibague.gov.co/noticias/c-2026-0142',
  file: 'foto1.jpg',
  files: 'foto1.jpg, foto2.jpg',
  path: 'datos/medios.csv',
  dir: '/srv/comunicados/data',
  lock: '/srv/comunicados/data/.lock',
  when: '2026-12-01 08:30',
  date: '2026-12-31',
  time: '08:30',
  destination: 'Portal · noticia',
  network: 'Facebook',
  account: 'Alcaldía',
  channel: 'Alcaldía',
  handle: 'AlcaldiaIbague',
  username: 'AlcaldiaIbague',
  state: 'Publicado',
  detail: 'código 190',
  message: 'El portal no responde.',
  code: 'ETIMEDOUT',
  status: '503',
  seconds: 30,
  wait: '30 s',
  where: 'el portal',
  until: '10:15',
  minutes: 15,
  attempt: 2,
  attempts: 5,
  max: 5,
  count: 3,
  total: 7,
  n: 2,
  version: 2,
  length: 210,
  limit: 200,
  variable: 'FACEBOOK_PAGE_TOKEN',
  variables: 'FACEBOOK_PAGE_TOKEN',
  vars: 'X_API_KEY, X_API_SECRET',
  var: 'YOUTUBE_REFRESH_TOKEN',
  names: 'X_API_KEY',
  urlEnv: 'PORTAL_URL',
  userEnv: 'PORTAL_USER',
  passwordEnv: 'PORTAL_APP_PASSWORD',
  secretEnv: 'PORTAL_HMAC_SECRET',
  value: '2026-13-45',
  list: 'Ana Gómez, Luis Rojas',
  segment: 'radio',
  segments: 'prensa, radio, televisión',
  outlet: 'El Nuevo Día',
  placement: 'noticia',
  placements: 'slider principal',
  type: 'Entrada',
  category: 'Noticias',
  categories: 'Noticias',
  tags: '#Salud, #Vacunación',
  action: 'publicar entradas',
  command: '/medios',
  pid: 4242,
  host: 'servidor-prensa',
  since: '2026-12-01 08:30',
  why: 'fin de archivo inesperado',
  backup: 'state.json.bak',
  suggestion: 'approval',
  location: 'https://ibague.gov.co/',
  mime: 'application/x-msdownload',
  detected: 'un programa de Windows',
  claimed: 'una imagen JPEG',
  megapixels: 120,
  bytes: 2048,
  size: '25 MB',
  pct: 40,
  expiry: 'El token no vence.',
  outcome: 'Publicado',
  entity: 'Alcaldía de Ibagué',
  office: 'Oficina de Prensa',
  who: 'la Alcaldía de Ibagué',
  address: 'prensa@ibague.gov.co',
  subject: 'Jornada de vacunación',
  so_far: '3 aceptados',
  reply: '550 buzón inexistente',
  day: 'hoy',
  late: '2 h',
  age: '3 h',
  m: 5,
  h: 2,
  d: 1,
};

/** Any other placeholder gets a neutral word, so a new one never fails for lack of a sample. */
const sample = (name: string): string | number => SAMPLES[name] ?? 'muestra';

function placeholders(key: MessageKey): string[] {
  return [...t(key).matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
}

function filled(key: MessageKey, overrides: Record<string, string | number> = {}): string {
  const vars: Record<string, string | number> = {};
  for (const p of placeholders(key)) vars[p] = overrides[p] ?? sample(p);
  return t(key, vars);
}

/**
 * Texts the code composes from other texts: the inner one is a placeholder value, so the
 * pair must read well together ("pedir cambios a" + "el comunicado" is "a el").
 */
function compositions(): Array<{ label: string; text: string }> {
  const out: Array<{ label: string; text: string }> = [];
  const family = (prefix: string) => messageKeys().filter((k) => k.startsWith(prefix));
  const combine = (outer: MessageKey, slot: string, prefix: string) => {
    for (const inner of family(prefix)) out.push({ label: `${outer} ← ${inner}`, text: filled(outer, { [slot]: filled(inner) }) });
  };
  combine('workflow.illegal', 'action', 'action.');
  combine('workflow.illegal', 'state', 'state.');
  combine('status.heading', 'state', 'state.');
  combine('status.final', 'state', 'state.');
  combine('estado.item', 'state', 'state.');
  combine('estado.detail_heading', 'state', 'state.');
  combine('reply.confirmed', 'state', 'delivery.');
  combine('digest.published_item', 'state', 'state.');
  combine('digest.attention_item', 'state', 'delivery.');
  combine('portal.error.forbidden', 'action', 'portal.action.');
  combine('portal.error.timeout', 'action', 'portal.doing.');
  combine('portal.error.server', 'action', 'portal.doing.');
  combine('portal.error.bad_response', 'action', 'portal.doing.');
  combine('portal.access.cannot', 'missing', 'portal.access.cap.');
  combine('portal.progress.upload', 'kind', 'portal.kind.');
  return out;
}

// ------------------------------------------------------------------ the tests

describe('catalogue words (issue 14 item 14)', () => {
  const entries = [...messageKeys().map((k) => ({ label: k, text: filled(k) })), ...compositions()];

  it('every message is filled, rendered on Slack, Telegram and the console, with no leak, stray markup or tú', async () => {
    const failures: string[] = [];
    for (const { label, text } of entries) {
      // As a plain message, and as a section heading, body and field (previews, statuses).
      const found = [
        ...(await messageProblems({ text })),
        ...(await messageProblems({ text, sections: [{ heading: text, body: text, fields: [[text, text]] }] })),
      ];
      for (const p of new Set(found)) failures.push(`${label}: ${p}\n    ${text.slice(0, 160).replace(/\n/g, '⏎')}`);
    }
    expect(failures, failures.join('\n')).toEqual([]);
  });

  it('the checks catch what they are for', () => {
    expect(problems('Tu comunicado C-1 fue aprobado. Edítelo con /comunicado editar.')).toContain('tú register: «tu»');
    expect(problems('Escribe el motivo.')).toContain('tú imperative: «Escribe»');
    expect(problems('Usted escribe como «ana». El bot envía el texto.')).toEqual([]);
    expect(problems('¿Ya compartiste el enlace?')).toContain('tú preterite: «compartiste»');
    expect(problems('El contacto ya existe.')).toEqual([]);
    expect(problems('No se puede pedir cambios a el comunicado.')).toContain('"a el" (al)');
    expect(problems('Retirado (withdraw_removed)')).toContain('raw key-like token «withdraw_removed»');
    expect(problems('Falta audit.withdraw_removed')).toEqual(expect.arrayContaining(['raw catalogue key «audit.withdraw_removed»']));
    expect(problems('Revise portal.placements.noticia.type y SLACK_BOT_TOKEN en config/comunicados.example.yaml.')).toEqual([]);
    expect(problems('Hola {name}')).toHaveLength(1);
    expect(telegramProblems(telegramHtml('Use `/estado`'))).toEqual([]); // shown literally, caught by problems()
    expect(problems('Use `/estado`')).toContain('literal backtick');
    expect(telegramProblems('<b>sin cerrar')).toHaveLength(1);
    expect(slackProblems('a < b')).toHaveLength(1);
    expect(slackProblems('*negrita* sin querer')).toHaveLength(1);
    expect(telegramProblems(telegramHtml('_cursiva_ sin querer'))).toHaveLength(1);
    expect(telegramProblems(telegramHtml('letras, números, _ y - en TELEGRAM_WEBHOOK_SECRET'))).toEqual([]);
  });
});

// ------------------------------------------------------------------ audit actions

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/**
 * Every action name the code writes into a comunicado's history: `audit('x')` in the
 * workflow, `action: 'x'` (or `a ? 'x' : 'y'`) where an entry is pushed to `.audit`, and the
 * values of a `const ..._AUDIT = { ... }` table used there. A template literal is refused:
 * the name would not be greppable, and the test could not see that it has a text.
 */
function auditActionsInSource(): { actions: Map<string, string>; unreadable: string[] } {
  const actions = new Map<string, string>();
  const unreadable: string[] = [];
  for (const file of sourceFiles('src')) {
    if (file.startsWith(join('src', 'messages'))) continue;
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\baudit\(\s*'(\w+)'/g)) actions.set(m[1]!, file);
    for (const m of text.matchAll(/audit(?:\.push\(|:\s*\[)\s*\{[^}]*?\baction:\s*([^,}]+)/g)) {
      const expr = m[1]!.trim();
      if (expr.includes('`')) {
        unreadable.push(`${file}: action: ${expr}`);
        continue;
      }
      const literals = [...expr.matchAll(/'(\w+)'/g)].map((x) => x[1]!);
      for (const table of expr.matchAll(/\b([A-Z][A-Z0-9_]*_AUDIT)\b/g)) {
        const decl = new RegExp(`const ${table[1]}\\b[^=]*=\\s*\\{([^}]*)\\}`).exec(text);
        if (!decl) unreadable.push(`${file}: ${table[1]} not declared in the same file`);
        else literals.push(...[...decl[1]!.matchAll(/:\s*'(\w+)'/g)].map((x) => x[1]!));
      }
      if (!literals.length) unreadable.push(`${file}: action: ${expr}`);
      for (const l of literals) actions.set(l, file);
    }
  }
  return { actions, unreadable };
}

describe('audit actions (issue 14 item 14)', () => {
  it('every action the code writes to the history has an audit.<action> text', () => {
    const { actions, unreadable } = auditActionsInSource();
    expect(unreadable).toEqual([]);
    // The scan must see the actions it is meant to guard, or it checks nothing.
    for (const known of ['create', 'approve', 'withdraw_removed', 'delivery_failed', 'delivery_done', 'vigencia_takedown', 'late_publish']) {
      expect([...actions.keys()]).toContain(known);
    }
    const missing = [...actions].filter(([a]) => !hasMessage(`audit.${a}`)).map(([a, file]) => `${file}: audit.${a}`);
    expect(missing).toEqual([]);
  });
});
