/**
 * d) Streaming: a 512 MB video goes from the chat to YouTube without the bot ever holding
 * it in memory. The parent process runs the fakes: a chat file host that generates the
 * video as a stream (as Slack's url_private_download serves it, Bearer token required)
 * and the YouTube fake (OAuth token, resumable upload, hashes what it receives). The bot
 * runs in its own child process, as `npm start` would (tsx, default heap): the real app
 * with LowdbStore, the Slack adapter's download (src/chat/slack/files.ts), the core's
 * ingest (src/files/ingest.ts) on /comunicado, then the Jefe's approval publishes with the
 * real YouTube publisher (8 MiB resumable chunks streamed from disk).
 *
 * Figure: peak RSS of the bot process (sampled every 20 ms, and the kernel's VmHWM);
 * goal < 200 MB. The copy on the YouTube fake is checked byte for byte (SHA-256).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFakeYoutube } from '../fakes/youtube/server.ts';
import { argValue, compiledPath, hasArg, runTsChild, sendResult } from './lib/child.ts';
import { startFileFake } from './lib/file-fake.ts';
import { detail, finish, mb, ms, runMain, verdict } from './lib/report.ts';
import type { MemoryPeaks } from './lib/rss.ts';

/** 512 MB; `--mb=64` runs a smaller video, to show the peak does not follow the size. */
const SIZE = Number(argValue('mb') ?? 512) * 1024 * 1024;
const GOAL_BYTES = 200 * 1024 * 1024;
const BOT_TOKEN = 'xoxb-bench-0000000000-streaming';
const YT = { clientId: 'bench-client.apps.googleusercontent.com', clientSecret: 'bench-client-secret-0123456789', refresh: '1//refresh-bench-0123456789' };

interface BotFigures {
  baselineRss: number;
  peakRss: number;
  startup: MemoryPeaks;
  ingest: MemoryPeaks;
  upload: MemoryPeaks;
  vmHwm: number | null;
  afterIngestRss: number;
  ingestMs: number;
  uploadMs: number;
  state: string;
  delivery: { state: string; remoteId?: string; error?: string };
  attachment: { size: number; mime: string; sha256: string } | null;
}

/** The bot process: real app, real Slack file download, ingest and YouTube publisher. */
async function bot(): Promise<void> {
  const { startRssMeter, vmHwm } = await import('./lib/rss.ts');
  const meter = startRssMeter(20);
  const { webApi } = await import('@slack/bolt');
  const { createApp } = await import('../../src/app.ts');
  const { incomingFile } = await import('../../src/chat/slack/files.ts');
  const { LowdbStore } = await import('../../src/store/lowdb-store.ts');
  const { silentLogger } = await import('../../src/util/logger.ts');
  const { AUTHOR, benchConfig, benchEnv, CHANNEL, JEFE, NullChat } = await import('./lib/setup.ts');

  const dataDir = argValue('dir')!;
  const fileHost = argValue('file-host')!;
  const fileUrl = argValue('file-url')!;
  const ytUrl = argValue('youtube')!;
  const env = benchEnv(dataDir, {
    YOUTUBE_API_URL: `${ytUrl}/youtube/v3`,
    YOUTUBE_UPLOAD_URL: `${ytUrl}/upload/youtube/v3`,
    YOUTUBE_OAUTH_URL: `${ytUrl}/token`,
    YT_CLIENT_ID: YT.clientId,
    YT_CLIENT_SECRET: YT.clientSecret,
    YT_ALCALDIA_REFRESH: YT.refresh,
  });
  const config = benchConfig({
    destinations: { default: ['youtube:alcaldia'] },
    attachments: { maxBytes: 1024 * 1024 * 1024 },
    accounts: { alcaldia: { name: 'Alcaldía de Ibagué', youtube: { clientIdEnv: 'YT_CLIENT_ID', clientSecretEnv: 'YT_CLIENT_SECRET', refreshTokenEnv: 'YT_ALCALDIA_REFRESH' } } },
  });
  const store = await LowdbStore.open(dataDir);
  const app = createApp({ env, config, store, chats: [new NullChat()], logger: silentLogger(), extensions: () => [] });
  await app.start();
  const apiUrl = `${fileHost}/api/`;
  const client = new webApi.WebClient(BOT_TOKEN, { slackApiUrl: apiUrl });
  const file = incomingFile(
    { id: 'F0VIDEO', name: 'rueda-de-prensa.mp4', mimetype: 'video/mp4', size: SIZE, url_private_download: fileUrl },
    { client, botToken: BOT_TOKEN, apiUrl, maxBytes: config.attachments.maxBytes },
  );
  const baselineRss = meter.current();
  const startup = meter.phase();

  let t0 = performance.now();
  const submitted = await app.services.comunicados.submit({
    text: 'Rueda de prensa del alcalde sobre el plan de movilidad\n\nEntradilla: El alcalde presentó las obras de 2027.\n\nCuerpo: Video completo de la rueda de prensa.\nsin voz rueda-de-prensa.mp4',
    files: [file],
    actor: AUTHOR,
    origin: { platform: 'slack', channel: CHANNEL, messageId: '1764400000.000100' },
  });
  const ingestMs = performance.now() - t0;
  const afterIngestRss = meter.current();
  const ingest = meter.phase();

  t0 = performance.now();
  await app.services.comunicados.apply(submitted.id, { type: 'approve' }, JEFE);
  await app.idle();
  const uploadMs = performance.now() - t0;
  const upload = meter.phase();
  meter.stop();
  const c = (await store.get(submitted.id))!;
  const d = c.deliveries['youtube:alcaldia'];
  const a = c.content.attachments[0];
  const figures: BotFigures = {
    baselineRss,
    peakRss: meter.overall(),
    startup,
    ingest,
    upload,
    vmHwm: vmHwm() ?? null,
    afterIngestRss,
    ingestMs,
    uploadMs,
    state: c.state,
    delivery: { state: d?.state ?? 'missing', ...(d?.remoteId ? { remoteId: d.remoteId } : {}), ...(d?.error ? { error: `${d.error.code}: ${d.error.message}` } : {}) },
    attachment: a ? { size: a.size, mime: a.mime, sha256: a.sha256 } : null,
  };
  await app.stop();
  await store.close();
  sendResult(figures);
}

async function parent(): Promise<void> {
  const files = await startFileFake({ size: SIZE, token: BOT_TOKEN });
  const youtube = await startFakeYoutube({ clientId: YT.clientId, clientSecret: YT.clientSecret, accounts: [{ refreshToken: YT.refresh, channelId: 'UCbenchAlcaldia', title: 'Alcaldía de Ibagué' }] });
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-streaming-'));
  let ok = false;
  try {
    // The bot runs compiled, as the Docker image runs it (`node dist/src/main.js`);
    // `--tsx` measures the development path (`npm start`, compiling on the fly) instead.
    const self = fileURLToPath(import.meta.url);
    const childFile = hasArg('tsx') ? self : compiledPath(self);
    detail(`bot process: ${hasArg('tsx') ? 'TypeScript through tsx (npm start)' : 'compiled JavaScript with plain node (the Docker image)'}`);
    const { result: f } = await runTsChild<BotFigures>(
      childFile,
      ['--bot', `--dir=${dataDir}`, `--file-host=${files.url}`, `--file-url=${files.fileUrl}`, `--youtube=${youtube.url}`],
      { timeoutMs: 10 * 60_000 },
    );
    const video = f.delivery.remoteId ? youtube.videos.get(f.delivery.remoteId) : undefined;
    const served = files.servedSha256();
    const intact = !!video && video.bytes === SIZE && video.sha256 === served && f.attachment?.sha256 === served;
    const peak = Math.max(f.peakRss, f.vmHwm ?? 0);
    detail(`bot process: RSS ${mb(f.baselineRss)} before the file, ${mb(f.afterIngestRss)} after ingest; peak sampled ${mb(f.peakRss)}, VmHWM ${f.vmHwm ? mb(f.vmHwm) : 'n/a'}`);
    const phase = (p: MemoryPeaks) => `RSS ${mb(p.rss)}, heap ${mb(p.heapUsed)}, buffers ${mb(p.arrayBuffers)}`;
    detail(`peaks by phase: start-up ${phase(f.startup)}; ingest ${phase(f.ingest)}; upload ${phase(f.upload)}`);
    detail(`ingest (download + type check) ${ms(f.ingestMs)} (${(SIZE / 1024 / 1024 / (f.ingestMs / 1000)).toFixed(0)} MB/s); approval to uploaded ${ms(f.uploadMs)} (${(SIZE / 1024 / 1024 / (f.uploadMs / 1000)).toFixed(0)} MB/s)`);
    detail(`comunicado ${f.state}; youtube:alcaldia ${f.delivery.state}${f.delivery.error ? ` (${f.delivery.error})` : ''}; ${intact ? 'the video on the YouTube fake matches the served bytes (SHA-256)' : 'THE VIDEO ON THE YOUTUBE FAKE DOES NOT MATCH'}`);
    ok = verdict('d streaming', `${SIZE / 1024 / 1024} MB video chat → YouTube, peak RSS of the bot ${mb(peak)}`, peak < GOAL_BYTES && intact, '< 200 MB');
  } finally {
    await files.close();
    await youtube.close();
    await rm(dataDir, { recursive: true, force: true });
  }
  finish(ok);
}

await runMain(process.argv.includes('--bot') ? bot : parent);
