import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import Flag, { AutoDismissFlag, FlagGroup } from '@atlaskit/flag';
import ErrorIcon from '@atlaskit/icon/core/status-error';
import SuccessIcon from '@atlaskit/icon/core/status-success';
import { token } from '@atlaskit/tokens';
import { ResolverError, messageOf } from './api';

interface ShownFlag {
  id: number;
  kind: 'error' | 'success';
  title: string;
  description: string;
}

export interface Flags {
  /** Shows an error as an Atlaskit flag, with what to do next for each kind of refusal. */
  showError(title: string, err: unknown): void;
  showSuccess(title: string, description?: string): void;
  /** Shows a failure the page already put in words (what happened and what to do) as an error flag. */
  showProblem(title: string, description: string): void;
}

const FlagsContext = createContext<Flags | null>(null);

export function useFlags(): Flags {
  const flags = useContext(FlagsContext);
  if (!flags) throw new Error('useFlags must be used inside <FlagsProvider>.');
  return flags;
}

/** What the admin can do about an error, after the error's own message. */
export function nextStep(err: unknown): string {
  if (!(err instanceof ResolverError)) return 'Reload the page and try again.';
  switch (err.code) {
    case 'forbidden':
      return 'Only Jira administrators can use Inactive User Cleanup.';
    case 'invalid-input':
      return 'Correct that value and try again.';
    case 'upstream-unavailable':
      return 'Atlassian did not answer as expected. Wait a minute and try again.';
    default:
      return 'Try again; if it keeps failing, check the app logs in the developer console.';
  }
}

let nextId = 1;

export function FlagsProvider({ children }: { children: ReactNode }) {
  const [shown, setShown] = useState<ShownFlag[]>([]);
  const dismiss = useCallback((id: string | number) => setShown((all) => all.filter((f) => f.id !== id)), []);
  const flags = useMemo<Flags>(
    () => ({
      showError: (title, err) =>
        setShown((all) => [
          { id: nextId++, kind: 'error', title, description: `${messageOf(err)} ${nextStep(err)}` },
          ...all,
        ]),
      showProblem: (title, description) =>
        setShown((all) => [{ id: nextId++, kind: 'error', title, description }, ...all]),
      showSuccess: (title, description = '') =>
        setShown((all) => [{ id: nextId++, kind: 'success', title, description }, ...all]),
    }),
    [],
  );
  return (
    <FlagsContext.Provider value={flags}>
      {children}
      <FlagGroup onDismissed={dismiss}>
        {shown.map((f) =>
          f.kind === 'error' ? (
            <Flag
              key={f.id}
              id={f.id}
              title={f.title}
              description={f.description}
              icon={<ErrorIcon label="Error" color={token('color.icon.danger')} />}
              actions={[{ content: 'Dismiss', onClick: () => dismiss(f.id) }]}
            />
          ) : (
            // Successes close themselves so they never pile up over the page; errors stay until dismissed.
            <AutoDismissFlag
              key={f.id}
              id={f.id}
              title={f.title}
              description={f.description}
              icon={<SuccessIcon label="Success" color={token('color.icon.success')} />}
            />
          ),
        )}
      </FlagGroup>
    </FlagsContext.Provider>
  );
}
