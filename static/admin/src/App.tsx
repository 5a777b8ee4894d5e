import { useCallback, useEffect, useState } from 'react';
import Heading from '@atlaskit/heading';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import Tabs, { Tab, TabList, TabPanel } from '@atlaskit/tabs';
import type { AppStatus } from '../../../src/contract';
import { callResolver, ResolverError, messageOf } from './api';
import { FlagsProvider, nextStep } from './flags';
import { GetStarted } from './screens/GetStarted';
import { Overview } from './screens/Overview';
import { Rules } from './screens/Rules';
import { Analyse } from './screens/Analyse';
import { Notifications } from './screens/Notifications';
import { Pending } from './screens/Pending';
import { RunsAndAudit } from './screens/RunsAndAudit';
import { Settings } from './screens/Settings';

type Load =
  { state: 'loading' } | { state: 'failed'; error: unknown } | { state: 'ready'; status: AppStatus };

const SCREENS = [
  { id: 'overview', label: 'Overview', Screen: Overview },
  { id: 'rules', label: 'Rules', Screen: Rules },
  { id: 'analyse', label: 'Analyse', Screen: Analyse },
  { id: 'pending', label: 'Pending', Screen: Pending },
  { id: 'notifications', label: 'Notifications', Screen: Notifications },
  { id: 'runs', label: 'Runs and audit', Screen: RunsAndAudit },
  { id: 'settings', label: 'Settings', Screen: Settings },
] as const;

export type ScreenId = (typeof SCREENS)[number]['id'];

/** What every screen receives: a way to move to another screen, and to reload the app status. */
export interface ScreenProps {
  status: AppStatus;
  goTo(screen: ScreenId): void;
  refreshStatus(): void;
}

export function App() {
  return (
    <FlagsProvider>
      <main className="page">
        <Heading size="large" as="h1">
          Inactive User Cleanup
        </Heading>
        <AppBody />
      </main>
    </FlagsProvider>
  );
}

function AppBody() {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [selected, setSelected] = useState(0);
  const [setupDone, setSetupDone] = useState(false);

  const refreshStatus = useCallback(() => {
    callResolver('getAppStatus')
      .then((status) => setLoad({ state: 'ready', status }))
      .catch((error: unknown) => setLoad({ state: 'failed', error }));
  }, []);
  useEffect(refreshStatus, [refreshStatus]);

  if (load.state === 'loading') return <Spinner label="Loading the app status" />;
  if (load.state === 'failed') return <LoadFailure error={load.error} />;

  const goTo = (screen: ScreenId) => setSelected(SCREENS.findIndex((s) => s.id === screen));
  if (!load.status.orgApiKeySet && !setupDone) {
    return (
      <GetStarted
        status={load.status}
        goTo={goTo}
        refreshStatus={refreshStatus}
        onDone={() => {
          setSetupDone(true);
          refreshStatus();
        }}
      />
    );
  }
  return (
    <Tabs id="screens" selected={selected} onChange={setSelected}>
      <TabList>
        {SCREENS.map((s) => (
          <Tab key={s.id} testId={`tab-${s.id}`}>
            {s.label}
          </Tab>
        ))}
      </TabList>
      {SCREENS.map(({ id, Screen }, index) => (
        <TabPanel key={id}>
          {/* Only the open screen is mounted, so opening a screen always reads fresh figures. */}
          {index === selected && (
            <div className="screen">
              <Screen status={load.status} goTo={goTo} refreshStatus={refreshStatus} />
            </div>
          )}
        </TabPanel>
      ))}
    </Tabs>
  );
}

function LoadFailure({ error }: { error: unknown }) {
  if (error instanceof ResolverError && error.code === 'forbidden') {
    return (
      <SectionMessage appearance="error" title="You cannot use this app">
        <p role="alert">{error.message}</p>
      </SectionMessage>
    );
  }
  return (
    <SectionMessage appearance="error" title="The app could not load">
      <p role="alert">
        {messageOf(error)} {nextStep(error)}
      </p>
    </SectionMessage>
  );
}
