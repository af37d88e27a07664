// The playground (`npm start`): builds the plugin, starts the Segmind stand-in and the Figma host page
// (test/host/) with sample layers, and prints the one URL to open.
//   npm start                  the plugin's calls to https://api.segmind.com go to the local stand-in (fake images)
//   npm start -- --real        the plugin calls the real https://api.segmind.com with the key typed into it
//   npm start -- --port 9000   serves the host page on another port (default 8790)
//   npm start -- --fault 429   the stand-in answers every generation with that fault (401, 406, 429, 500, slow,
//                              cors, not-image; test/host/playground-fault.ts), to see each error state in the panel
// The production bundle keeps its real API URL: in stand-in mode the host puts a small script into the plugin
// iframe, before the UI's own, that rewrites fetch requests for https://api.segmind.com to the stand-in.
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { importTsAsync } from './import-ts.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SEGMIND_ORIGIN = 'https://api.segmind.com';
const DEFAULT_HOST_PORT = 8790;
/** A stand-in address must be one the manifest lets a development plugin reach, or the CSP refuses it. */
const LOCAL_ORIGIN = /^http:\/\/(127\.0\.0\.1|localhost):(\d+)$/;

function fail(message) {
  console.error(`\nnpm start: ${message}`);
  process.exit(1);
}

function parseArgs(argv, parsePlaygroundFault) {
  const options = { real: false, port: DEFAULT_HOST_PORT, fault: null };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--real') options.real = true;
    else if (arg === '--port') {
      const port = Number(argv[(i += 1)]);
      if (!Number.isInteger(port) || port < 1 || port > 65_535) fail(`--port needs a port number, got ${argv[i] ?? 'nothing'}`);
      options.port = port;
    } else if (arg === '--fault') {
      const parsed = parsePlaygroundFault(argv[(i += 1)]);
      if ('error' in parsed) fail(parsed.error);
      options.fault = parsed.fault;
    } else fail(`unknown option ${arg} (use --real, --port <number> and/or --fault <fault>)`);
  }
  if (options.real && options.fault) fail('--fault makes the stand-in fail; with --real there is no stand-in.');
  return options;
}

/** The first http://127.0.0.1:<port> (or localhost) origin in the manifest's devAllowedDomains. */
async function standInOriginAsync() {
  const manifest = JSON.parse(await readFile(path.join(ROOT, 'manifest.json'), 'utf8'));
  const domains = manifest.networkAccess?.devAllowedDomains ?? [];
  const origin =
    domains.find((domain) => LOCAL_ORIGIN.test(domain) && domain.includes('127.0.0.1')) ?? domains.find((d) => LOCAL_ORIGIN.test(d));
  if (!origin) {
    fail(
      'manifest.json lists no http://127.0.0.1:<port> or http://localhost:<port> in networkAccess.devAllowedDomains, so the plugin may not reach a local stand-in.',
    );
  }
  return { origin, port: Number(LOCAL_ORIGIN.exec(origin)[2]) };
}

function describeRequest(request) {
  const body = request.body ?? {};
  const tags = Array.isArray(body.referenceImages) ? body.referenceImages.map((reference) => `@${reference?.tag}`).join(' ') : 'none';
  return `${request.method} ${request.path}  ratio ${body.ratio ?? 'default'}, references ${tags}`;
}

/** Prints each generation request the stand-in receives (never its headers: they carry the key). */
async function logRequestsAsync(standIn) {
  for (let seen = 0; ; seen += 1) {
    await standIn.waitForRequestsAsync(seen + 1, 2_147_483_647);
    const request = standIn.requests[seen];
    if (request.method === 'POST') console.log(`  stand-in  ${describeRequest(request)}`);
  }
}

function listenFailure(error, what, hint) {
  if (error?.code === 'EADDRINUSE') fail(`${what} is already in use. ${hint}`);
  throw error;
}

const { startHostServer, fetchRewriteScript, startSegmindStandIn, parsePlaygroundFault, playgroundFaultSwitch, PLAYGROUND_FAULTS } =
  await importTsAsync('playground', [
    'test/host/server.ts',
    'test/host/fetch-rewrite.ts',
    'test/support/segmind-stand-in.ts',
    'test/host/playground-fault.ts',
  ]);
// Checked before the build, so a mistyped option fails at once.
const options = parseArgs(process.argv.slice(2), parsePlaygroundFault);
console.log('Building the plugin (node build.mjs --minify)…');
const build = spawnSync(process.execPath, ['build.mjs', '--minify'], { cwd: ROOT, stdio: 'inherit' });
if (build.status !== 0) fail('the build failed; see above.');

let standIn = null;
let scriptBeforeUi;
let faults;
if (!options.real) {
  const { origin, port } = await standInOriginAsync();
  // Variations of one run send the same request: varyRepeats draws each in other colours, as a real model would differ.
  standIn = await startSegmindStandIn({ port, varyRepeats: true }).catch((error) =>
    listenFailure(error, `Port ${port} (the stand-in's, from manifest.json's devAllowedDomains)`, 'Is another `npm start` running?'),
  );
  scriptBeforeUi = fetchRewriteScript(SEGMIND_ORIGIN, origin);
  faults = playgroundFaultSwitch(standIn, options.fault);
}
const host = await startHostServer({ port: options.port, ...(standIn ? { uiPatch: { scriptBeforeUi }, faults } : {}) }).catch((error) =>
  listenFailure(error, `Port ${options.port}`, 'Pick another with `npm start -- --port <number>`.'),
);

const provider = standIn
  ? `the Segmind stand-in at ${standIn.url} — fake images drawn from your references on a prompt-coloured background, any key works, e.g. sk-test-playground`
  : `the REAL ${SEGMIND_ORIGIN} — generations are billed to your Segmind account`;
console.log(`
Gen-4 References playground

  Open  ${host.url}?samples=1

  Provider: ${provider}${options.fault ? `\n  Fault:    --fault ${options.fault}: ${PLAYGROUND_FAULTS[options.fault].says}` : ''}${
    standIn ? "\n  The toolbar's Fault menu switches the stand-in's fault while you try things." : ''
  }
  1. Click "Open plugin" (top right).
  2. Click a sample layer, Shift-click another (they become reference cards with @tags).
  3. Paste an API key under Settings and press "Save key".
  4. Write a prompt using the tags, e.g. "@Model wearing @Jacket in @Living_room", pick a ratio, press Generate.
     The image is placed beside the references as a new layer.

  The key is kept only in this browser's localStorage for ${new URL(host.url).origin} (the host's stand-in for
  figma.clientStorage) — never in files, logs or the document. "Remove key" in Settings deletes it.${
    standIn ? '' : `\n  Whether Segmind answers a browser's CORS request is not documented: if it refuses, the panel says so.`
  }
  Ctrl-C stops.
`);

const stop = async () => {
  await Promise.allSettled([host.close(), standIn?.close()]);
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
if (standIn) void logRequestsAsync(standIn);
