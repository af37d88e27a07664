// The two places the relay runs, behind one interface so the same test table runs on both:
// - node: createRelayApp served by @hono/node-server (what `npm run relay` runs);
// - workerd: relay/src/worker.ts bundled by esbuild and run by Cloudflare's runtime through miniflare,
//   with the env as Worker bindings and the log read from workerd's stdout (what `wrangler deploy` ships).
import { readFileSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { createRelayApp } from '../../../relay/src/app';
import { readRelayConfig } from '../../../relay/src/config';
import { startNodeRelayAsync } from '../../../relay/src/serve-node';

export interface RunningRelay {
  /** Base URL, no trailing slash. */
  readonly url: string;
  /** Every line the relay logged so far. */
  logLines(): readonly string[];
  closeAsync(): Promise<void>;
}

export interface RelayRuntime {
  readonly name: 'node' | 'workerd';
  startAsync(env: Record<string, string>): Promise<RunningRelay>;
}

const WORKER_ENTRY = fileURLToPath(new URL('../../../relay/src/worker.ts', import.meta.url));
const WRANGLER_TOML = fileURLToPath(new URL('../../../relay/wrangler.toml', import.meta.url));

export const nodeRuntime: RelayRuntime = {
  name: 'node',
  async startAsync(env) {
    const config = readRelayConfig(env);
    if (!config.ok) throw new Error(`bad test env: ${config.problems.join('; ')}`);
    const lines: string[] = [];
    const log = (line: string): void => {
      lines.push(line);
    };
    const server = await startNodeRelayAsync(createRelayApp(config.config, { log }).fetch, { port: 0, host: '127.0.0.1' }, { log });
    return { url: server.url, logLines: () => lines, closeAsync: () => server.closeAsync() };
  },
};

let workerScript: Promise<string> | undefined;

/** The Worker as wrangler would bundle it: one ES module, web platform only (no Node built-ins). */
export function bundleWorkerAsync(): Promise<string> {
  workerScript ??= build({
    entryPoints: [WORKER_ENTRY],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['module', 'main'],
    target: 'es2022',
    logLevel: 'silent',
  }).then((result) => result.outputFiles[0]?.text ?? '');
  return workerScript;
}

/** The compatibility_date in relay/wrangler.toml, so the tests run the Worker as it is deployed. */
export function wranglerCompatibilityDate(): string {
  const match = /^compatibility_date\s*=\s*"(\d{4}-\d{2}-\d{2})"/m.exec(readFileSync(WRANGLER_TOML, 'utf8'));
  if (!match?.[1]) throw new Error('relay/wrangler.toml has no compatibility_date');
  return match[1];
}

/** The compatibility_flags in relay/wrangler.toml (one line of quoted names), for the same reason. */
export function wranglerCompatibilityFlags(): string[] {
  const match = /^compatibility_flags\s*=\s*\[([^\]]*)\]/m.exec(readFileSync(WRANGLER_TOML, 'utf8'));
  return [...(match?.[1] ?? '').matchAll(/"([a-z0-9_]+)"/g)].map((flag) => flag[1] ?? '');
}

export const workerdRuntime: RelayRuntime = {
  name: 'workerd',
  async startAsync(env) {
    const lines: string[] = [];
    let pending = '';
    const mf = new Miniflare({
      modules: true,
      script: await bundleWorkerAsync(),
      compatibilityDate: wranglerCompatibilityDate(),
      compatibilityFlags: wranglerCompatibilityFlags(),
      bindings: env,
      handleRuntimeStdio(stdout: Readable, stderr: Readable) {
        const collect = (chunk: Buffer): void => {
          const text = pending + chunk.toString('utf8');
          const parts = text.split('\n');
          pending = parts.pop() ?? '';
          lines.push(...parts.filter((line) => line.trim() !== ''));
        };
        stdout.on('data', collect);
        stderr.on('data', collect);
      },
    });
    const url = (await mf.ready).origin;
    return { url, logLines: () => lines, closeAsync: () => mf.dispose() };
  },
};

export const RUNTIMES: readonly RelayRuntime[] = [nodeRuntime, workerdRuntime];
