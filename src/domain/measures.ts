/**
 * The four words every screen counts with, each defined once: licensed, active, inactive and protected. The
 * Overview's aggregate (users by state, seats, trend) and the analysis counts are built with these functions, and
 * every screen shows `measureDefinition` beside the figure.
 */
import type { Protection } from './decision';

export const MEASURES = ['licensed', 'active', 'inactive', 'protected'] as const;
export type Measure = (typeof MEASURES)[number];

/** The definition in one line, as the screens show it under or beside the figure. */
export function measureDefinition(measure: Measure, inactiveDays: number): string {
  switch (measure) {
    case 'licensed':
      return 'Licensed: holds a paid seat on the product on this site (a billable role through a group, or a direct role); free roles and portal customers are not licensed; counted once per person.';
    case 'active':
      return `Active: used the product within the last ${inactiveDays} days; counted once per person.`;
    case 'inactive':
      return `Inactive: not protected, and no use of any Jira product for more than ${inactiveDays} days (or never, after more than ${inactiveDays} days in the org); counted once per person.`;
    case 'protected':
      return 'Protected: admins, app and bot accounts, the configuring admin, protected groups and users, project and component leads; counted once per person.';
  }
}

/**
 * Whether a person is protected: at least one protection. "No activity data" is not one: it means the app
 * cannot judge the person, not that they are exempt, and is counted apart.
 */
export function isProtectedPerson(protections: readonly Protection[]): boolean {
  return protections.some((protection) => protection.code !== 'no-activity-data');
}

/** How many of the protected verdicts are people with a protection (not only missing activity data). */
export function protectedPeople(verdictsProtected: number, withoutActivityData: number): number {
  return verdictsProtected - withoutActivityData;
}

/** Active: some use within the threshold. */
export function isActive(daysSinceUse: number | null, inactiveDays: number): boolean {
  return daysSinceUse !== null && daysSinceUse <= inactiveDays;
}

/**
 * Inactive: the last use is older than the threshold; someone who never used the products counts once they have
 * been in the org longer than the threshold (a newcomer has had no chance yet, and an unknown join date proves
 * nothing). Protection is judged apart: see `isProtectedPerson`.
 */
export function isInactive(
  daysSinceUse: number | null,
  daysInOrg: number | null,
  inactiveDays: number,
): boolean {
  if (daysSinceUse !== null) return daysSinceUse > inactiveDays;
  return daysInOrg !== null && daysInOrg > inactiveDays;
}
