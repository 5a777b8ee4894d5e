import type { ProtectionSettings } from '../../domain/rule';
import type { ResolverInput } from '../../contract/inputs';
import { InvalidInputError } from '../../domain/invalidInput';
import { recordSettingChange, requireOrgAdmin } from '../authority/authority';
import type { Services } from '../services';

/**
 * Saves the protected users and groups; protected groups must exist in the org as last scanned. Only an org admin
 * may remove a protection (no one weakens a protection they could not have set); anyone may add one.
 */
export async function saveProtections(
  services: Services,
  input: ResolverInput<'saveProtections'>,
  by: string,
): Promise<ProtectionSettings> {
  const snapshot = await services.snapshots.latestComplete();
  if (snapshot) {
    const known = new Set(snapshot.groups.map((g) => g.id));
    const index = input.protectedGroupIds.findIndex((id) => !known.has(id));
    if (index >= 0) {
      throw new InvalidInputError(
        `protectedGroupIds[${index}]`,
        `protectedGroupIds[${index}]: group ${input.protectedGroupIds[index]} does not exist in the org`,
      );
    }
  }
  const settings: ProtectionSettings = {
    protectedAccountIds: [...new Set(input.protectedAccountIds)],
    protectedGroupIds: [...new Set(input.protectedGroupIds)],
  };
  const before = await services.settings.getProtections();
  const removedAccount = before.protectedAccountIds.find((id) => !settings.protectedAccountIds.includes(id));
  const removedGroup = before.protectedGroupIds.find((id) => !settings.protectedGroupIds.includes(id));
  if (removedAccount !== undefined || removedGroup !== undefined) {
    await requireOrgAdmin(
      services,
      by,
      `remove a protection (${removedAccount !== undefined ? `account ${removedAccount}` : `group ${removedGroup}`})`,
      removedAccount !== undefined ? 'protectedAccountIds' : 'protectedGroupIds',
    );
  }
  await services.settings.saveProtections(settings, by);
  await recordSettingChange(services, by, 'protections', before, settings);
  return settings;
}
