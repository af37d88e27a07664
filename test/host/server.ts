// Serves the Figma stand-in host page: the page itself (its TypeScript bundled by esbuild on request), the
// plugin's manifest and built files (read fresh on every request, so a rebuild shows on the next Open plugin),
// the sample illustrations, and the host's configuration (the playground's script before the UI and its faults,
// which the page's Fault menu switches through POST /fault).
import * as esbuild from 'esbuild';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HOST_DIR = path.dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = path.resolve(HOST_DIR, '../..');
const PAGE_ENTRY = path.join(HOST_DIR, 'page/main.ts');
const SAMPLE_NAME = /^\/samples\/([a-z0-9-]+\.svg)$/;

export interface HostServerOptions {
  /** Default 0: a free port. */
  readonly port?: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** The plugin's folder (manifest.json and the files it names); default the repository root. */
  readonly pluginDir?: string;
  /** Playground only: what the host adds to the plugin iframe. */
  readonly uiPatch?: {
    /** JavaScript run in the plugin iframe before the UI's own script (e.g. fetchRewriteScript's). */
    readonly scriptBeforeUi?: string;
  };
  /** Playground only: the provider stand-in's faults, offered on the page as a menu that switches them live. */
  readonly faults?: FaultSwitch;
}

/** A provider stand-in's named faults and a way to switch them (null: no fault). */
export interface FaultSwitch {
  readonly names: readonly string[];
  current(): string | null;
  set(name: string | null): void;
}

export interface HostServer {
  /** The host page, e.g. "http://127.0.0.1:41234/"; add "?samples=1" for the sample layers. */
  readonly url: string;
  close(): Promise<void>;
}

/** What the page reads at /host-config.json. */
export interface HostConfig {
  readonly scriptBeforeUi: string | null;
  /** The faults the page may switch, and the one on now; null when there is no stand-in to switch. */
  readonly faults: { readonly names: readonly string[]; readonly current: string | null } | null;
}

/** The largest POST /fault body: a fault's name in JSON. */
const MAX_FAULT_BODY_BYTES = 1024;

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
};

function typeOf(file: string): string {
  return TYPES[path.extname(file)] ?? 'application/octet-stream';
}

class NotFound extends Error {}

async function readOrNotFound(file: string, hint: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new NotFound(`${file} not found: ${hint}`);
    throw error;
  }
}

/** The files the manifest names as `main` and `ui`, as URL paths ("/dist/code.js"). */
async function pluginFilesAsync(pluginDir: string): Promise<Map<string, string>> {
  const text = await readOrNotFound(path.join(pluginDir, 'manifest.json'), 'the plugin folder needs its manifest');
  const manifest = JSON.parse(text.toString('utf8')) as { main?: unknown; ui?: unknown };
  const files = new Map<string, string>();
  for (const entry of [manifest.main, manifest.ui]) {
    if (typeof entry !== 'string') continue;
    const file = path.resolve(pluginDir, entry);
    // Only files inside the plugin folder: the manifest is read from disk but still treated as input.
    if (file.startsWith(pluginDir + path.sep)) files.set(`/${path.relative(pluginDir, file).split(path.sep).join('/')}`, file);
  }
  return files;
}

/** POST /fault {"fault": name or null}: switches the stand-in's fault; 400 naming the faults for anything else. */
async function switchFaultAsync(
  req: IncomingMessage,
  res: ServerResponse,
  faults: FaultSwitch,
  send: (res: ServerResponse, status: number, type: string, body: string) => void,
): Promise<void> {
  let text = '';
  for await (const chunk of req) {
    text += String(chunk);
    if (text.length > MAX_FAULT_BODY_BYTES) return send(res, 413, 'text/plain; charset=utf-8', 'The body is too large');
  }
  let fault: unknown;
  try {
    fault = (JSON.parse(text) as { fault?: unknown } | null)?.fault;
  } catch {
    fault = undefined;
  }
  if (fault !== null && (typeof fault !== 'string' || !faults.names.includes(fault))) {
    return send(
      res,
      400,
      'text/plain; charset=utf-8',
      `Send {"fault": null} or one of ${faults.names.map((name) => JSON.stringify(name)).join(', ')}`,
    );
  }
  faults.set(fault);
  send(res, 200, TYPES['.json']!, JSON.stringify({ current: faults.current() }));
}

/** Starts the host server; `close()` stops it and its bundler. */
export async function startHostServer(options: HostServerOptions = {}): Promise<HostServer> {
  const pluginDir = path.resolve(options.pluginDir ?? REPO_ROOT);
  const scriptBeforeUi = options.uiPatch?.scriptBeforeUi ?? null;
  const { faults } = options;
  const config = (): HostConfig => ({ scriptBeforeUi, faults: faults ? { names: [...faults.names], current: faults.current() } : null });
  const bundler = await esbuild.context({
    entryPoints: [PAGE_ENTRY],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2022',
    platform: 'browser',
    sourcemap: 'inline',
    logLevel: 'silent',
  });

  const send = (res: ServerResponse, status: number, type: string, body: string | Buffer): void => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(body);
  };

  const answerAsync = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const route = new URL(req.url ?? '/', 'http://host').pathname;
    if (route === '/fault' && req.method === 'POST' && faults) return switchFaultAsync(req, res, faults, send);
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'Only GET and HEAD');
    if (route === '/' || route === '/index.html') {
      return send(res, 200, TYPES['.html']!, await readFile(path.join(HOST_DIR, 'index.html')));
    }
    if (route === '/host.js') {
      const result = await bundler.rebuild();
      return send(res, 200, TYPES['.js']!, result.outputFiles?.[0]?.text ?? '');
    }
    if (route === '/host-config.json') return send(res, 200, TYPES['.json']!, JSON.stringify(config()));
    if (route === '/manifest.json') {
      return send(res, 200, TYPES['.json']!, await readOrNotFound(path.join(pluginDir, 'manifest.json'), 'no manifest'));
    }
    const sample = SAMPLE_NAME.exec(route);
    if (sample) return send(res, 200, TYPES['.svg']!, await readOrNotFound(path.join(HOST_DIR, 'samples', sample[1]!), 'no such sample'));
    const pluginFile = (await pluginFilesAsync(pluginDir)).get(route);
    if (pluginFile) {
      const body = await readOrNotFound(pluginFile, 'build the plugin first with `node build.mjs --minify`');
      return send(res, 200, typeOf(pluginFile), body);
    }
    send(res, 404, 'text/plain; charset=utf-8', `Nothing at ${route}`);
  };

  const server = createServer((req, res) => {
    answerAsync(req, res).catch((error: unknown) => {
      const status = error instanceof NotFound ? 404 : 500;
      const message = error instanceof Error ? error.message : String(error);
      if (res.headersSent) res.destroy();
      else send(res, status, 'text/plain; charset=utf-8', message);
    });
  });
  const host = options.host ?? '127.0.0.1';
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => resolve());
    });
  } catch (error) {
    await bundler.dispose();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${port}/`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      await bundler.dispose();
    },
  };
}
