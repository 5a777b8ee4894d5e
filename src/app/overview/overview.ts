import { userOnSite } from '../../domain/authority';
import type { ResolverInput } from '../../contract/inputs';
import { dashboardBuilder, yearlySavings, type OverviewSettings } from '../../domain/dashboard';
import { seatOutlook } from '../../domain/licenceTiers';
import { InvalidInputError } from '../../domain/invalidInput';
import { DashboardStore } from '../../store/dashboardStore';
import { changesSinceScan } from '../scan/changesSinceScan';
import { evaluationContextFor } from '../analysis/evaluationContext';
import type { OverviewAnswer, ProductSeats } from '../../contract/answers';
import { serviceManagementTallyFor } from '../seats/serviceManagement';
import type { Services } from '../services';

export type { OverviewAnswer, ProductSeats };

/**
 * Computes the Overview's aggregate of a completed snapshot, streaming its users chunk by chunk with the app's own
 * changes since the scan replayed over them, and stores it with the scan's trend point. Runs in the scan's last
 * step, and again after a run changed users; each time it replaces the same snapshot's figures.
 */
export async function recordOverview(services: Services, snapshotId: string, now: Date): Promise<void> {
  const snapshot = await services.snapshots.getSummary(snapshotId);
  if (!snapshot?.complete || snapshot.completedAt === null) {
    throw new Error(`Snapshot ${snapshotId} is not complete; its overview cannot be computed.`);
  }
  const store = new DashboardStore(services.platform.store);
  const [settings, protection, changes] = await Promise.all([
    store.getSettings(),
    evaluationContextFor(services, snapshot, now),
    changesSinceScan(services, snapshot),
  ]);
  const builder = dashboardBuilder({
    snapshotId,
    completedAt: snapshot.completedAt,
    now,
    inactiveDays: settings.inactiveDays,
    seats: snapshot.seats,
    groups: snapshot.groups,
    protection,
  });
  // The seats are the installed site's (Jira's own counts), so only product use on this site counts towards them.
  const siteCloudId = services.platform.siteCloudId;
  const onSite = siteCloudId ? userOnSite(siteCloudId) : null;
  const jsm = serviceManagementTallyFor(snapshot);
  for await (const chunk of services.snapshots.readUsers(snapshotId)) {
    const changed = chunk.map((user) => changes.apply(user));
    const users = onSite ? changed.map(onSite) : changed;
    builder.add(users);
    for (const user of users) jsm?.add(user);
  }
  const serviceManagement = jsm ? { serviceManagement: jsm.result() } : {};
  await store.record({ ...builder.result(), changedSinceScan: changes.userCount, ...serviceManagement });
}

/** After a run or an undo changed users: the latest scan's Overview figures follow, without a new scan. */
export async function refreshOverviewAfterChanges(services: Services, now: Date): Promise<void> {
  const latest = await services.snapshots.latestComplete();
  if (latest) await recordOverview(services, latest.id, now);
}

/** The Overview: live seats, the stored aggregate of the latest scan, the trend of past scans, and the settings. */
export async function getOverview(services: Services): Promise<OverviewAnswer> {
  const store = new DashboardStore(services.platform.store);
  const [liveSeats, snapshot, dashboard, trend, settings] = await Promise.all([
    services.jira.seatCounts(),
    services.snapshots.latestComplete(),
    store.latest(),
    store.trend(),
    store.getSettings(),
  ]);
  const usageOf = (key: string) => dashboard?.products.find((p) => p.productKey === key);
  return {
    snapshot: snapshot?.completedAt ? { id: snapshot.id, completedAt: snapshot.completedAt } : null,
    seats: liveSeats.map((seat) => {
      const usage = usageOf(seat.productKey);
      const freeable = usage?.freeable ?? 0;
      return {
        ...seat,
        freeable,
        active: usage?.active ?? 0,
        ...seatOutlook(seat.userCount, freeable, settings.tierBoundaries),
      };
    }),
    dashboard,
    stale:
      dashboard && dashboard.inactiveDays !== settings.inactiveDays
        ? {
            computedWithInactiveDays: dashboard.inactiveDays,
            message: `These figures count users inactive after ${dashboard.inactiveDays} days; the settings now say ${settings.inactiveDays}. They are recomputed at the next scan.`,
          }
        : null,
    savings: dashboard ? yearlySavings(dashboard.products, settings) : null,
    trend,
    settings,
  };
}

/** Changes some of the Overview's settings; the fields not given keep their value. */
export async function saveOverviewSettings(
  services: Services,
  input: ResolverInput<'saveOverviewSettings'>,
): Promise<OverviewSettings> {
  if (Object.keys(input).length === 0) {
    throw new InvalidInputError(
      undefined,
      'Give at least one of inactiveDays, pricePerSeatMonthly, currency, tierBoundaries.',
    );
  }
  const boundaries = input.tierBoundaries;
  const unordered = boundaries?.findIndex((b, i) => i > 0 && b <= boundaries[i - 1]!) ?? -1;
  if (unordered > 0) {
    throw new InvalidInputError(
      `tierBoundaries[${unordered}]`,
      `tierBoundaries[${unordered}]: must be larger than the boundary before it (${boundaries![unordered - 1]})`,
    );
  }
  const store = new DashboardStore(services.platform.store);
  const current = await store.getSettings();
  return store.saveSettings({ ...current, ...input });
}
