import type { ProtectionSettings } from '../domain/rule';
import type { ResolverInput } from '../contract/inputs';
import { InvalidInputError } from '../domain/invalidInput';
import type { Services } from './services';

/** Saves the protected users and groups; protected groups must exist in the org as last scanned. */
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
  await services.settings.saveProtections(settings, by);
  return settings;
}
