import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseDocument } from 'yaml';
import { SLACK_EVENTS_PATH } from '../chat/slack/adapter.ts';

/**
 * The app manifest for HTTP mode: the Socket Mode manifest in `config/slack-manifest.yaml`
 * with Socket Mode off and `<url>/slack/events` as the request URL of every slash command,
 * of the event subscriptions and of interactivity. Comments of the file are kept.
 */
export function httpManifest(socketModeYaml: string, publicUrl: string): string {
  let base: URL;
  try {
    base = new URL(publicUrl);
  } catch {
    throw new Error(`«${publicUrl}» no es una URL. Use, por ejemplo, --url https://bot.ejemplo.gov.co`);
  }
  if (base.protocol !== 'https:') throw new Error('Slack solo envía eventos a una URL https://. Use --url https://…');
  // A proxy may serve the bot under a path prefix: keep it.
  const root = `${base.origin}${base.pathname.replace(/\/+$/, '')}`;
  const endpoint = `${root}${SLACK_EVENTS_PATH}`;
  const doc = parseDocument(socketModeYaml);
  const commands = doc.getIn(['features', 'slash_commands']) as { items: Array<{ set(k: string, v: unknown): void }> } | undefined;
  for (const command of commands?.items ?? []) command.set('url', endpoint);
  doc.setIn(['settings', 'event_subscriptions', 'request_url'], endpoint);
  doc.setIn(['settings', 'interactivity', 'request_url'], endpoint);
  doc.setIn(['settings', 'socket_mode_enabled'], false);
  // The file's own header explains Socket Mode; this output explains itself instead.
  const first = (doc.contents as { items?: Array<{ key?: { commentBefore?: string | null } }> } | null)?.items?.[0]?.key;
  if (first) first.commentBefore = null;
  doc.commentBefore = ` Manifiesto de la app de Slack en modo HTTP, para ${root}.\n Generado con: npm run slack:manifest -- --url ${publicUrl}\n Péguelo en https://api.slack.com/apps → su app → App Manifest (o al crear la app).`;
  return doc.toString();
}

/** `npm run slack:manifest -- --url https://bot.ejemplo.gov.co`: prints the HTTP-mode manifest. */
export function main(argv: string[], io: { stdout: { write(s: string): unknown }; stderr: { write(s: string): unknown }; cwd: string }): number {
  const at = argv.indexOf('--url');
  const url = at >= 0 ? argv[at + 1] : argv.find((a) => a.startsWith('--url='))?.slice('--url='.length);
  if (!url) {
    io.stderr.write('Uso: npm run slack:manifest -- --url https://SU-DOMINIO\n(imprime el manifiesto de Slack para el modo HTTP; sin --url, use config/slack-manifest.yaml tal cual para Socket Mode)\n');
    return 1;
  }
  try {
    io.stdout.write(httpManifest(readFileSync(resolve(io.cwd, 'config', 'slack-manifest.yaml'), 'utf8'), url));
    return 0;
  } catch (err) {
    io.stderr.write(`${(err as Error).message}\n`);
    return 2;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() });
}
