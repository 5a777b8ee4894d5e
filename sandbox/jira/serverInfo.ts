import type { SandboxContext } from '../context';
import type { JiraRoute } from './route';

const VERSION = '1001.0.0-SNAPSHOT';
const BUILD_NUMBER = 100_283;
const BUILD_DATE = Date.UTC(2026, 0, 5, 9, 30, 0);

export function serverInfoRoutes(ctx: SandboxContext): JiraRoute[] {
  return [
    {
      method: 'GET',
      path: '/rest/api/3/serverInfo',
      allowsAnonymous: true,
      handler: () => {
        const { siteUrl, orgName } = ctx.org.identity;
        return {
          status: 200,
          body: {
            baseUrl: siteUrl,
            displayUrl: siteUrl,
            version: VERSION,
            versionNumbers: [1001, 0, 0],
            deploymentType: 'Cloud',
            buildNumber: BUILD_NUMBER,
            buildDate: jiraDateTime(BUILD_DATE),
            serverTime: jiraDateTime(ctx.clock.now()),
            scmInfo: 'sandbox',
            serverTitle: orgName,
            serverTimeZone: 'Etc/UTC',
          },
          returned: { coreObjects: 1 },
        };
      },
    },
  ];
}

/** Jira's timestamp format: `2026-01-05T09:30:00.000+0000`. */
export function jiraDateTime(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('Z', '+0000');
}
