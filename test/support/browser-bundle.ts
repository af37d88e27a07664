// Bundles a browser-side module (a test fixture, a bench's page or frame script, a panel) into one script to inject.
import * as esbuild from 'esbuild';
import { fileURLToPath } from 'node:url';

/** The module at `url` (a file: URL) as one iife script, safe to inline in a <script> element. */
export async function bundleForBrowserAsync(url: URL, { minify = false } = {}): Promise<string> {
  const result = await esbuild.build({
    entryPoints: [fileURLToPath(url)],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2020',
    minify,
    logLevel: 'silent',
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error(`esbuild produced no bundle for ${url.pathname}`);
  // A "</script" inside the bundle would end the inline script early (build.mjs escapes it the same way).
  return file.text.replace(/<\/script/gi, '<\\/script');
}
