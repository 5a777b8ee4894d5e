import type { SandboxContext } from '../context';
import { JiraHttpError } from './errors';
import { PERMISSIONS } from './permissions';
import type { JiraRoute } from './route';

export function myPermissionsRoutes(ctx: SandboxContext): JiraRoute[] {
  return [
    {
      method: 'GET',
      path: '/rest/api/3/mypermissions',
      handler: (req, caller) => {
        const keys = (req.query.get('permissions') ?? '')
          .split(',')
          .map((k) => k.trim())
          .filter(Boolean);
        if (keys.length === 0) {
          throw new JiraHttpError(
            400,
            "The 'permissions' parameter is required: a comma-separated list of permission keys, e.g. ADMINISTER.",
          );
        }
        const unknown = keys.filter((k) => !Object.hasOwn(PERMISSIONS, k));
        if (unknown.length > 0) {
          throw new JiraHttpError(
            400,
            `The 'permissions' parameter has keys this site does not know: ${unknown.join(', ')}. ` +
              `Known keys: ${Object.keys(PERMISSIONS).join(', ')}.`,
          );
        }
        const permissions: Record<string, unknown> = {};
        for (const key of keys) {
          const { held, ...definition } = PERMISSIONS[key]!;
          permissions[key] = { ...definition, key, havePermission: held(ctx, caller) };
        }
        return { status: 200, body: { permissions }, returned: { coreObjects: keys.length } };
      },
    },
  ];
}
