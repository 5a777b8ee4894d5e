import { useEffect, useState } from 'react';
import { invoke } from '@forge/bridge';
import type { AppStatus, ResolverResult } from '../../../src/contract';

type Load =
  { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; status: AppStatus };

export function App() {
  const [load, setLoad] = useState<Load>({ state: 'loading' });

  useEffect(() => {
    (invoke('getAppStatus') as Promise<ResolverResult<AppStatus>>)
      .then((result) =>
        setLoad(
          result.ok
            ? { state: 'ready', status: result.data }
            : { state: 'failed', message: result.error.message },
        ),
      )
      .catch((err: unknown) =>
        setLoad({ state: 'failed', message: err instanceof Error ? err.message : String(err) }),
      );
  }, []);

  return (
    <main className="page">
      <h1>Inactive User Cleanup</h1>
      {load.state === 'loading' && <p aria-live="polite">Loading the app status…</p>}
      {load.state === 'failed' && (
        <p role="alert" className="error">
          {load.message}
        </p>
      )}
      {load.state === 'ready' && <StatusView status={load.status} />}
    </main>
  );
}

function StatusView({ status }: { status: AppStatus }) {
  return (
    <>
      <section aria-labelledby="connection">
        <h2 id="connection">Organization connection</h2>
        <p data-testid="org-key-state">
          {status.orgApiKeySet
            ? 'An organization API key is stored.'
            : 'No organization API key is stored yet.'}
        </p>
      </section>
      <section aria-labelledby="seats">
        <h2 id="seats">Jira seats</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">Product</th>
              <th scope="col">Users</th>
              <th scope="col">Seats</th>
            </tr>
          </thead>
          <tbody>
            {status.seats.map((s) => (
              <tr key={s.productKey}>
                <td>{s.productName}</td>
                <td>{s.userCount}</td>
                <td>{s.hasUnlimitedSeats ? 'Unlimited' : s.numberOfSeats}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="background">
        <h2 id="background">Background processing</h2>
        <p data-testid="scheduler-state">
          {status.heartbeat.scheduledAt
            ? `The schedule last ran at ${status.heartbeat.scheduledAt}.`
            : 'The schedule has not run yet.'}{' '}
          {status.heartbeat.processedAt
            ? `The job queue last processed its check at ${status.heartbeat.processedAt}.`
            : 'The job queue has not processed a check yet.'}
        </p>
      </section>
    </>
  );
}
