import { useEffect, useState } from 'react';
import type { BillableSeat } from '../../../../../src/contract';
import { callResolver } from '../../api';

/** The billable seats of the users on screen and the paths that grant them, read live; empty until answered. */
export function useSeatPaths(accountIds: readonly string[]): ReadonlyMap<string, BillableSeat[]> {
  const [paths, setPaths] = useState<ReadonlyMap<string, BillableSeat[]>>(new Map());
  const key = accountIds.join(',');
  useEffect(() => {
    if (key === '') return;
    let current = true;
    callResolver('getSeatPaths', {
      accountIds: key.split(','),
    })
      .then(({ users }) => {
        if (current) setPaths(new Map(users.map((u) => [u.accountId, u.seats])));
      })
      // The paths explain the rows; the rows stand without them.
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [key]);
  return paths;
}
