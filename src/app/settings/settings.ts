import type { AppSettings } from '../../contract/answers';
import type { Services } from '../services';

/** The connection (never the key) and the protections, as the Settings screen shows them. */
export async function getSettings(services: Services): Promise<AppSettings> {
  return {
    connection: await services.settings.getConnection(),
    protections: await services.settings.getProtections(),
  };
}
