import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { Stack, Text } from '@atlaskit/primitives';
import { callResolver } from '../api';

/** Ids the directory has no name for (app accounts, people no longer in the org) are shown as ids. */
const KnownNames = createContext<ReadonlyMap<string, string>>(new Map());
/** The most ids `lookupDirectory` takes at once. */
const LOOKUP_CHUNK = 100;

/** Looks the names of `accountIds` up once per distinct set, for the `PersonName` cells below it. */
export function NamesProvider({ accountIds, children }: { accountIds: string[]; children: ReactNode }) {
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  const key = [...new Set(accountIds.filter((id) => id !== 'schedule'))].sort().join(',');
  useEffect(() => {
    if (!key) return;
    let current = true;
    const ids = key.split(',');
    const chunks = Array.from({ length: Math.ceil(ids.length / LOOKUP_CHUNK) }, (_, i) =>
      ids.slice(i * LOOKUP_CHUNK, (i + 1) * LOOKUP_CHUNK),
    );
    Promise.all(chunks.map((chunk) => callResolver('lookupDirectory', { accountIds: chunk })))
      .then((answers) => {
        if (current) setNames(new Map(answers.flatMap((a) => a.users.map((u) => [u.accountId, u.name]))));
      })
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [key]);
  return <KnownNames.Provider value={names}>{children}</KnownNames.Provider>;
}

/** A person by name with their account id under it; the schedule by that word; an unknown id as itself. */
export function PersonName({ accountId, name }: { accountId: string; name?: string | null }) {
  const known = useContext(KnownNames);
  if (accountId === 'schedule') return <Text>Schedule</Text>;
  const shown = name ?? known.get(accountId) ?? null;
  if (shown === null) return <Text>{accountId}</Text>;
  return (
    <Stack>
      <Text>{shown}</Text>
      <Text size="small" color="color.text.subtle">
        {accountId}
      </Text>
    </Stack>
  );
}

/** A person's name within a sentence (their id when the directory has no name for it), below a `NamesProvider`. */
export function InlineName({ accountId }: { accountId: string }) {
  return <>{useContext(KnownNames).get(accountId) ?? accountId}</>;
}
