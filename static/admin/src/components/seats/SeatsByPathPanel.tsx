import { useEffect, useState } from 'react';
import { DynamicTableStateless } from '@atlaskit/dynamic-table';
import Heading from '@atlaskit/heading';
import { Stack } from '@atlaskit/primitives';
import type { SeatsByPathRecord } from '../../../../../src/contract';
import { callResolver } from '../../api';
import { LoadFailed } from '../LoadFailed';

const NUMBER = new Intl.NumberFormat('en-US');

/** The Overview's seats by path: per product, how many seats each group or direct role grants. */
export function SeatsByPathPanel() {
  const [record, setRecord] = useState<SeatsByPathRecord | null | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    callResolver('getSeatsByPath').then(setRecord, setError);
  }, []);
  if (error) return <LoadFailed title="The seats by path could not be loaded" error={error} />;
  if (!record) return null;
  return (
    <Stack space="space.200">
      <Heading size="small" as="h3">
        Why seats are billed
      </Heading>
      {record.products.map((product) => (
        <Stack key={product.resourceId} space="space.100">
          <p data-testid="seats-by-path-product">
            {product.productName}: {NUMBER.format(product.seats)} seats
          </p>
          <DynamicTableStateless
            head={{
              cells: [
                { key: 'path', content: 'Path' },
                { key: 'seats', content: 'Seats' },
                { key: 'only', content: 'Only this path' },
              ],
            }}
            rows={product.paths.map((path) => ({
              key: `${product.resourceId}-${path.path}`,
              cells: [
                {
                  key: 'path',
                  content: `${path.label}${path.defaultGroup ? ' (default group)' : ''}${path.syncedFromIdp ? ' (synced from IdP)' : ''}`,
                },
                { key: 'seats', content: `${NUMBER.format(path.seats)} seats come from ${path.label}` },
                { key: 'only', content: NUMBER.format(path.onlyPath) },
              ],
            }))}
          />
        </Stack>
      ))}
    </Stack>
  );
}
