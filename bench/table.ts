/**
 * `npm run bench:table`: renders the README's benchmark tables from bench/results without measuring anything;
 * `npm run bench` calls `updateReadme` after every measurement.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as prettier from 'prettier';
import { readmeWithTables, renderTables } from './readmeTable';
import { readSummary } from './summary';
import type { AnalysisCpuFigures } from './analysisCpu';
import type { ScaleDetail } from './targets';

const RESULTS_DIR = path.join(__dirname, 'results');
const README = path.join(__dirname, '..', 'README.md');

function scaleDetail(users: number): ScaleDetail | null {
  const file = path.join(RESULTS_DIR, `scale-${users}.json`);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as ScaleDetail) : null;
}

function analysisCpu(users: number): AnalysisCpuFigures | null {
  const file = path.join(RESULTS_DIR, `analysis-cpu-${users}.json`);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as AnalysisCpuFigures) : null;
}

export async function updateReadme(): Promise<void> {
  const summary = readSummary(path.join(RESULTS_DIR, 'summary.json'));
  if (!summary) throw new Error('bench/results/summary.json is missing: run `npm run bench` first');
  const replaced = readmeWithTables(
    fs.readFileSync(README, 'utf8'),
    renderTables(summary, scaleDetail, analysisCpu(100_000)),
  );
  // Formatted as `npm run lint` expects, so rendering never leaves the README failing the check.
  const options = (await prettier.resolveConfig(README)) ?? {};
  fs.writeFileSync(README, await prettier.format(replaced, { ...options, filepath: README }));
  console.log('README.md benchmark tables rendered from bench/results/summary.json');
}

if (process.argv[1] === __filename) {
  updateReadme().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
