// `npm run bench`: prints the figures behind the size and speed targets, and whether each goal is met. It asserts
// nothing: the figures are for people to read and compare across changes (these machines are noisy).
// Expects a fresh production build (npm run bench builds first).
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { importTsAsync } from '../scripts/import-ts.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { runFlowBenchAsync, MAX_READY_MS, runReferenceSizeBenchAsync, runStartupBenchAsync } = await importTsAsync('bench', [
  'bench/flow.ts',
  'bench/reference-size.ts',
  'bench/startup.ts',
]);

/** Fresh iframes per figure. */
const RUNS = 10;
const KIB = 1024;
const MB = 1024 * 1024;
const BUDGETS = [
  { file: 'dist/ui.html', budgetBytes: 45 * KIB },
  { file: 'dist/code.js', budgetBytes: 16 * KIB },
];
const DATA_URI_BUDGET_MB = 1.5;
const CLICK_TO_PLACED_TARGET_MS = 150;
/** Goals not met, for the last line. */
const missed = [];

/** `label`'s figure against its budget; `name` says what it is in the last line when it is over. */
function row(label, value, budget, unit, name = label.trim()) {
  const ratio = value / budget;
  const verdict = ratio <= 1 ? 'within budget' : 'OVER BUDGET';
  if (ratio > 1) missed.push(name);
  return `${label.padEnd(34)} ${value.toFixed(unit === 'MB' ? 2 : unit === 'ms' ? 0 : 1).padStart(9)} ${unit}  budget ${String(budget).padStart(5)} ${unit}  ${(ratio * 100).toFixed(0).padStart(3)}%  ${verdict}`;
}

/** "min / median / max ms". */
function spreadText({ min, median, max }) {
  return `${min.toFixed(0).padStart(5)} / ${median.toFixed(0).padStart(5)} / ${max.toFixed(0).padStart(5)} ms`;
}

/** The goal beside the figures, and whether they meet it. */
function goalText(name, figures, goal) {
  const parts = [];
  if (goal.medianMs !== undefined) parts.push(`median ≤ ${goal.medianMs} ms`);
  parts.push(`max ≤ ${goal.maxMs} ms`);
  const met = figures.max <= goal.maxMs && (goal.medianMs === undefined || figures.median <= goal.medianMs);
  if (!met) missed.push(name);
  return `goal ${parts.join(', ')}: ${met ? 'met' : 'NOT MET'}`;
}

console.log('Bundle sizes (minified, gzip -9; KiB = 1024 bytes)');
const gzipped = {};
for (const { file, budgetBytes } of BUDGETS) {
  const bytes = await readFile(path.join(root, file));
  gzipped[file] = gzipSync(bytes, { level: 9 }).length;
  console.log(row(`  ${file} (${(bytes.length / KIB).toFixed(1)} KiB raw)`, gzipped[file] / KIB, budgetBytes / KIB, 'KiB'));
}

console.log(
  `\nPanel start-up, iframe created → first message handled (a fresh sandboxed srcdoc iframe each run; min / median / max of ${RUNS})`,
);
const startup = await runStartupBenchAsync(RUNS);
const gzText = (bytes) => `${(bytes / KIB).toFixed(1).padStart(4)} KiB gz`;
console.log(`  dist/ui.html          (${gzText(gzipped['dist/ui.html'])})  ${spreadText(startup.panelMs)}`);
console.log(`  minimal Preact panel  (${gzText(startup.minimalGzipBytes)})  ${spreadText(startup.minimalMs)}`);
console.log(
  `  the panel's own code, difference of medians  ${(startup.panelMs.median - startup.minimalMs.median).toFixed(0).padStart(5)} ms`,
);

const reference = await runReferenceSizeBenchAsync(RUNS);
const { width, height } = reference.frame;
console.log(
  `\nReference image for a ${width}×${height} frame (prepared in a fresh sandboxed srcdoc iframe each run; min / median / max of ${RUNS})`,
);
console.log(row('  data URI size', reference.byExport['image/png'].reference.chars / MB, DATA_URI_BUDGET_MB, 'MB'));
for (const [label, figures] of [
  ['PNG export (a frame holding a photo)', reference.byExport['image/png']],
  ['JPG export (a surely opaque frame)', reference.byExport['image/jpeg']],
]) {
  const { exported, reference: prepared } = figures;
  console.log(
    `  ${label}: export ${exported.width}×${exported.height} ${(exported.bytes / MB).toFixed(2)} MB → ` +
      `${prepared.mime} ${prepared.width}×${prepared.height}, data URI ${(prepared.chars / MB).toFixed(2)} MB`,
  );
  console.log(`    prepare ${spreadText(figures.singleMs)}   three at once ${spreadText(figures.threeMs)}`);
}
console.log('  Picture: gradients, hills, soft blobs, text and ±12 levels of noise, drawn in Chromium. Times cover decode,');
console.log('  letterbox check, encode and size check, in headless Chromium without a GPU.');

console.log(`\nIn the browser host, stand-in at zero latency (${RUNS} runs each, every one in a fresh plugin iframe; min / median / max)`);
for (const figures of await runFlowBenchAsync(RUNS)) {
  const { name, readyGoal } = figures.scenario;
  console.log(`  ${name}`);
  console.log(
    `    selection → Generate enabled      ${spreadText(figures.selectToReadyMs)}  ${goalText(`${name}: selection → Generate enabled`, figures.selectToReadyMs, readyGoal)}`,
  );
  console.log(`      the sandbox's exports           ${spreadText(figures.exportMs)}  (Figma's part, here the host stand-in's canvas)`);
  console.log(
    `      after the last export           ${spreadText(figures.afterExportMs)}  (the panel finishing: decoding, encoding, rendering)`,
  );
  console.log(
    `    the same layers again             ${spreadText(figures.reselectToReadyMs)}  ` +
      `${goalText(`${name}: the same layers again`, figures.reselectToReadyMs, { maxMs: MAX_READY_MS })} (same iframe: exported again, prepared references reused)`,
  );
  const total = figures.clickToPlacedMs;
  console.log(row('    Generate click → placed, median', total, CLICK_TO_PLACED_TARGET_MS, 'ms', `${name}: Generate click → placed`));
  for (const segment of figures.clickSegments) {
    const share = segment.name.includes('(excluded)') ? '   —' : `${((segment.medianMs / total) * 100).toFixed(0).padStart(3)}%`;
    console.log(`      ${segment.name.padEnd(38)} ${segment.medianMs.toFixed(0).padStart(5)} ms  ${share}`);
  }
}

console.log(missed.length === 0 ? '\nEvery budget and goal met.' : `\nNot met: ${missed.join('; ')}.`);
