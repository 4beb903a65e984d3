import { PassThrough, Writable } from 'node:stream';
import { ConsoleAdapter } from '../../src/chat/console/adapter.ts';
import type { OutMessage } from '../../src/chat/port.ts';
import { toSlack } from '../../src/chat/slack/blocks.ts';
import { renderChunks } from '../../src/chat/telegram/html.ts';
import { hasMessage, messageKeys } from '../../src/messages/index.ts';
import { parseHtml } from './telegram/html.ts';

/**
 * Checks on the words a person reads (issue 14 item 14): one register (usted), no leaked
 * keys or placeholders, no stray markup, no "a el"/"de el"; and each platform's renderer
 * (Slack mrkdwn, Telegram HTML, console plain text) to run them on.
 */

// ------------------------------------------------------------------ renderers

export function slackMrkdwn(text: string): string {
  const { blocks } = toSlack({ text });
  return blocks
    .map((b) => (b as { text?: { type: string; text: string } }).text)
    .filter((x): x is { type: string; text: string } => x?.type === 'mrkdwn')
    .map((x) => x.text)
    .join('\n');
}

export function telegramHtml(text: string): string {
  return renderChunks({ text }, () => undefined).join('\n');
}

export function consolePlain(message: OutMessage): Promise<string> {
  let out = '';
  const output = new Writable({
    write(chunk, _enc, done) {
      out += chunk;
      done();
    },
  });
  const adapter = new ConsoleAdapter({ input: new PassThrough(), output, user: 'ana', channel: 'comunicados', prompt: false, outboxDir: '/tmp/no-outbox', dryRun: true });
  return adapter.post({ channel: 'comunicados' }, message).then(() =>
    out
      .split('\n')
      .filter((l) => l.startsWith('│ '))
      .map((l) => l.slice(2))
      .join('\n'),
  );
}

// ------------------------------------------------------------------ checks

/** Words that only exist when the text speaks to "tú" (the bot says "usted"). */
const TU_WORDS = [
  'tú', 'tu', 'tus', 'te', 'ti', 'contigo', 'tuyo', 'tuya',
  'puedes', 'tienes', 'quieres', 'debes', 'necesitas', 'estás', 'eres', 'sabes', 'has', 'vas', 'haces', 'escribiste', 'enviaste',
  'edítalo', 'edítala', 'envíalo', 'envíala', 'revísalo', 'revísala', 'úsalo', 'escríbelo', 'escríbela', 'bórralo', 'bórrala',
  'agrégalo', 'agrégala', 'cámbialo', 'adjúntalo', 'adjúntala', 'corrígelo', 'quítalo', 'ábrelo', 'hazlo', 'ponlo', 'mándalo',
  'reenvíalo', 'compártelo', 'compártela', 'súbelo', 'súbela', 'confírmalo', 'pruébalo', 'dale', 'avísale', 'pídele',
];
/**
 * Imperatives to "tú". The same words are third-person statements ("el bot envía",
 * "/reintentar — vuelve a publicar"), so they count only where an order starts: at the
 * start of a sentence or after a colon.
 */
const TU_IMPERATIVES = [
  'usa', 'escribe', 'envía', 'edita', 'revisa', 'agrega', 'elige', 'pulsa', 'toca', 'responde', 'confirma', 'intenta', 'vuelve',
  'indica', 'adjunta', 'cambia', 'corrige', 'quita', 'abre', 'borra', 'pon', 'di', 'haz', 'sal', 'ven', 'ten', 'mira', 'espera',
  'avisa', 'sube', 'comparte', 'reacciona', 'define', 'configura', 'crea', 'genera', 'actualiza', 'reconecta', 'reduce', 'elimina',
  'revisa', 'consulta', 'pide', 'guarda', 'exporta', 'deja', 'marca', 'selecciona', 'reintenta', 'descarga', 'acorta', 'agrégale',
];
/** Second-person preterites (-aste/-iste) and the words that merely look like one. */
const PRETERITE_TU = /\b[\p{L}]+(?:aste|iste)\b/giu;
const PRETERITE_FALSE_FRIENDS = new Set(['existe', 'consiste', 'asiste', 'insiste', 'resiste', 'persiste', 'triste', 'viste', 'desiste', 'subsiste']);

/** Lowercase snake_case a person may legitimately read: WordPress terms the portal's admin uses. */
const SNAKE_ALLOWED = new Set(['rest_base', 'show_in_rest']);
/** Dotted names a person is told to edit: configuration paths, not catalogue keys. */
const CONFIG_PATHS = /^(portal\.(placements|type)|chats\.(slack|telegram)|media\.segments|approval\.|office\.|digest\.|team\.)/;

const NAMESPACES = new Set(messageKeys().map((k) => k.split('.')[0]!));

export function problems(text: string): string[] {
  const found: string[] = [];
  if (/[{}]/.test(text)) found.push(`unfilled placeholder or stray brace: ${text.match(/.{0,20}[{}].{0,20}/)?.[0]}`);
  if (text.includes('`')) found.push('literal backtick');
  if (/(?<![\p{L}\p{N}])[aA] el(?![\p{L}\p{N}])/u.test(text)) found.push('"a el" (al)');
  if (/(?<![\p{L}\p{N}])[dD]e el(?![\p{L}\p{N}])/u.test(text)) found.push('"de el" (del)');
  for (const m of text.matchAll(/(?<![\w@./:-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w@.-]*@)\b/g)) {
    if (!SNAKE_ALLOWED.has(m[0])) found.push(`raw key-like token «${m[0]}»`);
  }
  for (const m of text.matchAll(/(?<![\w@/.-])[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+(?![\w/@-])/g)) {
    const token = m[0];
    if (/\.(com|co|gov|org|net|md|ya?ml|jpe?g|png|pdf|csv|eml|json|mp4|env|bak)$/.test(token)) continue;
    if (CONFIG_PATHS.test(token)) continue;
    if (hasMessage(token) || NAMESPACES.has(token.split('.')[0]!)) found.push(`raw catalogue key «${token}»`);
  }
  const words = text.toLowerCase().match(/[\p{L}]+/gu) ?? [];
  for (const w of words) if (TU_WORDS.includes(w)) found.push(`tú register: «${w}»`);
  for (const m of text.matchAll(/(?:^|[.!?:;¡¿]\s+|\n\s*|\(\s*)([\p{L}]+)/gu)) {
    if (TU_IMPERATIVES.includes(m[1]!.toLowerCase())) found.push(`tú imperative: «${m[1]}»`);
  }
  for (const m of text.matchAll(PRETERITE_TU)) {
    if (!PRETERITE_FALSE_FRIENDS.has(m[0].toLowerCase())) found.push(`tú preterite: «${m[0]}»`);
  }
  return found;
}

/**
 * An underscore that opens or closes emphasis (`_texto_`): a letter on one side only. Inside
 * a name (SLACK_BOT_TOKEN) or alone between spaces ("números, _ y -") it is just a character.
 */
const EMPHASIS_UNDERSCORE = /(^|[^\p{L}\p{N}_])_(?=[\p{L}\p{N}])|(?<=[\p{L}\p{N}])_(?=$|[^\p{L}\p{N}_])/u;

/** What Slack's mrkdwn would show as markup that the text did not mean. */
export function slackProblems(mrkdwn: string): string[] {
  const found: string[] = [];
  const outside = mrkdwn.replace(/<(https?:|mailto:|@|#|!)[^<>]*>/g, '');
  if (/[<>]/.test(outside)) found.push('unescaped < or > in mrkdwn');
  if (/&(?!amp;|lt;|gt;)/.test(mrkdwn)) found.push('unescaped & in mrkdwn');
  if (/[*~]/.test(mrkdwn)) found.push('stray * or ~ (bold/strike) in mrkdwn');
  if (EMPHASIS_UNDERSCORE.test(mrkdwn)) found.push('stray _ (italic) in mrkdwn');
  return found;
}

/** What Telegram's HTML parse mode would refuse or show literally. */
export function telegramProblems(html: string): string[] {
  const parsed = parseHtml(html);
  if (!parsed.ok) return [`Telegram refuses the HTML: ${parsed.error}`];
  const found: string[] = [];
  if (/[*~]/.test(parsed.text)) found.push('stray * or ~ (Markdown) shown literally in Telegram');
  if (EMPHASIS_UNDERSCORE.test(parsed.text)) found.push('stray _ (Markdown) shown literally in Telegram');
  if (/&(amp|lt|gt|quot);/.test(parsed.text)) found.push('double-escaped entity shown in Telegram');
  return found;
}

export function consoleProblems(plain: string): string[] {
  const found: string[] = [];
  if (/&(amp|lt|gt|quot);/.test(plain)) found.push('HTML entity in plain text');
  if (/<\/?(b|i|a|code)\b[^>]*>/.test(plain)) found.push('HTML tag in plain text');
  return found;
}

/**
 * Every problem of a message as each platform would show it: the words of its plain text,
 * then its Slack blocks, Telegram HTML and console lines.
 */
export async function messageProblems(message: OutMessage): Promise<string[]> {
  const slack = toSlack(message)
    .blocks.flatMap((b) => {
      const x = b as { text?: { type: string; text: string }; fields?: Array<{ type: string; text: string }> };
      return [x.text, ...(x.fields ?? [])];
    })
    .filter((x): x is { type: string; text: string } => x?.type === 'mrkdwn')
    .map((x) => x.text.replace(/^\*([\s\S]*?)\*(?=\n|$)/, '$1')); // the renderer's own bold heading or label
  const found = [
    ...problems(message.text),
    ...slack.flatMap(slackProblems).map((p) => `slack: ${p}`),
    ...telegramProblems(renderChunks(message, () => undefined).join('\n')).map((p) => `telegram: ${p}`),
    ...consoleProblems(await consolePlain(message)).map((p) => `console: ${p}`),
  ];
  for (const s of message.sections ?? []) found.push(...problems([s.heading, s.body, ...(s.fields ?? []).flat()].filter(Boolean).join('\n')));
  return [...new Set(found)];
}
