import { accesibilidad } from './accesibilidad.ts';
import { approval } from './approval.ts';
import { handoff } from './handoff.ts';
import { chat } from './chat.ts';
import { consoleTexts } from './console.ts';
import { core } from './core.ts';
import { digest } from './digest.ts';
import { figures, report } from './figures.ts';
import { files } from './files.ts';
import { form } from './form.ts';
import { mediaEmail } from './media-email.ts';
import { portal } from './portal.ts';
import { publish } from './publish.ts';
import { record } from './record.ts';
import { dataRights } from './data-rights.ts';
import { schedule } from './schedule.ts';
import { slack } from './slack.ts';
import { socialMeta } from './social-meta.ts';
import { socialXYt } from './social-x-yt.ts';
import { store } from './store.ts';
import { telegram } from './telegram.ts';
import { kinds } from './kinds.ts';

/**
 * The message catalogue. One entry point (`t`) for every text a person reads; each area of
 * the bot keeps its texts in its own file here and they are merged below.
 */
const catalogue = {
  ...core,
  ...store,
  ...publish,
  ...form,
  ...files,
  ...chat,
  ...consoleTexts,
  ...portal,
  ...socialMeta,
  ...socialXYt,
  ...handoff,
  ...digest,
  ...schedule,
  ...slack,
  ...telegram,
  ...mediaEmail,
  ...figures,
  ...report,
  ...accesibilidad,
  ...record,
  ...dataRights,
  ...approval,
  ...kinds,
} as const;

/** A key of the catalogue: a closed set, so a typo or a missing text fails to compile. */
export type MessageKey = keyof typeof catalogue;

const texts: Readonly<Record<string, string>> = catalogue;

/** Looks a text up and fills `{placeholders}`. */
export function t(key: MessageKey, vars: Record<string, string | number | undefined> = {}): string {
  const template = texts[key];
  if (template === undefined) throw new Error(`missing message: ${key}`);
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = vars[name];
    return v === undefined ? `{${name}}` : String(v);
  });
}

/** Whether `key` (built at run time, e.g. from a state name) is in the catalogue. */
export function hasMessage(key: string): key is MessageKey {
  return Object.hasOwn(texts, key);
}

/** Every key of the catalogue (for the test that renders each one on every platform). */
export function messageKeys(): MessageKey[] {
  return Object.keys(texts) as MessageKey[];
}
