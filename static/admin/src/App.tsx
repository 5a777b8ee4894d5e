import { useCallback, useEffect, useState, type ReactNode } from 'react';
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
import { NavigationProvider, useNavigation } from './navigation/NavigationProvider';
import { NotFound } from './navigation/NotFound';
import type { AppRoute, ScreenId } from './navigation/routes';

type Load =
  { state: 'loading' } | { state: 'failed'; error: unknown } | { state: 'ready'; status: AppStatus };

const SCREENS: ReadonlyArray<{ id: ScreenId; label: string; Screen: (props: ScreenProps) => ReactNode }> = [
  { id: 'overview', label: 'Overview', Screen: Overview },
  { id: 'rules', label: 'Rules', Screen: Rules },
  { id: 'analyse', label: 'Analyse', Screen: Analyse },
  { id: 'pending', label: 'Pending', Screen: Pending },
  { id: 'notifications', label: 'Notifications', Screen: Notifications },
  { id: 'runs', label: 'Runs and audit', Screen: RunsAndAudit },
  { id: 'settings', label: 'Settings', Screen: Settings },
];

export type { ScreenId };

/**
 * What every screen receives: the route (the URL names the screen, and the rule or run open on it), a way to move
 * to another screen or route, and to reload the app status.
 */
export interface ScreenProps {
  status: AppStatus;
  route: AppRoute;
  goTo(screen: ScreenId): void;
  navigate(route: AppRoute): void;
  refreshStatus(): void;
}

export function App() {
  return (
    <FlagsProvider>
      <main className="page">
        <Heading size="large" as="h1">
          Inactive User Cleanup
        </Heading>
        <NavigationProvider>
          <AppBody />
        </NavigationProvider>
      </main>
    </FlagsProvider>
  );
}

function AppBody() {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const { route, navigate } = useNavigation();
  const [setupDone, setSetupDone] = useState(false);

  const refreshStatus = useCallback(() => {
    callResolver('getAppStatus')
      .then((status) => setLoad({ state: 'ready', status }))
      .catch((error: unknown) => setLoad({ state: 'failed', error }));
  }, []);
  useEffect(refreshStatus, [refreshStatus]);

  if (load.state === 'loading') return <Spinner label="Loading the app status" />;
  if (load.state === 'failed') return <LoadFailure error={load.error} />;

  const goTo = (screen: ScreenId) => navigate({ screen });
  const screenProps: ScreenProps = { status: load.status, route, goTo, navigate, refreshStatus };
  if (!load.status.orgApiKeySet && !setupDone) {
    return (
      <GetStarted
        {...screenProps}
        onDone={() => {
          setSetupDone(true);
          refreshStatus();
        }}
      />
    );
  }
  if (route.screen === 'notFound') {
    return (
      <NotFound
        title="This page does not exist"
        backLabel="Go to the Overview"
        onBack={() => goTo('overview')}
      >
        {`The app has no page at ${route.path}. The link may be mistyped or from an older version of the app.`}
      </NotFound>
    );
  }
  const selected = SCREENS.findIndex((s) => s.id === route.screen);
  return (
    <Tabs id="screens" selected={selected} onChange={(index) => goTo(SCREENS[index]!.id)}>
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
              <Screen {...screenProps} />
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
