import { DirectoryPicker, type DirectoryPickerProps, type DirectorySource } from './DirectoryPicker';
import type { UserEntry } from '../../../../src/contract';
import { callResolver } from '../api';

const users: DirectorySource<UserEntry> = {
  search: (query, limit) => callResolver('searchUsers', { query, limit }),
  lookup: async (accountIds) => (await callResolver('lookupDirectory', { accountIds })).users,
  idOf: (u) => u.accountId,
  labelOf: (u) => (u.email ? `${u.name} (${u.email})` : u.name),
  noun: 'users',
};

/** Picks users of the latest scan by searching their names and e-mail addresses. */
export function UserPicker(props: DirectoryPickerProps) {
  return <DirectoryPicker source={users} {...props} />;
}
