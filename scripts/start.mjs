// The playground (`npm start`): builds the plugin, then starts what test/host/playground.ts starts for the options
// (the Figma host page with sample layers, and a provider stand-in) and prints the one URL to open and the steps.
//   npm start                  the plugin's calls to https://api.segmind.com go to the local stand-in (fake images)
//   npm start -- --real        the plugin calls the real https://api.segmind.com with the key typed into it
//   npm start -- --runway      Runway and its upscaler: the Runway stand-in behind the real relay (relay/), which holds
//                              the stand-in's key; the relay's requests are logged
//   npm start -- --port 9000   serves the host page on another port (default 8790)
//   npm start -- --fault 429   the stand-in answers every generation with that fault (401, 406, 429, 500, slow,
//                              cors, not-image; test/host/playground-fault.ts), to see each error state in the panel
// The production bundle keeps its real API URL: in stand-in mode the host puts a small script into the plugin
// iframe, before the UI's own, that rewrites fetch requests for https://api.segmind.com to the stand-in.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { importTsAsync } from './import-ts.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function fail(message) {
  console.error(`\nnpm start: ${message}`);
  process.exit(1);
}

const { parsePlaygroundArgs, startPlaygroundAsync, PlaygroundStartError } = await importTsAsync('playground', ['test/host/playground.ts']);
// Checked before the build, so a mistyped option fails at once.
const parsed = parsePlaygroundArgs(process.argv.slice(2));
if ('error' in parsed) fail(parsed.error);
console.log('Building the plugin (node build.mjs --minify)…');
const build = spawnSync(process.execPath, ['build.mjs', '--minify'], { cwd: ROOT, stdio: 'inherit' });
if (build.status !== 0) fail('the build failed; see above.');

const playground = await startPlaygroundAsync(parsed.options, { log: (line) => console.log(line) }).catch((error) => {
  if (error instanceof PlaygroundStartError) fail(error.message);
  throw error;
});
console.log(playground.guide);

const stop = async () => {
  await playground.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
