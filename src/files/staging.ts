import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import type { Attachment } from '../domain/comunicado.ts';

/** Staging folders live beside the comunicado folders, hidden by the leading dot. */
export const STAGING_PREFIX = '.incoming-';

/**
 * Where a submission's files wait until it is accepted. Files are downloaded into
 * DATA_DIR/files/.incoming-<uuid>/ and move into files/<id>/ only once the form is valid,
 * every file passed its checks and the id exists; a submission that fails leaves nothing.
 */
export class Staging {
  /** Folder name under DATA_DIR/files, for ingestFile's `folder`. */
  readonly folder = `${STAGING_PREFIX}${randomUUID()}`;
  private readonly moved: string[] = [];

  constructor(private readonly dataDir: string) {}

  private get dir(): string {
    return join(this.dataDir, 'files', this.folder);
  }

  /**
   * Moves the staged attachments into files/<id>/ and returns them with their new paths.
   * Attachments that were not staged here (kept from an earlier version) are left as they are.
   */
  async moveInto(id: string, attachments: Attachment[]): Promise<Attachment[]> {
    const stagedPrefix = join('files', this.folder) + sep;
    const target = join(this.dataDir, 'files', id);
    const out: Attachment[] = [];
    const move = async (path: string): Promise<string> => {
      if (!path.startsWith(stagedPrefix)) return path;
      await mkdir(target, { recursive: true });
      const to = join(target, basename(path));
      if (existsSync(to)) {
        // The same file (hash and name) is already kept there, from an earlier version: it
        // stays, and belongs to that version, so a refused edit must not delete it.
        await rm(join(this.dataDir, path), { force: true });
      } else {
        await rename(join(this.dataDir, path), to);
        this.moved.push(to);
      }
      return relative(this.dataDir, to);
    };
    for (const a of attachments) {
      const moved: Attachment = { ...a, path: await move(a.path) };
      // A video's captions file (and its WebVTT form) travel with it.
      if (a.captions) moved.captions = { ...a.captions, path: await move(a.captions.path), vttPath: await move(a.captions.vttPath) };
      out.push(moved);
    }
    return out;
  }

  /** The submission was accepted: only the empty staging folder goes. */
  async finish(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }

  /** The submission failed: its staged files and any already moved go. */
  async discard(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
    for (const path of this.moved) await rm(path, { force: true });
  }
}

/** Removes staging folders a crash left behind (at start-up, before any submission). */
export async function cleanStaging(dataDir: string): Promise<string[]> {
  const files = join(dataDir, 'files');
  const entries = await readdir(files, { withFileTypes: true }).catch(() => []);
  const removed: string[] = [];
  for (const e of entries) {
    if (!e.isDirectory() || !e.name.startsWith(STAGING_PREFIX)) continue;
    await rm(join(files, e.name), { recursive: true, force: true });
    removed.push(e.name);
  }
  return removed;
}
