// The playground (`npm start`): what scripts/start.mjs starts once the plugin is built, in a module a test can
// start exactly as `npm start` does. Three ways to run it, each with the Figma stand-in host page and its samples:
//   stand-in (default)  the Segmind stand-in on the manifest's dev port; the host page puts a fetch rewrite into the
//                       plugin iframe, so the production bundle's calls to https://api.segmind.com reach it
//   real (--real)       no stand-in: the plugin calls the real Segmind with the key typed into it
//   runway (--runway)   the Runway stand-in (text_to_image and image_upscale) behind the real relay (relay/src) on the
//                       dev port; the relay holds the stand-in's key, so the panel needs none, only the relay's token
// Only one server can listen on the dev port, so --runway has no Segmind stand-in.
import { randomBytes } from 'node:crypto';
import { createRelayApp } from '../../relay/src/app';
import { readRelayConfig } from '../../relay/src/config';
import { startNodeRelayAsync, type NodeRelayServer } from '../../relay/src/serve-node';
import { SEGMIND_API_BASE } from '../../ui/providers/segmind-protocol';
import { devOriginAsync } from '../support/dev-port';
import { startRunwayStandIn, type RunwayStandIn } from '../support/runway-stand-in';
import { startSegmindStandIn, type RecordedRequest, type SegmindStandIn } from '../support/segmind-stand-in';
import { fetchRewriteScript } from './fetch-rewrite';
import { parsePlaygroundFault, playgroundFaultSwitch, PLAYGROUND_FAULTS, type PlaygroundFault } from './playground-fault';
import { startHostServer, type HostServer, type HostServerOptions } from './server';

export type PlaygroundMode = 'stand-in' | 'real' | 'runway';

export interface PlaygroundOptions {
  readonly mode: PlaygroundMode;
  /** The host page's port (0: a free one). */
  readonly port: number;
  /** stand-in mode only: the fault the Segmind stand-in starts with. */
  readonly fault: PlaygroundFault | null;
}

export const DEFAULT_PLAYGROUND_PORT = 8790;

/**
 * What the relay asks the panel for in --runway mode. Not a secret: the relay and the stand-in behind it live only on
 * this machine, and a fixed token stays valid in the host page's storage across restarts.
 */
export const PLAYGROUND_RELAY_TOKEN = 'playground-relay-token';

/**
 * Each step of a Runway task, one per poll (the plugin polls every 5 s): a designer sees "Generating… 50 %" before
 * the image lands, about 10 s after Generate, as with a quick real task.
 */
const RUNWAY_LIFECYCLE = ['RUNNING:0.5', 'SUCCEEDED'];

/** The longest wait for the next stand-in request before the request log checks whether the playground closed. */
const LOG_WAKE_MS = 1000;

/** The options `npm start -- <argv>` asks for, or the message saying what is wrong with them. */
export function parsePlaygroundArgs(argv: readonly string[]): { readonly options: PlaygroundOptions } | { readonly error: string } {
  let real = false;
  let runway = false;
  let port = DEFAULT_PLAYGROUND_PORT;
  let fault: PlaygroundFault | null = null;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--real') real = true;
    else if (arg === '--runway') runway = true;
    else if (arg === '--port') {
      i += 1;
      port = Number(argv[i]);
      if (!Number.isInteger(port) || port < 1 || port > 65_535) return { error: `--port needs a port number, got ${argv[i] ?? 'nothing'}` };
    } else if (arg === '--fault') {
      i += 1;
      const parsed = parsePlaygroundFault(argv[i]);
      if ('error' in parsed) return parsed;
      fault = parsed.fault;
    } else return { error: `unknown option ${arg} (use --real or --runway, --port <number> and/or --fault <fault>)` };
  }
  if (real && runway) {
    return {
      error: '--runway and --real do not go together: --runway is Runway through the relay, with a stand-in; --real is the real Segmind.',
    };
  }
  if (real && fault) return { error: '--fault makes the stand-in fail; with --real there is no stand-in.' };
  if (runway && fault) return { error: "--fault switches the Segmind stand-in's faults; with --runway there is no Segmind stand-in." };
  return { options: { mode: runway ? 'runway' : real ? 'real' : 'stand-in', port, fault } };
}

/** A reason the playground could not start that the person starting it can act on (a busy port, the manifest). */
export class PlaygroundStartError extends Error {
  /** EADDRINUSE for a busy port, so whenPortFreeAsync waits for it as for any listen that found the port taken. */
  readonly code: string | undefined;
  constructor(message: string, options: { readonly code?: string; readonly cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'PlaygroundStartError';
    this.code = options.code;
  }
}

/** A running playground. */
export interface Playground {
  readonly options: PlaygroundOptions;
  /** The host page, e.g. "http://127.0.0.1:8790/"; add "?samples=1" for the sample layers. */
  readonly hostUrl: string;
  /** runway mode: the relay's URL and token, as the designer pastes them in Settings. */
  readonly relay: { readonly url: string; readonly token: string } | null;
  /** What `npm start` prints: the URL to open and the steps to follow. */
  readonly guide: string;
  /** Stops every server it started. */
  close(): Promise<void>;
}

export interface PlaygroundHooks {
  /**
   * Receives a line for each generation the Segmind stand-in receives, and for each request the relay answers
   * (preflights aside): never a header, key or token.
   */
  readonly log?: (line: string) => void;
}

/** Starts what `npm start` starts for `options` (the plugin must be built); throws PlaygroundStartError for a busy port. */
export async function startPlaygroundAsync(options: PlaygroundOptions, hooks: PlaygroundHooks = {}): Promise<Playground> {
  const log = hooks.log ?? (() => {});
  if (options.mode === 'runway') return startRunwayPlaygroundAsync(options, log);
  const standIn = options.mode === 'stand-in' ? await startSegmindOnDevPortAsync() : null;
  const host = await startHostAsync(
    options.port,
    standIn
      ? {
          uiPatch: { scriptBeforeUi: fetchRewriteScript(SEGMIND_API_BASE, standIn.url) },
          faults: playgroundFaultSwitch(standIn, options.fault),
        }
      : {},
    async () => {
      await standIn?.close();
    },
  );
  let open = true;
  if (standIn) void logGenerationsAsync(standIn, log, () => open);
  return {
    options,
    hostUrl: host.url,
    relay: null,
    guide: segmindGuide(host.url, standIn?.url ?? null, options.fault),
    async close() {
      open = false;
      await Promise.allSettled([host.close(), standIn?.close()]);
    },
  };
}

/** The Segmind stand-in on the dev port. */
async function startSegmindOnDevPortAsync(): Promise<SegmindStandIn> {
  const port = await devPortAsync();
  // Variations of one run send the same request: varyRepeats draws each in other colours, as a real model would differ.
  return listenOnAsync(port, "the stand-in's", 'Is another `npm start` running?', () => startSegmindStandIn({ port, varyRepeats: true }));
}

/** The Runway stand-in (on a free port), then the relay on the dev port, then the host page. */
async function startRunwayPlaygroundAsync(options: PlaygroundOptions, log: (line: string) => void): Promise<Playground> {
  const devPort = await devPortAsync();
  // Random on each start: the relay injects it, so nobody types or sees it.
  const key = `key_${randomBytes(32).toString('hex')}`;
  const standIn = await startRunwayStandIn({ apiKey: key, lifecycle: RUNWAY_LIFECYCLE });
  let relay: NodeRelayServer;
  try {
    const read = readRelayConfig({
      RUNWAY_API_BASE: standIn.url,
      RUNWAY_OUTPUT_BASE: standIn.outputBase,
      RUNWAY_API_KEY: key,
      RELAY_TOKEN: PLAYGROUND_RELAY_TOKEN,
    });
    if (!read.ok) throw new Error(`The playground's relay settings are invalid: ${read.problems.join('; ')}`);
    const relayLog = (line: string): void => {
      if (!line.startsWith('OPTIONS ')) log(`  relay     ${line}`);
    };
    const app = createRelayApp(read.config, { log: relayLog });
    relay = await listenOnAsync(devPort, "the relay's", 'Is another `npm start` or `npm run relay` running?', () =>
      startNodeRelayAsync((request) => app.fetch(request), { port: devPort, host: '127.0.0.1' }, { log: relayLog }),
    );
  } catch (error) {
    await standIn.close();
    throw error;
  }
  const host = await startHostAsync(options.port, {}, async () => {
    await Promise.allSettled([relay.closeAsync(), standIn.close()]);
  });
  return {
    options,
    hostUrl: host.url,
    relay: { url: relay.url, token: PLAYGROUND_RELAY_TOKEN },
    guide: runwayGuide(host.url, relay.url, standIn),
    async close() {
      await Promise.allSettled([host.close(), relay.closeAsync(), standIn.close()]);
    },
  };
}

/** The manifest's dev port: the one local port the plugin's CSP lets it reach. */
async function devPortAsync(): Promise<number> {
  try {
    return (await devOriginAsync()).port;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new PlaygroundStartError(`${reason}, so the plugin may not reach a local stand-in.`, { cause: error });
  }
}

/** Runs `start` (which listens on `port`), naming the port when it is taken. */
async function listenOnAsync<T>(port: number, whose: string, hint: string, start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (error) {
    if ((error as NodeJS.ErrnoException | null)?.code !== 'EADDRINUSE') throw error;
    throw new PlaygroundStartError(`Port ${port} (${whose}, from manifest.json's devAllowedDomains) is already in use. ${hint}`, {
      code: 'EADDRINUSE',
      cause: error,
    });
  }
}

/** The host page on `port`; when it cannot start, `closeStarted` stops what was started before it. */
async function startHostAsync(port: number, options: HostServerOptions, closeStarted: () => Promise<void>): Promise<HostServer> {
  try {
    return await startHostServer({ ...options, port });
  } catch (error) {
    await closeStarted();
    if ((error as NodeJS.ErrnoException | null)?.code !== 'EADDRINUSE') throw error;
    throw new PlaygroundStartError(`Port ${port} is already in use. Pick another with \`npm start -- --port <number>\`.`, {
      code: 'EADDRINUSE',
      cause: error,
    });
  }
}

function describeGeneration(request: RecordedRequest): string {
  const body = (request.body ?? {}) as { ratio?: unknown; referenceImages?: unknown };
  const tags = Array.isArray(body.referenceImages)
    ? body.referenceImages.map((reference: { tag?: unknown } | null) => `@${String(reference?.tag)}`).join(' ')
    : 'none';
  return `${request.method} ${request.path}  ratio ${String(body.ratio ?? 'default')}, references ${tags}`;
}

/** Logs each generation request the stand-in receives (never its headers: they carry the key) while `isOpen()`. */
async function logGenerationsAsync(standIn: SegmindStandIn, log: (line: string) => void, isOpen: () => boolean): Promise<void> {
  let seen = 0;
  while (isOpen()) {
    const arrived = await standIn.waitForRequestsAsync(seen + 1, LOG_WAKE_MS).then(
      () => true,
      () => false,
    );
    if (!arrived || !isOpen()) continue;
    const request = standIn.requests[seen]!;
    seen += 1;
    if (request.method === 'POST') log(`  stand-in  ${describeGeneration(request)}`);
  }
}

function segmindGuide(hostUrl: string, standInUrl: string | null, fault: PlaygroundFault | null): string {
  const provider = standInUrl
    ? `the Segmind stand-in at ${standInUrl} — fake images drawn from your references on a prompt-coloured background, any key works, e.g. sk-test-playground`
    : `the REAL ${SEGMIND_API_BASE} — generations are billed to your Segmind account`;
  return `
Gen-4 References playground

  Open  ${hostUrl}?samples=1

  Provider: ${provider}${fault ? `\n  Fault:    --fault ${fault}: ${PLAYGROUND_FAULTS[fault].says}` : ''}${
    standInUrl ? "\n  The toolbar's Fault menu switches the stand-in's fault while you try things." : ''
  }
  1. Click "Open plugin" (top right).
  2. Click a sample layer, Shift-click another (they become reference cards with @tags).
  3. Paste an API key under Settings and press "Save key".
  4. Write a prompt using the tags, e.g. "@Model wearing @Jacket in @Living_room", pick a ratio, press Generate.
     The image is placed beside the references as a new layer.

  The key is kept only in this browser's localStorage for ${new URL(hostUrl).origin} (the host's stand-in for
  figma.clientStorage) — never in files, logs or the document. "Remove key" in Settings deletes it.${
    standInUrl ? '' : `\n  Whether Segmind answers a browser's CORS request is not documented: if it refuses, the panel says so.`
  }
  Ctrl-C stops.
`;
}

function runwayGuide(hostUrl: string, relayUrl: string, standIn: RunwayStandIn): string {
  return `
Gen-4 References playground — Runway and its upscaler

  Open  ${hostUrl}?samples=1

  Provider: Runway's stand-in at ${standIn.url} — fake images drawn from your references, and upscales of them —
            behind the real relay at ${relayUrl}, which holds the stand-in's key: no Runway key needed.
  1. Click "Open plugin" (top right). Settings opens (else click the gear, "Settings").
  2. Open "Advanced": Provider "Runway", Relay URL ${relayUrl}, Relay token ${PLAYGROUND_RELAY_TOKEN},
     then press "Save relay" ("Relay saved."; the panel comes back).
  3. Click the sample layer "Model", Shift-click "Jacket" (they become reference cards @Model and @Jacket).
  4. Write a prompt such as "@Model wearing @Jacket", keep Aspect ratio 1920:1080 and press Generate: "Generating… 50 %",
     then the 1920 × 1080 image lands beside the references, selected (Runway's task is asked every 5 s: about 10 s).
  5. With the generated layer selected (click it), press "Upscale selected image…": it says 1920 × 1080 → ×2,
     3840 × 2160 px. Press "Upscale ×2": the layer keeps its size and place, its image fill is now 3840 × 2160.
     "Revert to original" puts the first image back.

  The relay's requests are logged below (method, path, status, time; never a key or the token). Segmind has no
  stand-in in this mode: choosing it reaches the real ${SEGMIND_API_BASE} (plain \`npm start\` stands it in).
  Ctrl-C stops.
`;
}
