import { z } from 'zod';

/**
 * The shape of every side document under DATA_DIR/docs, checked when a document is read
 * (and, for the ones not kept per comunicado, at start-up). A damaged document is refused
 * like state.json: the bot names the file and its backup instead of throwing later.
 * Checks are on what the code relies on; extra fields are kept (older or newer versions).
 */
const iso = z.string().min(1);
const stringMap = z.record(z.string(), z.string());

const mediaContact = z.looseObject({
  email: z.string().min(3),
  name: z.string(),
  outlet: z.string(),
  segment: z.string(),
  status: z.enum(['active', 'failing', 'unsubscribed']),
  token: z.string().min(1),
  addedAt: iso,
});

const mediaDoc = z.looseObject({
  version: z.literal(1),
  contacts: z.array(mediaContact),
  log: z.array(z.looseObject({ at: iso, action: z.string(), email: z.string() })),
});

const digestState = z.looseObject({
  lastSlot: z.string().optional(),
  lastSentAt: z.string().optional(),
  lastChartWeek: z.string().optional(),
});

const accountHealth = z.record(z.string(), z.looseObject({ ok: z.boolean(), at: iso, message: z.string().optional() }));

const handoffOpen = z.looseObject({ ids: z.array(z.string()) });
const handoffRecord = z.union([z.null(), z.looseObject({ id: z.string(), title: z.string(), createdAt: iso })]);
const emailRecord = z.looseObject({
  comunicado: z.string(),
  planned: z.record(z.string(), z.looseObject({ at: iso, count: z.number() })),
  recipients: z.record(z.string(), z.looseObject({})),
});
const objectMap = z.record(z.string(), z.looseObject({}));
/** Approval links by token hash (src/approval/links.ts) and reminders sent (src/approval/extension.ts). */
const approvalLinks = z.looseObject({
  links: z.record(
    z.string().regex(/^[a-f0-9]{64}$/),
    z.looseObject({ comunicado: z.string(), version: z.number().int(), member: z.string(), memberName: z.string(), expiresAt: iso, csrf: z.array(z.string()) }),
  ),
});
const approvalReminders = z.looseObject({ sent: z.record(z.string(), z.looseObject({ version: z.number().int() })) });

interface DocSchema {
  /** Document name (`medios`) or a folder of documents (`handoff/*`). */
  name: string;
  schema: z.ZodType;
}

const REGISTRY: DocSchema[] = [
  { name: 'medios', schema: mediaDoc },
  { name: 'digest', schema: digestState },
  { name: 'account-health', schema: accountHealth },
  { name: 'handoff-open', schema: handoffOpen },
  { name: 'handoff/*', schema: handoffRecord },
  { name: 'email/*', schema: emailRecord },
  { name: 'telegram/migrations', schema: stringMap },
  { name: 'telegram/callbacks', schema: stringMap },
  { name: 'telegram/forms', schema: objectMap },
  { name: 'telegram/messages', schema: objectMap },
  { name: 'approval-links', schema: approvalLinks },
  { name: 'approval-reminders', schema: approvalReminders },
];

/** Any other document must at least be JSON (an object, array or null). */
const fallback = z.union([z.record(z.string(), z.unknown()), z.array(z.unknown()), z.null()]);

export function docSchema(name: string): z.ZodType {
  const folder = name.includes('/') ? `${name.split('/')[0]}/*` : undefined;
  return REGISTRY.find((d) => d.name === name)?.schema ?? REGISTRY.find((d) => d.name === folder)?.schema ?? fallback;
}

/**
 * Folders of one document per comunicado: they grow with history, so start-up leaves them
 * to be checked when read.
 */
export const PER_COMUNICADO_FOLDERS = new Set(['handoff', 'email', 'links']);

/** Why `data` is not a valid document `name`, in Spanish, or undefined when it is. */
export function docProblem(name: string, data: unknown): string | undefined {
  const r = docSchema(name).safeParse(data);
  if (r.success) return undefined;
  const i = r.error.issues[0]!;
  const where = i.path.length ? ` (en ${i.path.map(String).join('.')})` : '';
  return `${i.message}${where}`;
}
