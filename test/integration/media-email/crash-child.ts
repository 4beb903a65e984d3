/**
 * Child process of restart.test.ts: imports 200 contacts, submits and approves a
 * comunicado for `email:todos`, and sends it. The parent kills this process with SIGKILL
 * in the middle of the send (a real crash: no cleanup, no lock released).
 *
 *   node --import tsx crash-child.ts <DATA_DIR> <SMTP_URL>
 */
import { FORM, makeMediaApp, submitAndApprove } from './helpers.ts';

const [dataDir, smtpUrl] = process.argv.slice(2) as [string, string];
const m = await makeMediaApp({ dataDir, smtpUrl });
const rows = Array.from({ length: 200 }, (_, i) => ({
  line: i + 2,
  name: `Periodista ${i + 1}`,
  outlet: `Medio ${i + 1}`,
  email: `periodista${String(i + 1).padStart(3, '0')}@medios.example.co`,
  segment: ['prensa', 'radio', 'tv', 'digital', 'blogger'][i % 5]!,
}));
const report = await m.media.directory.importRows(rows, 'crash-test');
process.stdout.write(`imported ${report.added.length}\n`);
const id = await submitAndApprove(m, `${FORM}\ndestinos: portal, correo`);
process.stdout.write(`sent ${id}\n`);
await m.close();
