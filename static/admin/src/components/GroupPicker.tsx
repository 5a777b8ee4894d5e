import { DirectoryPicker, type DirectoryPickerProps, type DirectorySource } from './DirectoryPicker';
import type { GroupEntry } from '../../../../src/contract';
import { callResolver } from '../api';

const COUNT = new Intl.NumberFormat('en-US');

const groups: DirectorySource<GroupEntry> = {
  search: (query, limit) => callResolver('searchGroups', { query, limit }),
  lookup: async (groupIds) => (await callResolver('lookupDirectory', { groupIds })).groups,
  idOf: (g) => g.id,
  labelOf: (g) =>
    `${g.name} (${COUNT.format(g.memberCount)} ${g.memberCount === 1 ? 'member' : 'members'}${
      g.syncedFromIdp ? ', synced from your identity provider' : ''
    })`,
  noun: 'groups',
};

/** Picks groups of the latest scan by searching their names. */
export function GroupPicker(props: DirectoryPickerProps) {
  return <DirectoryPicker source={groups} {...props} />;
}
