import { DirectoryPicker, type DirectoryPickerProps, type DirectorySource } from './DirectoryPicker';
import { callResolver } from '../api';

/** A user as `searchUsers` and `lookupDirectory` answer it. */
export interface UserEntry {
  accountId: string;
  name: string;
  email: string | null;
}

const users: DirectorySource<UserEntry> = {
  search: 'searchUsers',
  lookup: async (accountIds) =>
    (await callResolver<{ users: UserEntry[] }>('lookupDirectory', { accountIds })).users,
  idOf: (u) => u.accountId,
  labelOf: (u) => (u.email ? `${u.name} (${u.email})` : u.name),
  noun: 'users',
};

/** Picks users of the latest scan by searching their names and e-mail addresses. */
export function UserPicker(props: DirectoryPickerProps) {
  return <DirectoryPicker source={users} {...props} />;
}
