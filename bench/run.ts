import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { measureStartup } from './startup';

const DEFAULT_SIZES = [2_000, 150_000];

function machine(): Record<string, unknown> {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

function main(): void {
  const arg = process.argv.find((a) => a.startsWith('--sizes='));
  const sizes = arg ? arg.slice('--sizes='.length).split(',').map(Number) : DEFAULT_SIZES;
  if (sizes.some((n) => !Number.isInteger(n) || n < 10 || n > 200_000)) {
    throw new Error('--sizes must be a comma-separated list of whole numbers from 10 to 200000');
  }
  const startup = measureStartup(sizes);
  const result = { measuredAt: new Date().toISOString(), machine: machine(), startup };
  const out = path.join(__dirname, 'results', 'startup.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  console.log('users    start (ms)   heap (MB)   rss (MB)');
  for (const f of startup) {
    console.log(
      `${String(f.users).padEnd(8)} ${String(f.startMs).padStart(10)} ${String(f.heapUsedMb).padStart(11)} ${String(f.rssMb).padStart(10)}`,
    );
  }
  console.log(`written to ${path.relative(process.cwd(), out)}`);
}

main();
