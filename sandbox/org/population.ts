import { DEPARTMENTS } from './catalogue';

/** Where a person's account stands, beside whether they use the products. */
export type Lifecycle = 'regular' | 'never-active' | 'invited' | 'suspended' | 'deactivated';

/** Admin duties handed to staff (the sandbox's own admin and non-admin come on top of these). */
export type StaffDuty = 'org-admin' | 'site-admin' | 'jira-admin' | 'none';

export interface PopulationPlan {
  apps: number;
  customers: number;
  /** Staff including the sandbox's local admin and non-admin. */
  staff: number;
  contractors: number;
  /** Duties among the staff other than the local admin and non-admin; site admins exclude the local admin. */
  staffDuties: Record<StaffDuty, number>;
  /** Lifecycles of the staff without admin duties, and of the contractors. */
  staffLifecycles: Record<Lifecycle, number>;
  contractorLifecycles: Record<Lifecycle, number>;
  teamGroups: number;
}

const APP_SHARE = 0.01;
const MIN_APPS = 4;
const CUSTOMER_SHARE = 0.14;
const CONTRACTOR_SHARE = 0.17;
/** The local admin, the non-admin, one more site admin and two org admins. */
const MIN_STAFF = 5;
const PINNED_STAFF = 2;

/** Shares of staff plus contractors. Deactivation is for managed accounts only, so it falls on staff. */
const NEVER_ACTIVE_SHARE = 0.08;
const INVITED_SHARE = 0.03;
const SUSPENDED_SHARE = 0.02;
const DEACTIVATED_SHARE = 0.01;

const PEOPLE_PER_TEAM_GROUP = 30;
const MAX_TEAM_GROUPS = 1200;

export function planPopulation(users: number): PopulationPlan {
  const apps = Math.max(MIN_APPS, Math.round(users * APP_SHARE));
  const customers = Math.min(Math.round(users * CUSTOMER_SHARE), users - apps - MIN_STAFF);
  const contractors = Math.min(Math.round(users * CONTRACTOR_SHARE), users - apps - customers - MIN_STAFF);
  const staff = users - apps - customers - contractors;

  const staffDuties = planStaffDuties(staff - PINNED_STAFF);
  const staffWithoutDuties = staffDuties.none;
  const people = staff + contractors;
  const contractorLifecycles = lifecyclesOf(contractors, 0);
  const staffLifecycles = lifecyclesOf(staffWithoutDuties, Math.round(people * DEACTIVATED_SHARE));
  const teamGroups = Math.min(
    MAX_TEAM_GROUPS,
    Math.max(DEPARTMENTS.length, Math.round(staff / PEOPLE_PER_TEAM_GROUP)),
  );
  return {
    apps,
    customers,
    staff,
    contractors,
    staffDuties,
    staffLifecycles,
    contractorLifecycles,
    teamGroups,
  };
}

function planStaffDuties(staffToAssign: number): Record<StaffDuty, number> {
  const orgAdmins = staffToAssign >= 1000 ? 3 : 2;
  const siteAdmins = Math.min(5, 2 + Math.floor(staffToAssign / 600)) - 1;
  const jiraAdmins = Math.max(
    0,
    Math.min(60, Math.round(staffToAssign * 0.004), staffToAssign - orgAdmins - siteAdmins),
  );
  return {
    'org-admin': orgAdmins,
    'site-admin': siteAdmins,
    'jira-admin': jiraAdmins,
    none: staffToAssign - orgAdmins - siteAdmins - jiraAdmins,
  };
}

/** `total` people by lifecycle: the never-active, invited and suspended shares of them, `deactivated`, the rest regular. */
function lifecyclesOf(total: number, deactivated: number): Record<Lifecycle, number> {
  const exceptions = {
    'never-active': Math.round(total * NEVER_ACTIVE_SHARE),
    invited: Math.round(total * INVITED_SHARE),
    suspended: Math.round(total * SUSPENDED_SHARE),
    deactivated,
  };
  const excepted = Object.values(exceptions).reduce((sum, n) => sum + n, 0);
  return { regular: Math.max(0, total - excepted), ...exceptions };
}
