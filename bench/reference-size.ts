// How big, and how slow, a reference is for a large frame. The picture is a 4000×3000 photo-like image drawn in
// Chromium (bench/photo-like.ts). It goes the plugin's way: scaled to what the sandbox's export would hand over
// (core/reference-size.ts exportScale, here 2048×1536), encoded as Figma's PNG export would be (a frame holding a
// photo is exported as PNG: an image fill is not surely opaque), then through prepareReferenceAsync, timed inside a
// fresh sandboxed srcdoc iframe for every run (origin null, as Figma's plugin UI), whose renderer may get no idle
// time, which a top-level page would hide. Prints nothing itself: bench/run.mjs formats the figures.
import type { ExportMime } from '../core/protocol';
import { launchBrowserAsync } from '../test/support/browser';
import { bundleForBrowserAsync } from '../test/support/browser-bundle';
import type { ExportInfo } from './reference-size-page';
import { spread, type Spread } from './spread';

const FRAME_WIDTH_PX = 4000;
const FRAME_HEIGHT_PX = 3000;

export interface ExportFigures {
  readonly exported: ExportInfo;
  readonly reference: { readonly mime: string; readonly width: number; readonly height: number; readonly chars: number };
  /** The first preparation in a fresh iframe. */
  readonly singleMs: Spread;
  /** Three preparations at once after it, in the same iframe. */
  readonly threeMs: Spread;
}

export interface ReferenceSizeFigures {
  readonly frame: { readonly width: number; readonly height: number };
  readonly runs: number;
  readonly byExport: Readonly<Record<ExportMime, ExportFigures>>;
}

/** Prepares the frame's PNG and JPEG exports `runs` times each, every time in a fresh sandboxed iframe. */
export async function runReferenceSizeBenchAsync(runs: number): Promise<ReferenceSizeFigures> {
  const [pageScript, frameScript, browser] = await Promise.all([
    bundleForBrowserAsync(new URL('./reference-size-page.ts', import.meta.url)),
    bundleForBrowserAsync(new URL('./reference-size-frame.ts', import.meta.url)),
    launchBrowserAsync(),
  ]);
  try {
    const page = await browser.context.newPage();
    await page.setContent('<!doctype html><html><body></body></html>');
    await page.addScriptTag({ content: pageScript });
    const exported = await page.evaluate(([width, height]) => window.referenceBench.exportAsync(width, height), [
      FRAME_WIDTH_PX,
      FRAME_HEIGHT_PX,
    ] as const);
    const byExport: Partial<Record<ExportMime, ExportFigures>> = {};
    for (const mime of ['image/png', 'image/jpeg'] as const) {
      const singles: number[] = [];
      const threes: number[] = [];
      let reference: ExportFigures['reference'] | null = null;
      for (let run = 0; run < runs; run += 1) {
        const answer = await page.evaluate(([type, script]) => window.referenceBench.runInFreshFrameAsync(type, script), [
          mime,
          frameScript,
        ] as const);
        if (!answer.ok) throw new Error(`prepareReferenceAsync failed on the ${mime} export: ${answer.message}`);
        singles.push(answer.singleMs);
        threes.push(answer.threeMs);
        reference = { mime: answer.mime, width: answer.width, height: answer.height, chars: answer.chars };
      }
      if (!reference) throw new Error('the reference-size bench needs at least one run');
      byExport[mime] = { exported: exported[mime], reference, singleMs: spread(singles), threeMs: spread(threes) };
    }
    return { frame: { width: FRAME_WIDTH_PX, height: FRAME_HEIGHT_PX }, runs, byExport: byExport as Record<ExportMime, ExportFigures> };
  } finally {
    await browser.close();
  }
}
