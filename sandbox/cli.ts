import path from 'node:path';
import { parseArgs } from 'node:util';
import { LATENCY_PRESETS } from './traffic/latency';
import { REPO_ROOT, startSandbox } from './start';

const HELP = `Inactive User Cleanup sandbox: an emulated Atlassian site with the app installed in a local Forge host.

Usage: npm start -- [options]

  --users N        accounts in the generated org (default 2000, up to 200000)
  --seed N         seed of the generated org; same seed, same org (default 42)
  --port N         port of the one HTTP server (default 8080; 0 picks a free one)
  --latency NAME   API latency model: ${Object.keys(LATENCY_PRESETS).join(', ')} (default realistic)
  --data-dir DIR   where the app's Forge storage and queue and the org's changes are kept
                   (default .sandbox-data/seed-<seed>-users-<users>)
  --reset          wipe them before starting: the org starts again from its seed
  --help           show this help

The org is generated from its seed once; what the APIs change in it (suspensions, memberships, roles,
activity) persists in --data-dir like the app's storage, so a restart finds the site as it was left.
Control surface: GET /__sandbox/info, /__sandbox/clock, /__sandbox/latency, /__sandbox/faults,
/__sandbox/stats, /__sandbox/limits, POST /__sandbox/activity, /__sandbox/invoke/{key}, /__sandbox/triggers/{key}/fire.
`;

function parseWhole(name: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new Error(`--${name} must be a whole number from ${min} to ${max} (got '${value}')`);
  }
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      users: { type: 'string', default: '2000' },
      seed: { type: 'string', default: '42' },
      port: { type: 'string', default: '8080' },
      latency: { type: 'string', default: 'realistic' },
      'data-dir': { type: 'string' },
      reset: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const users = parseWhole('users', values.users, 10, 200_000);
  const seed = parseWhole('seed', values.seed, 0, 2 ** 31 - 1);
  const port = parseWhole('port', values.port, 0, 65_535);
  const latency = LATENCY_PRESETS[values.latency];
  if (!latency) {
    throw new Error(
      `--latency must be one of ${Object.keys(LATENCY_PRESETS).join(', ')} (got '${values.latency}')`,
    );
  }
  const dataDir = path.resolve(
    values['data-dir'] ?? path.join(REPO_ROOT, '.sandbox-data', `seed-${seed}-users-${users}`),
  );

  const started = Date.now();
  const sandbox = await startSandbox({
    users,
    seed,
    port,
    latency,
    appDir: REPO_ROOT,
    dataDir,
    reset: values.reset,
    runSchedules: true,
  });
  const { ctx } = sandbox;
  const heapMb = Math.round(process.memoryUsage().heapUsed / 1024 / 1024);
  process.stdout.write(
    [
      `Sandbox ready in ${Date.now() - started} ms (${ctx.org.users.length} users, heap ${heapMb} MB).`,
      ``,
      `  Admin page:        ${sandbox.url}/   (as a non-admin: ${sandbox.url}/?as=nonAdmin)`,
      `  Organization:      ${ctx.org.identity.orgName} (org id ${ctx.org.identity.orgId})`,
      `  Org API key:       ${ctx.credentials.orgApiKey}`,
      `  Org API base URL:  ${sandbox.url}  (stands for https://api.atlassian.com)`,
      `  Jira base URL:     ${sandbox.url}/rest/api/3  (basic auth ${ctx.credentials.jiraUserEmail} : ${ctx.credentials.jiraApiToken})`,
      `  Sandbox facts:     ${sandbox.url}/__sandbox/info`,
      `  App storage:       ${dataDir}`,
      ``,
      `Press Ctrl-C to stop.`,
      ``,
    ].join('\n'),
  );

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    sandbox.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
