import { useState } from 'react';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import SectionMessage from '@atlaskit/section-message';
import type { OrgConnection } from '../../../../src/contract';
import type { ScreenProps } from '../App';
import { useConnectionTest } from '../components/useConnectionTest';
import { ConnectionChecks } from './getStarted/ConnectionChecks';
import { ConnectionForm } from './getStarted/ConnectionForm';
import { HelpLink } from '../navigation/HelpLink';

/** The guided setup shown while no org API key is stored: create the key, save it, test it, continue. */
export function GetStarted({ onDone }: ScreenProps & { onDone(): void }) {
  const [saved, setSaved] = useState<OrgConnection | null>(null);
  const { testing, result, test, clear } = useConnectionTest();

  return (
    <div className="get-started">
      <Heading size="large" as="h2">
        Get started
      </Heading>
      <p>
        Inactive User Cleanup reads who has been active from your Atlassian organization. Jira does not know
        when people were last active, so the app needs an organization API key.
      </p>
      <ol className="steps">
        <li>
          In <strong>Atlassian Administration</strong> (admin.atlassian.com), go to{' '}
          <strong>Settings → API keys</strong> and create an API key <strong>without scopes</strong>: the app
          reads users, their activity and groups, and changes group membership, product access and suspension
          only when you run a rule. Keys expire after at most a year. <HelpLink topic="orgApiKey" />
        </li>
        <li>Copy the key and your organization id, enter them below and save.</li>
        <li>Test the connection: each check says in plain words what works and what to fix.</li>
      </ol>
      <Heading size="small" as="h3">
        Connect your organization
      </Heading>
      <ConnectionForm
        onSaved={(connection) => {
          setSaved(connection);
          clear();
        }}
      />
      {saved && (
        <SectionMessage
          appearance="information"
          title="Connection saved"
          actions={[
            <Button
              key="test"
              appearance="primary"
              isLoading={testing}
              onClick={() => {
                clear();
                void test();
              }}
            >
              Test connection
            </Button>,
          ]}
        >
          <p>Saved for organization {saved.orgId}. Test it before you continue.</p>
        </SectionMessage>
      )}
      {result && <ConnectionChecks result={result} />}
      {result?.ok && (
        <div className="form-actions">
          <Button appearance="primary" onClick={onDone}>
            Continue
          </Button>
        </div>
      )}
    </div>
  );
}
