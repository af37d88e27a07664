// `npm run bench`: prints the figures behind the size and speed targets. It asserts nothing:
// the figures are for people to read and compare across changes (these machines are noisy).
// Expects a fresh production build (npm run bench builds first).
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
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
  return `${label.padEnd(34)} ${value.toFixed(unit === 'KB' ? 1 : 2).padStart(9)} ${unit}  budget ${String(budget).padStart(5)} ${unit}  ${(ratio * 100).toFixed(0).padStart(3)}%  ${verdict}`;
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
