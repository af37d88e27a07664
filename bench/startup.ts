// The panel's start-up time, iframe created → first message handled, beside a minimal Preact panel
// (bench/minimal-panel.ts, minified as the production build is) measured in the same browser and the same kind of
// sandboxed srcdoc iframe, turn about, so the machine's noise falls on both alike: the difference is what the
// panel's own code costs. Prints nothing itself: bench/run.mjs formats the figures.
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { launchBrowserAsync } from '../test/support/browser';
import { bundleForBrowserAsync } from '../test/support/browser-bundle';
import { spread, type Spread } from './spread';

export interface StartupFigures {
  readonly runs: number;
  readonly panelMs: Spread;
  readonly minimalMs: Spread;
  /** The minimal panel's HTML, gzipped, to set beside dist/ui.html's. */
  readonly minimalGzipBytes: number;
}

/** Opens dist/ui.html and the minimal panel `runs` times each, every time in a fresh iframe. */
export async function runStartupBenchAsync(runs: number): Promise<StartupFigures> {
  const [panelHtml, minimalScript, pageScript, browser] = await Promise.all([
    readFile(new URL('../dist/ui.html', import.meta.url), 'utf8'),
    bundleForBrowserAsync(new URL('./minimal-panel.ts', import.meta.url), { minify: true }),
    bundleForBrowserAsync(new URL('./startup-page.ts', import.meta.url)),
    launchBrowserAsync(),
  ]);
  const minimalHtml = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Minimal panel</title></head><body><div id="app"></div><script>${minimalScript}</script></body></html>`;
  try {
    const page = await browser.context.newPage();
    // A panel that throws while handling the message would still be timed: its figure would mean nothing.
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.setContent('<!doctype html><html><body></body></html>');
    await page.addScriptTag({ content: pageScript });
    const measureAsync = async (html: string): Promise<number> => {
      const ms = await page.evaluate((document) => window.startupBench.measureAsync(document), html);
      if (errors.length > 0) throw new Error(`A panel threw while starting: ${errors.join('; ')}`);
      return ms;
    };
    // Not counted: the browser's first iframe also pays for starting a renderer process and compiling code.
    await measureAsync(panelHtml);
    await measureAsync(minimalHtml);
    const panel: number[] = [];
    const minimal: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      // Turn about, so neither always follows the other.
      if (run % 2 === 0) {
        panel.push(await measureAsync(panelHtml));
        minimal.push(await measureAsync(minimalHtml));
      } else {
        minimal.push(await measureAsync(minimalHtml));
        panel.push(await measureAsync(panelHtml));
      }
    }
    return { runs, panelMs: spread(panel), minimalMs: spread(minimal), minimalGzipBytes: gzipSync(minimalHtml, { level: 9 }).length };
  } finally {
    await browser.close();
  }
}
