// Starts Debian's Chromium for browser tests through playwright-core. Never downloads a browser:
// when none is installed the tests fail and say how to get one (they are never skipped).
import { chromium, type BrowserContext } from 'playwright-core';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** Flags that keep Chromium off the network (this machine's is closed) and quiet. */
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The Chromium executable to use, or an error saying how to install one. */
export function chromiumPath(): string {
  const found = CANDIDATES.find((candidate): candidate is string => !!candidate && existsSync(candidate));
  if (!found) {
    throw new Error(
      'Browser tests need Chromium. On Debian/Ubuntu: `sudo apt-get install -y chromium`; ' +
        'elsewhere install Chrome/Chromium and set CHROMIUM_PATH to its executable ' +
        '(or run `npx playwright install chromium` on a workstation and point CHROMIUM_PATH at it).',
    );
  }
  return found;
}

export interface Browser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** Launches a headless Chromium with a fresh profile; close() removes the profile. */
export async function launchBrowserAsync(extraArgs: readonly string[] = []): Promise<Browser> {
  const profile = await mkdtemp(path.join(tmpdir(), 'gen4-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args: [...ARGS, ...extraArgs],
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
