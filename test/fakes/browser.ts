/**
 * A real headless Chromium for tests of the pages the bot serves (approval links, open
 * data). Debian's `chromium` package is driven through playwright-core; `.ci/run` installs
 * it with test/browser/install.sh. CHROMIUM_PATH overrides the executable.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

export function chromiumPath(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return fromEnv;
  const found = CANDIDATES.find((p) => existsSync(p));
  if (!found) {
    throw new Error('Chromium is not installed: run `bash test/browser/install.sh` (Debian package `chromium`)');
  }
  return found;
}

/**
 * True when Chromium is missing and may be skipped: a fresh developer machine runs `npm test`
 * without it (the browser tests say so once and are skipped); `.ci/run` installs it and sets
 * REQUIRE_BROWSER=1, so there a missing browser fails the run instead of skipping.
 */
export const BROWSER_MISSING =
  process.env.REQUIRE_BROWSER !== '1' && !process.env.CHROMIUM_PATH && !CANDIDATES.some((p) => existsSync(p));
if (BROWSER_MISSING) {
  console.warn('[chromium] no está instalado: se omiten las pruebas en el navegador (instálelo con bash test/browser/install.sh)');
}

/** Launches headless Chromium; close it in afterAll. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    // Root in CI containers has no user namespace sandbox.
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
  });
}
