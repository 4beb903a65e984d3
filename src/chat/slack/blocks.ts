import { randomBytes } from 'node:crypto';
import { t } from '../../messages/index.ts';
import type { OutButton, OutMessage } from '../port.ts';

/**
 * OutMessage -> Block Kit. The core's texts are plain text: everything that goes into a
 * `mrkdwn` object is escaped here (Slack only needs &, < and >), and only this file adds
 * markup (bold headings, links, mentions). Plain-text objects (buttons, alt text) are not
 * escaped, since Slack shows them verbatim.
 */

export type Block = Record<string, unknown>;

/** Slack's documented limits. */
const SECTION_TEXT_MAX = 3000;
const FIELD_TEXT_MAX = 2000;
const MAX_FIELDS = 10;
const MAX_BLOCKS = 50;
const BUTTON_TEXT_MAX = 75;
const BUTTON_VALUE_MAX = 2000;
const ALT_TEXT_MAX = 2000;
/** Top-level `text` is the notification and fallback; keep it well under the 40k limit. */
const FALLBACK_MAX = 3000;

/** Escapes the three characters Slack's mrkdwn treats as control characters. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A mention only when the id looks like a Slack user id; anything else stays text. */
export function mention(userId: string): string {
  return /^[UW][A-Z0-9]{2,}$/.test(userId) ? `<@${userId}>` : escapeMrkdwn(`@${userId}`);
}

/** A link; the label and URL are escaped so neither can close the `<...|...>` early. */
export function link(url: string, label: string): string {
  const safeUrl = escapeMrkdwn(url).replace(/\|/g, '%7C');
  return `<${safeUrl}|${escapeMrkdwn(label).replace(/\|/g, '¦')}>`;
}

function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const tail = t('slack.truncated');
  return `${text.slice(0, Math.max(0, max - tail.length - 1))}${tail}`;
}

/** Splits long mrkdwn into section-sized chunks, at line breaks when possible. */
function chunks(text: string, max = SECTION_TEXT_MAX): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = rest.lastIndexOf('\n', max);
    if (cut < max / 2) cut = max;
    // Never cut an escape sequence (&amp;) or a <link|...> in half.
    const amp = rest.lastIndexOf('&', cut);
    if (amp > cut - 6 && rest.indexOf(';', amp) >= cut) cut = amp;
    const open = rest.lastIndexOf('<', cut);
    if (open > rest.lastIndexOf('>', cut) && open > 0) cut = open;
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^\n/, '');
  }
  if (rest) out.push(rest);
  return out;
}

function section(mrkdwn: string): Block[] {
  return chunks(mrkdwn).map((text) => ({ type: 'section', text: { type: 'mrkdwn', text } }));
}

function buttonBlock(b: OutButton): Block {
  const el: Block = {
    type: 'button',
    action_id: b.id,
    text: { type: 'plain_text', text: truncate(b.label, BUTTON_TEXT_MAX), emoji: true },
    value: b.value.slice(0, BUTTON_VALUE_MAX),
  };
  if (b.style) el.style = b.style;
  return el;
}

/**
 * Buttons into `actions` blocks. An action_id must be unique within its block, and the
 * status message repeats ids (one "confirmar" pair per unknown destination), so a repeated
 * id starts a new block. Every block id carries a fresh per-render nonce: a click names the
 * exact rendering it was made on, which makes a stable key for deduplication (two clicks on
 * the same rendering are one decision; a click after the message was updated is a new one).
 */
function actionBlocks(buttons: OutButton[], nonce: string): Block[] {
  const groups: OutButton[][] = [];
  for (const b of buttons) {
    const last = groups.at(-1);
    if (!last || last.length >= 25 || last.some((x) => x.id === b.id)) groups.push([b]);
    else last.push(b);
  }
  return groups.map((g, i) => ({ type: 'actions', block_id: `acciones-${i}-${nonce}`, elements: g.map(buttonBlock) }));
}

export interface SlackPayload {
  text: string;
  blocks: Block[];
}

/** Renders a neutral message for chat.postMessage / chat.update / chat.postEphemeral. */
export function toSlack(message: OutMessage, nonce = randomBytes(4).toString('hex')): SlackPayload {
  const blocks: Block[] = [];
  if (message.sections?.length) {
    for (const s of message.sections) {
      const parts: string[] = [];
      if (s.heading) parts.push(`*${escapeMrkdwn(s.heading.trim())}*`);
      if (s.body) parts.push(escapeMrkdwn(s.body));
      if (parts.length) blocks.push(...section(parts.join('\n')));
      if (s.fields?.length) {
        for (let i = 0; i < s.fields.length; i += MAX_FIELDS) {
          blocks.push({
            type: 'section',
            fields: s.fields.slice(i, i + MAX_FIELDS).map(([label, value]) => ({
              type: 'mrkdwn',
              text: truncate(value ? `*${escapeMrkdwn(label)}*\n${escapeMrkdwn(value)}` : escapeMrkdwn(label), FIELD_TEXT_MAX),
            })),
          });
        }
      }
      if (s.image && /^https?:\/\//.test(s.image.url)) {
        blocks.push({ type: 'image', image_url: s.image.url, alt_text: truncate(s.image.alt || 'imagen', ALT_TEXT_MAX) });
      } else if (s.image?.fileRef?.platform === 'slack') {
        // A photo someone uploaded to Slack: shown from Slack itself, no public URL needed.
        blocks.push({ type: 'image', slack_file: { id: s.image.fileRef.id }, alt_text: truncate(s.image.alt || 'imagen', ALT_TEXT_MAX) });
      }
    }
  } else if (message.text.trim()) {
    blocks.push(...section(escapeMrkdwn(message.text)));
  }
  if (message.links?.length) {
    blocks.push(...section(message.links.map((l) => `• ${link(l.url, l.label)}`).join('\n')));
  }
  const mentions = (message.mentions ?? []).map(mention).join(' ');
  if (mentions) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: mentions }] });
  const actions = message.buttons?.length ? actionBlocks(message.buttons, nonce) : [];

  // Stay within Slack's 50 blocks: the buttons always survive, the text is cut.
  const room = MAX_BLOCKS - actions.length;
  if (blocks.length > room) {
    blocks.splice(room - 1);
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: escapeMrkdwn(t('slack.truncated')) }] });
  }
  blocks.push(...actions);

  // The fallback text feeds notifications: mentions first, so a cut never drops them.
  const text = truncate([mentions, escapeMrkdwn(message.text)].filter(Boolean).join(' '), FALLBACK_MAX);
  return { text, blocks };
}
