// `npm run bench`: prints the figures behind the size and speed targets. It asserts nothing:
// the figures are for people to read and compare across changes (these machines are noisy).
// Expects a fresh production build (npm run bench builds first).
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { importTsAsync } from '../scripts/import-ts.mjs';
import { runReferenceSizeBench } from './reference-size.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const KIB = 1024;
const BUDGETS = [
  { file: 'dist/ui.html', budgetBytes: 20 * KIB },
  { file: 'dist/code.js', budgetBytes: 8 * KIB },
];

function row(label, value, budget, unit) {
  const ratio = value / budget;
  const verdict = ratio <= 1 ? 'within budget' : 'OVER BUDGET';
  return `${label.padEnd(34)} ${value.toFixed(unit === 'MB' ? 2 : unit === 'ms' ? 0 : 1).padStart(9)} ${unit}  budget ${String(budget).padStart(5)} ${unit}  ${(ratio * 100).toFixed(0).padStart(3)}%  ${verdict}`;
}

console.log('Bundle sizes (minified, gzip -9)');
for (const { file, budgetBytes } of BUDGETS) {
  const bytes = await readFile(path.join(root, file));
  const gz = gzipSync(bytes, { level: 9 }).length;
  console.log(row(`  ${file} (${(bytes.length / KIB).toFixed(1)} KB raw)`, gz / KIB, budgetBytes / KIB, 'KB'));
}

console.log('\nReference image for a 4000×3000 frame (exported at 2048×1536, prepared in Chromium)');
const ref = await runReferenceSizeBench();
console.log(row('  data URI size', ref.dataUriMB, ref.budgetMB, 'MB'));
for (const line of ref.details ?? []) console.log(`  ${line}`);

console.log('\nClient overhead in the browser host, stand-in at zero latency (median of 7 runs each)');
const { runFlowBenchAsync } = await importTsAsync('bench-flow', ['bench/flow.ts']);
const CLICK_TO_PLACED_TARGET_MS = 150;
for (const figures of await runFlowBenchAsync(7)) {
  const total = figures.clickToPlacedMs;
  console.log(`  ${figures.scenario}`);
  console.log(row('    Generate click → layer placed', total, CLICK_TO_PLACED_TARGET_MS, 'ms'));
  for (const segment of figures.clickSegments) {
    const share = segment.name.includes('(excluded)') ? '   —' : `${((segment.medianMs / total) * 100).toFixed(0).padStart(3)}%`;
    console.log(`      ${segment.name.padEnd(38)} ${segment.medianMs.toFixed(0).padStart(5)} ms  ${share}`);
  }
  console.log(`    selection → Generate enabled        ${figures.selectToReadyMs.toFixed(0).padStart(5)} ms  (export in the sandbox ${figures.exportMs.toFixed(0)} ms, the rest decoding and encoding in the panel)`);
}
