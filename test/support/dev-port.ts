// The manifest lets a development plugin reach only the local addresses in devAllowedDomains, so every test
// that serves the plugin from a local server needs that one port. Test files run in parallel: whoever
// finds the port taken waits for the other file to let it go, rather than failing.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const RETRY_MS = 250;

/** The first http://127.0.0.1:<port> origin in manifest.json's devAllowedDomains. */
export async function devOriginAsync(): Promise<{ origin: string; port: number }> {
  const manifest = JSON.parse(await readFile(path.join(ROOT, 'manifest.json'), 'utf8')) as {
    networkAccess: { devAllowedDomains?: string[] };
  };
  const origin = (manifest.networkAccess.devAllowedDomains ?? []).find((domain) => /^http:\/\/127\.0\.0\.1:\d+$/.test(domain));
  if (!origin) throw new Error('manifest.json allows no http://127.0.0.1:<port> for development plugins');
  return { origin, port: Number(new URL(origin).port) };
}

function isPortTaken(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'EADDRINUSE';
}

/** Runs `start` (which listens on the dev port) until the port is free, for up to `timeoutMs`. */
export async function whenPortFreeAsync<T>(port: number, start: () => Promise<T>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await start();
    } catch (error) {
      if (!isPortTaken(error) || Date.now() > deadline) {
        throw new Error(`Port ${port} (manifest.json devAllowedDomains) stayed busy; is \`npm start\` or \`npm run relay\` running?`, {
          cause: error,
        });
      }
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  }
}
