// Builds the two halves of the plugin into dist/:
//   dist/code.js  the sandbox (iife, es2017: Figma's plugin VM is the constraint)
//   dist/ui.html  the Preact UI with its JS and CSS inlined (Figma loads the UI as one HTML string)
// Flags: --watch rebuilds on change, --minify shrinks both outputs.
import * as esbuild from 'esbuild';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(root, 'dist');
const args = new Set(process.argv.slice(2));
const watch = args.has('--watch');
const minify = args.has('--minify');

const sandboxOptions = {
  entryPoints: [path.join(root, 'src/main.ts')],
  outfile: path.join(dist, 'code.js'),
  bundle: true,
  format: 'iife',
  target: 'es2017',
  platform: 'neutral',
  minify,
  logLevel: 'warning',
};

const uiOptions = {
  entryPoints: [path.join(root, 'ui/main.tsx')],
  outdir: path.join(dist, 'ui-assets'),
  bundle: true,
  write: false,
  format: 'iife',
  target: 'es2020',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  loader: { '.css': 'css' },
  minify,
  logLevel: 'warning',
};

/** Inlines the bundled script and stylesheet into one HTML document. */
async function writeUiHtml(outputFiles) {
  const js = outputFiles.find((f) => f.path.endsWith('.js'))?.text ?? '';
  const css = outputFiles.find((f) => f.path.endsWith('.css'))?.text ?? '';
  const template = await readFile(path.join(root, 'ui/index.html'), 'utf8');
  // A "</script" inside the bundle would end the inline script early.
  const safeJs = js.replace(/<\/script/gi, '<\\/script');
  const html = template
    .replace('<!-- STYLE -->', () => `<style>${css}</style>`)
    .replace('<!-- SCRIPT -->', () => `<script>${safeJs}</script>`);
  await writeFile(path.join(dist, 'ui.html'), html);
}

const inlineUiPlugin = {
  name: 'inline-ui',
  setup(build) {
    build.onEnd(async (result) => {
      if (result.errors.length === 0 && result.outputFiles) await writeUiHtml(result.outputFiles);
    });
  },
};

await mkdir(dist, { recursive: true });
const uiWithPlugin = { ...uiOptions, plugins: [inlineUiPlugin] };

if (watch) {
  const contexts = await Promise.all([esbuild.context(sandboxOptions), esbuild.context(uiWithPlugin)]);
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('Watching src/, ui/ and core/ — dist/ is rebuilt on change.');
} else {
  await Promise.all([esbuild.build(sandboxOptions), esbuild.build(uiWithPlugin)]);
  console.log(`Built dist/code.js and dist/ui.html${minify ? ' (minified)' : ''}.`);
}
