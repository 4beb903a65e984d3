import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A small tmpfs mounted for one test: a real full disk (ENOSPC) or a real read-only
 * folder (EROFS), as the kernel reports them. Needs root with mount rights (CI has them);
 * returns undefined where mounting is not allowed, and the caller says the case was skipped.
 */
export function mountTmpfs(sizeKb: number): { dir: string; readOnly(): void; unmount(): void } | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch {
    return undefined;
  }
  return {
    dir,
    readOnly: () => execFileSync('mount', ['-o', 'remount,ro', dir], { stdio: 'pipe' }),
    unmount: () => {
      try {
        execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
      } catch {
        /* already gone */
      }
    },
  };
}
