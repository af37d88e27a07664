// Lets plain-node scripts (the playground, the benchmark) use the project's TypeScript test support:
// the named modules are bundled into one ES module with esbuild (packages stay external) and imported.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Each file keeps its own import.meta.url, which the host server uses to find its page and samples. */
const keepImportMetaUrl = {
  name: 'keep-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async (args) => ({
      contents: (await readFile(args.path, 'utf8')).replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
      loader: 'ts',
    }));
  },
};

/**
 * Imports the exports of the TypeScript modules `modules` (paths from the repository root) as one module.
 * `name` names the bundle file, kept under node_modules/.cache so its package imports resolve.
 */
export async function importTsAsync(name, modules) {
  const result = await esbuild.build({
    stdin: {
      contents: modules.map((module) => `export * from './${module}';`).join('\n'),
      resolveDir: ROOT,
      loader: 'ts',
    },
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    plugins: [keepImportMetaUrl],
    logLevel: 'warning',
  });
  const file = path.join(ROOT, 'node_modules/.cache/gen4-scripts', `${name}.mjs`);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, result.outputFiles[0].text);
  return import(pathToFileURL(file).href);
}
