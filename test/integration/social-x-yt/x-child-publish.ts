/**
 * Child process for the NODE_EXTRA_CA_CERTS test: builds the X publishers exactly as the
 * bot does (environment read by src/config/env.ts, no injected agent) and publishes one
 * comunicado, printing the outcome as JSON. Node reads NODE_EXTRA_CA_CERTS only at start,
 * which is why this runs in its own process.
 */
import { PublishError } from '../../../src/publish/port.ts';
import { createXPublishers } from '../../../src/publish/social/x/factory.ts';
import { makeComunicado, makeContext, makeDeps } from './helpers.ts';

const vars = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined));
const dataDir = vars.DATA_DIR ?? './data';
const accounts: unknown = JSON.parse(vars.XYT_ACCOUNTS_JSON ?? '{}');
const deps = makeDeps(dataDir, accounts, vars);
const publisher = createXPublishers(deps).find((p) => p.destination === 'x:alcaldia');
try {
  const r = await publisher!.publish(makeComunicado({ title: vars.XYT_TITLE ?? 'Prueba' }), makeContext(dataDir));
  console.log(JSON.stringify({ ok: true, remoteId: r.remoteId, dryRun: publisher!.dryRun }));
} catch (err) {
  const e = err as PublishError;
  console.log(JSON.stringify({ ok: false, kind: e instanceof PublishError ? e.kind : 'crash', code: e.code, message: e.message }));
}
