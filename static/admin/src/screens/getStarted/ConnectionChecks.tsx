import SectionMessage from '@atlaskit/section-message';
import type { ConnectionCheck, ConnectionTestResult } from '../../../../../src/contract';

const CHECK_TITLES: Record<ConnectionCheck['name'], string> = {
  key: 'API key',
  organization: 'Organization',
  directories: 'User directories',
  users: 'Users and activity',
  'jira-seats': 'Jira seats',
};

/** "Test connection"'s answer: the outcome in one sentence, then each check in plain words. */
export function ConnectionChecks({ result }: { result: ConnectionTestResult }) {
  return (
    <div className="connection-checks" aria-live="polite">
      <SectionMessage
        appearance={result.ok ? 'success' : 'error'}
        title={result.ok ? 'The connection works' : 'The connection does not work yet'}
      >
        <p>
          {result.ok
            ? result.summary
            : 'Fix the check that failed below, save the connection, and test again.'}
        </p>
      </SectionMessage>
      <ul className="check-list">
        {result.checks.map((check) => (
          <li key={check.name}>
            <SectionMessage appearance={check.ok ? 'success' : 'error'} title={CHECK_TITLES[check.name]}>
              <p>{check.message}</p>
            </SectionMessage>
          </li>
        ))}
      </ul>
    </div>
  );
}
