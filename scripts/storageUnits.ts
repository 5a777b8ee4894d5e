import { callUseCase } from '../src/edge/resolvers';
/**
 * One-off measurement behind ADR 0017: storage bytes and units per phase at a given org size (default 100,000), over
 * an in-memory store that counts Forge's units. `npx tsx scripts/storageUnits.ts 100000`
 */
import { ruleInput } from '../test/support/ruleInput';
import { pageOfDecisions, storagePhases } from '../test/support/storagePhases';

async function main(): Promise<void> {
  const users = Number(process.argv[2] ?? 100_000);
  const started = Date.now();
  const phases = await storagePhases(users);
  const { kv, services } = phases;
  const timed = async (work: () => Promise<unknown>) => {
    const at = process.hrtime.bigint();
    const units = await kv.measure(work);
    return { ...units, cpuMs: Number((process.hrtime.bigint() - at) / 1_000_000n) };
  };
  const someone = (await services.snapshots.idsOf('snap-1', 0))[7]!;
  const figures = {
    users: phases.users,
    snapshotBytesPerUser: round(kv.bytesUnder('snap:') / phases.users),
    snapshotBytesPerUserByPart: Object.fromEntries(
      ['ids', 'labels', 'facts', 'members', 'groups', 'groupsize', 'head'].map((part) => [
        part,
        round(kv.bytesUnder(`snap:${part}:`) / phases.users),
      ]),
    ),
    previewBytesPerUser: round(kv.bytesUnder('prev:') / phases.users),
    previewBytesPerUserByPart: Object.fromEntries(
      ['roster', 'rows', 'summary', 'head'].map((part) => [
        part,
        round(kv.bytesUnder(`prev:${part}:`) / phases.users),
      ]),
    ),
    scan: phases.scan,
    analysis: phases.analysis,
    countRule: await timed(() => callUseCase('countRule', services, { rule: ruleInput() }, 'admin-1')),
    searchUsersCommon: await timed(() => callUseCase('searchUsers', services, { query: 'an' }, 'admin-1')),
    searchUsersNoMatch: await timed(() =>
      callUseCase('searchUsers', services, { query: 'zzzz-nobody' }, 'admin-1'),
    ),
    searchGroups: await timed(() => callUseCase('searchGroups', services, { query: 'a' }, 'admin-1')),
    lookupDirectory: await timed(() =>
      callUseCase('lookupDirectory', services, { accountIds: [someone] }, 'admin-1'),
    ),
    previewPageDefault: await timed(() => pageOfDecisions(phases)),
    previewPageByName: await timed(() => pageOfDecisions(phases, { by: 'name', direction: 'asc' })),
    previewPageByLastActive: await timed(() =>
      pageOfDecisions(phases, { by: 'lastActive', direction: 'asc' }),
    ),
    totalSeconds: 0,
  };
  figures.totalSeconds = round((Date.now() - started) / 1000);
  console.log(JSON.stringify(figures, null, 2));
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

void main();
