// Bundles the Node relay (relay/src/node.ts) to relay/dist/node.mjs, so `npm run relay` runs on plain Node 20.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

await build({
  entryPoints: [`${here}src/node.ts`],
  outfile: `${here}dist/node.mjs`,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
});
