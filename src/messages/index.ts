import { core } from './core.ts';
import { extra } from './extra.ts';
import { store } from './store.ts';
import { publish } from './publish.ts';
import { form } from './form.ts';
import { files } from './files.ts';
import { chat } from './chat.ts';
import { consoleTexts } from './console.ts';

/**
 * The message catalogue. One entry point (`t`) for every text a person reads; each area of
 * the bot keeps its texts in its own file here and they are merged below.
 */
const catalogue: Record<string, string> = { ...core, ...store, ...publish, ...form, ...files, ...chat, ...consoleTexts, ...extra };

export type MessageKey = keyof typeof core | keyof typeof store | keyof typeof publish | keyof typeof form | keyof typeof files | keyof typeof chat | keyof typeof consoleTexts | (string & {});

/** Looks a text up and fills `{placeholders}`. An unknown key is a programming error. */
export function t(key: MessageKey, vars: Record<string, string | number | undefined> = {}): string {
  const template = catalogue[key];
  if (template === undefined) throw new Error(`missing message: ${key}`);
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = vars[name];
    return v === undefined ? `{${name}}` : String(v);
  });
}

export function hasMessage(key: string): boolean {
  return key in catalogue;
}
