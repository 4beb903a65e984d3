import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The chat's file host, as Slack's `url_private_download` behaves: a GET with the bot
 * token (Bearer) streams the file with its Content-Length; without the token it answers
 * Slack's login page (HTML, 200). The file is a video generated on the fly, chunk by chunk,
 * never held in memory: an MP4 `ftyp` box (so the bot's content check sees video/mp4),
 * then pseudo-random bytes. The SHA-256 of what was served is kept, to check the copy that
 * reached YouTube byte for byte.
 */
export interface FileFake {
  url: string;
  /** The download URL of the video. */
  fileUrl: string;
  size: number;
  /** SHA-256 of the last complete download. */
  servedSha256(): string | undefined;
  downloads: number;
  close(): Promise<void>;
}

const FTYP = Buffer.from([0, 0, 0, 0x18, ...Buffer.from('ftypmp42'), 0, 0, 0, 0, ...Buffer.from('mp42isom')]);
const CHUNK = 1024 * 1024;

export async function startFileFake(options: { size: number; token: string }): Promise<FileFake> {
  const block = randomBytes(CHUNK);
  let served: string | undefined;
  const state = { downloads: 0 };
  const server: Server = createServer((req, res) => {
    if (req.headers.authorization !== `Bearer ${options.token}`) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<html><body>Slack: inicie sesión</body></html>');
      return;
    }
    state.downloads += 1;
    res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(options.size) });
    const hash = createHash('sha256');
    let sent = 0;
    let index = 0;
    const pump = () => {
      while (sent < options.size) {
        const n = Math.min(CHUNK, options.size - sent);
        // A fresh buffer per chunk (the socket may still hold the previous one): the block,
        // stamped with its index so no two chunks are equal, and the ftyp box first.
        const chunk = Buffer.allocUnsafe(n);
        block.copy(chunk, 0, 0, n);
        chunk.writeUInt32BE(index++, Math.min(n - 4, 64));
        if (sent === 0) FTYP.copy(chunk, 0);
        hash.update(chunk);
        sent += n;
        if (!res.write(chunk)) {
          res.once('drain', pump);
          return;
        }
      }
      served = hash.digest('hex');
      res.end();
    };
    res.on('error', () => {});
    pump();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    fileUrl: `${url}/files-pri/T0BENCH-F0VIDEO/download/rueda-de-prensa.mp4`,
    size: options.size,
    servedSha256: () => served,
    get downloads() {
      return state.downloads;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
