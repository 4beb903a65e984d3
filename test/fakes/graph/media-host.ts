import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MediaHost } from '../../../src/publish/port.ts';

export interface HostedFile {
  id: string;
  filename: string;
  mime: string;
  alt?: string;
  data: Buffer;
  /** The path the publisher handed over (to check it is absolute and inside DATA_DIR). */
  sourcePath: string;
}

/**
 * Stands in for the portal's media hosting: `upload()` keeps the file and serves it over
 * HTTP on 127.0.0.1, so the Graph fake can download it the way Instagram does. With
 * `broken` set, uploads succeed but the URL answers 404 (a portal that hides new media).
 */
export class FakeMediaHost implements MediaHost {
  readonly files = new Map<string, HostedFile>();
  broken = false;
  private server: Server | undefined;
  private base = '';
  private seq = 0;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const id = decodeURIComponent((req.url ?? '').replace(/^\/media\//, '').split('/')[0] ?? '');
      const f = this.files.get(id);
      if (!f || this.broken) {
        res.writeHead(404).end('not found');
        return;
      }
      res.writeHead(200, { 'content-type': f.mime, 'content-length': f.data.length }).end(f.data);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  async upload(file: { path: string; filename: string; mime: string; alt?: string }): Promise<{ id: string; url: string }> {
    const id = `m${++this.seq}`;
    const hosted: HostedFile = { id, filename: file.filename, mime: file.mime, data: await readFile(file.path), sourcePath: file.path };
    if (file.alt) hosted.alt = file.alt;
    this.files.set(id, hosted);
    return { id, url: `${this.base}/media/${id}/${encodeURIComponent(file.filename)}` };
  }
}
