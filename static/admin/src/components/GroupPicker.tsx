import { DirectoryPicker, type DirectoryPickerProps, type DirectorySource } from './DirectoryPicker';
import { callResolver } from '../api';

/** A group as `searchGroups` and `lookupDirectory` answer it. */
export interface GroupEntry {
  id: string;
  name: string;
  memberCount: number;
  syncedFromIdp: boolean;
}

const COUNT = new Intl.NumberFormat('en-US');

const groups: DirectorySource<GroupEntry> = {
  search: 'searchGroups',
  lookup: async (groupIds) =>
    (await callResolver<{ groups: GroupEntry[] }>('lookupDirectory', { groupIds })).groups,
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
