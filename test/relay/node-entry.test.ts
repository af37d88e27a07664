// `npm run relay` as a user runs it: the esbuild bundle on plain Node, configured by environment variables.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { rawRequestAsync } from './support/raw-http';
import { closedPortUrlAsync, startRecordingUpstreamAsync } from './support/recording-upstream';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BUNDLE = 'relay/dist/node.mjs';
const OUTPUT_LIMIT_MS = 15_000;

let child: ChildProcess | undefined;

/** Starts the bundled relay and waits for it to print its URL (or to exit); returns what it printed. */
function startRelayAsync(env: Record<string, string>): Promise<{ url: string | null; output: string; exitCode: number | null }> {
  const started = spawn(process.execPath, [BUNDLE], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = started;
  return new Promise((resolve) => {
    let output = '';
    const limit = setTimeout(() => resolve({ url: null, output, exitCode: null }), OUTPUT_LIMIT_MS);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      const url = /Relay listening on (http:\/\/\S+)/.exec(output)?.[1];
      // The key lines follow the URL line in the same write burst; wait for the closing hint.
      if (url && output.includes('Ctrl+C stops it.')) {
        clearTimeout(limit);
        resolve({ url, output, exitCode: null });
      }
    };
    started.stdout?.on('data', onData);
    started.stderr?.on('data', onData);
    started.on('exit', (code) => {
      clearTimeout(limit);
      resolve({ url: null, output, exitCode: code });
    });
  });
}

beforeAll(() => {
  execFileSync(process.execPath, ['relay/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
});

afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGTERM');
  child = undefined;
});

describe('the Node relay (npm run relay)', () => {
  it('prints its URL and the names of the keys it injects, and forwards with them', async () => {
    const upstream = await startRecordingUpstreamAsync();
    try {
      const { url, output } = await startRelayAsync({
        PORT: '0',
        SEGMIND_API_BASE: upstream.url,
        SEGMIND_API_KEY: 'sk-test-node-entry-key',
        RELAY_TOKEN: 'rt-test-node-entry-token',
      });
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(output).toContain('Injects SEGMIND_API_KEY into the requests it forwards.');
      expect(output).toContain('Requires the RELAY_TOKEN value in an x-relay-token header on every request.');
      expect(output).not.toContain('sk-test-node-entry-key');
      expect(output).not.toContain('rt-test-node-entry-token');

      const response = await rawRequestAsync(url ?? '', {
        method: 'POST',
        path: '/segmind/v1/runway-gen4-image',
        headers: { 'x-relay-token': 'rt-test-node-entry-token', 'content-type': 'application/json' },
        body: '{"promptText":"a"}',
      });
      expect(response.status).toBe(200);
      expect(upstream.requests[0]?.headers['x-api-key']).toBe('sk-test-node-entry-key');
    } finally {
      await upstream.closeAsync();
    }
  });

  it('listens on PORT', async () => {
    const free = await closedPortUrlAsync();
    const { url } = await startRelayAsync({ PORT: new URL(free).port });
    expect(url).toBe(free);
    const response = await rawRequestAsync(url ?? '', { method: 'GET', path: '/' });
    expect(response.status).toBe(404);
    expect(response.headers['x-relay-error']).toBe('path');
  });

  it('refuses to start with bad settings, naming each variable', async () => {
    const { url, output, exitCode } = await startRelayAsync({
      PORT: 'eighty',
      SEGMIND_API_BASE: 'ftp://secret-looking-host',
      MAX_BODY_BYTES: '0',
    });
    expect(url).toBeNull();
    expect(exitCode).toBe(1);
    expect(output).toContain('The relay cannot start:');
    expect(output).toContain('SEGMIND_API_BASE must be an http(s) URL');
    expect(output).toContain('MAX_BODY_BYTES must be a positive whole number');
    expect(output).toContain('PORT must be a whole number from 0 to 65535');
    expect(output).not.toContain('secret-looking-host');
  });
});
