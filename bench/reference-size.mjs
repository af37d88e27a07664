// How big, and how slow, a reference is for a large frame. The picture is a 4000×3000 photo-like image
// drawn in Chromium: a sky gradient with a sun glow, hills, a few hundred soft "foliage" blobs, a line of
// text for hard edges, and ±12 levels of per-pixel noise as a camera sensor leaves. It goes the plugin's
// way: scaled to what the sandbox's export would hand over (core/reference-size.ts exportScale, here
// 2048×1536), encoded as Figma's PNG export would be (a frame holding a photo is exported as PNG: an image
// fill is not surely opaque), then through prepareReferenceAsync. Prints figures; asserts nothing.
// Run alone: node bench/reference-size.mjs
import * as esbuild from 'esbuild';
import { chromium } from 'playwright-core';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const FRAME_WIDTH_PX = 4000;
const FRAME_HEIGHT_PX = 3000;
const BUDGET_MB = 1.5;
const MB = 1024 * 1024;
const RUNS = 7;
const CHROMIUM_CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

// Runs in the page: draws the picture, "exports" it, and times the pipeline on the exported bytes.
const PAGE_ENTRY = `
import { prepareReferenceAsync } from './ui/image/prepare-reference';
import { exportScale } from './core/reference-size';
import { seededRandom } from './test/support/seeded-random';

function context2d(width, height) {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D canvas');
  return context;
}

function drawPhoto(width, height) {
  const random = seededRandom(42);
  const c = context2d(width, height);
  const sky = c.createLinearGradient(0, 0, 0, height);
  sky.addColorStop(0, '#2b5d9c');
  sky.addColorStop(0.55, '#f3b57a');
  sky.addColorStop(1, '#3d5a2a');
  c.fillStyle = sky;
  c.fillRect(0, 0, width, height);
  const sun = c.createRadialGradient(width * 0.7, height * 0.35, 0, width * 0.7, height * 0.35, width * 0.3);
  sun.addColorStop(0, 'rgba(255,245,210,0.95)');
  sun.addColorStop(1, 'rgba(255,200,120,0)');
  c.fillStyle = sun;
  c.fillRect(0, 0, width, height);
  for (let layer = 0; layer < 3; layer++) {
    c.fillStyle = ['#55703d', '#3f5a2e', '#2c4220'][layer];
    c.beginPath();
    c.moveTo(0, height);
    for (let x = 0; x <= width; x += width / 8) {
      c.quadraticCurveTo(x - width / 16, height * (0.5 + 0.1 * layer + 0.08 * random()), x, height * (0.55 + 0.1 * layer));
    }
    c.lineTo(width, height);
    c.fill();
  }
  for (let i = 0; i < 400; i++) {
    const x = random() * width;
    const y = height * (0.6 + 0.4 * random());
    const r = 10 + random() * 60;
    const blob = c.createRadialGradient(x, y, 0, x, y, r);
    blob.addColorStop(0, 'hsla(' + (80 + random() * 60) + ',50%,' + (20 + random() * 30) + '%,0.9)');
    blob.addColorStop(1, 'hsla(100,40%,25%,0)');
    c.fillStyle = blob;
    c.fillRect(x - r, y - r, 2 * r, 2 * r);
  }
  c.fillStyle = '#ffffff';
  c.font = 'bold ' + Math.round(height / 12) + 'px sans-serif';
  c.fillText('Summer collection 2025', width * 0.08, height * 0.2);
  const image = c.getImageData(0, 0, width, height);
  const d = image.data;
  for (let i = 0; i < d.length; i += 4) {
    const n = (random() - 0.5) * 24;
    d[i] += n;
    d[i + 1] += n;
    d[i + 2] += n;
  }
  c.putImageData(image, 0, 0);
  return c.canvas;
}

async function exportAsync(photo, mime) {
  const scale = exportScale(photo.width, photo.height);
  const c = context2d(Math.round(photo.width * scale), Math.round(photo.height * scale));
  c.imageSmoothingQuality = 'high';
  c.drawImage(photo, 0, 0, c.canvas.width, c.canvas.height);
  const blob = await new Promise((resolve) => c.canvas.toBlob(resolve, mime, 0.92));
  if (!blob) throw new Error('the simulated export failed');
  return { bytes: new Uint8Array(await blob.arrayBuffer()), width: c.canvas.width, height: c.canvas.height };
}

window.runBench = async (frameWidth, frameHeight, runs) => {
  const photo = drawPhoto(frameWidth, frameHeight);
  const results = {};
  for (const mime of ['image/png', 'image/jpeg']) {
    const exported = await exportAsync(photo, mime);
    const timesMs = [];
    let outcome;
    for (let run = 0; run < runs; run++) {
      const start = performance.now();
      outcome = await prepareReferenceAsync(exported.bytes, mime);
      timesMs.push(performance.now() - start);
    }
    if (!outcome.ok) throw new Error('prepareReferenceAsync failed: ' + outcome.message);
    const { uri, ...reference } = outcome.reference;
    results[mime] = { exportedBytes: exported.bytes.length, exportWidth: exported.width, exportHeight: exported.height, reference, timesMs };
    // The plugin sends up to three references; two prepared at once show what the decoder threads overlap.
    const pairTimesMs = [];
    for (let run = 0; run < runs; run++) {
      const start = performance.now();
      await Promise.all([prepareReferenceAsync(exported.bytes, mime), prepareReferenceAsync(exported.bytes, mime)]);
      pairTimesMs.push(performance.now() - start);
    }
    results[mime].pairTimesMs = pairTimesMs;
  }
  return results;
};
`;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function bundleAsync() {
  const result = await esbuild.build({
    stdin: { contents: PAGE_ENTRY, resolveDir: root, loader: 'js', sourcefile: 'reference-size-bench.js' },
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2020',
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

/** Runs the bench in Chromium; returns the data-URI size against the budget, the median time, and details. */
export async function runReferenceSizeBench() {
  const executablePath = CHROMIUM_CANDIDATES.find((candidate) => candidate && existsSync(candidate));
  if (!executablePath) throw new Error('The reference-size bench needs Chromium: install it or set CHROMIUM_PATH.');
  const script = await bundleAsync();
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage();
    await page.setContent('<!doctype html><html><body></body></html>');
    await page.addScriptTag({ content: script });
    const results = await page.evaluate(
      ([width, height, runs]) => window.runBench(width, height, runs),
      [FRAME_WIDTH_PX, FRAME_HEIGHT_PX, RUNS],
    );
    const png = results['image/png'];
    const jpeg = results['image/jpeg'];
    const describe = (label, r) =>
      `${label}: export ${r.exportWidth}×${r.exportHeight} ${(r.exportedBytes / MB).toFixed(2)} MB → ` +
      `${r.reference.mime} ${r.reference.width}×${r.reference.height}, data URI ${(r.reference.chars / MB).toFixed(2)} MB, ` +
      `median ${median(r.timesMs).toFixed(0)} ms of ${r.timesMs.length} runs (two at once: ${median(r.pairTimesMs).toFixed(0)} ms)`;
    return {
      dataUriMB: png.reference.chars / MB,
      budgetMB: BUDGET_MB,
      medianMs: median(png.timesMs),
      pairMedianMs: median(png.pairTimesMs),
      width: png.reference.width,
      height: png.reference.height,
      mime: png.reference.mime,
      details: [
        describe('PNG export (a frame holding a photo)', png),
        describe('JPG export (a surely opaque frame)  ', jpeg),
        'Picture: 4000×3000 gradients, hills, soft blobs, text and ±12 levels of noise, drawn in Chromium.',
        'Times cover decode, letterbox check, encode and size check in headless Chromium without a GPU.',
      ],
    };
  } finally {
    await browser.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const figures = await runReferenceSizeBench();
  const verdict = figures.dataUriMB <= figures.budgetMB ? 'within budget' : 'OVER BUDGET';
  console.log(`Reference for a ${FRAME_WIDTH_PX}×${FRAME_HEIGHT_PX} frame (exported at the sandbox's scale, prepared in Chromium)`);
  console.log(
    `  data URI ${figures.dataUriMB.toFixed(2)} MB (budget ${figures.budgetMB} MB, ${verdict}); ` +
      `${figures.mime} ${figures.width}×${figures.height}; median ${figures.medianMs.toFixed(0)} ms`,
  );
  for (const line of figures.details) console.log(`  ${line}`);
}
