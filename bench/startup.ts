/**
 * Sandbox start-up time and memory at several org sizes. Each size runs in its own child process, so
 * one size's heap does not colour the next. Figures go to bench/results/startup.json; nothing asserts.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT, startSandbox } from '../sandbox/start';

export interface StartupFigure {
  users: number;
  startMs: number;
  heapUsedMb: number;
  rssMb: number;
}

async function measureOne(users: number): Promise<StartupFigure> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-startup-'));
  const started = performance.now();
  const sandbox = await startSandbox({ users, seed: 42, port: 0, appDir: REPO_ROOT, dataDir });
  const startMs = performance.now() - started;
  global.gc?.();
  const memory = process.memoryUsage();
  await sandbox.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  return {
    users,
    startMs: Math.round(startMs),
    heapUsedMb: Math.round(memory.heapUsed / 1024 / 1024),
    rssMb: Math.round(memory.rss / 1024 / 1024),
  };
}

export function measureStartup(sizes: number[]): StartupFigure[] {
  return sizes.map((users) => {
    const out = execFileSync(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', __filename, '--child', String(users)],
      { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
    );
    return JSON.parse(out.trim().split('\n').pop()!) as StartupFigure;
  });
}

if (process.argv[2] === '--child' && process.argv[1] === __filename) {
  measureOne(Number(process.argv[3])).then(
    (figure) => {
      process.stdout.write(`${JSON.stringify(figure)}\n`);
      process.exit(0);
    },
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
