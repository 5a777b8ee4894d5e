import { useCallback, useEffect, useState } from 'react';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import { Stack } from '@atlaskit/primitives';
import type { AuthorityView, SettingChange } from '../../../../../src/contract';
import { callResolver } from '../../api';
import { InlineName, NamesProvider, PersonName } from '../../components/PersonName';
import { useFlags } from '../../flags';
import { formatWhen } from '../rules/describe';
import { settingInWords } from './settingInWords';

const SETTING_NAMES: Record<SettingChange['setting'], string> = {
  connection: 'Organization connection',
  protections: 'Protections',
  scope: 'Scope',
  'audit-retention': 'Audit retention',
};

/** The scope the app works in, who set it, and the trail of changes to the settings that protect people. */
export function ScopeSection() {
  const flags = useFlags();
  const [view, setView] = useState<AuthorityView | null>(null);
  const [saving, setSaving] = useState(false);
  const load = useCallback(() => {
    callResolver('getAuthority')
      .then(setView)
      .catch((err: unknown) => flags.showError('The scope could not be loaded', err));
  }, [flags]);
  useEffect(load, [load]);

  const toggle = async () => {
    if (!view) return;
    setSaving(true);
    try {
      setView(await callResolver('setAppScope', { scope: view.scope === 'org' ? 'site' : 'org' }));
    } catch (err) {
      flags.showError('The scope could not be changed', err);
    } finally {
      setSaving(false);
    }
  };

  if (!view) return null;
  const people = [...(view.setBy ? [view.setBy] : []), ...view.changes.map((change) => change.actor)];
  return (
    <NamesProvider accountIds={people}>
      <Stack space="space.200">
        <Heading size="small" as="h3">
          Scope
        </Heading>
        <p>
          <Lozenge appearance={view.scope === 'org' ? 'moved' : 'default'}>
            {view.scope === 'org' ? 'Whole organization' : 'This site only'}
          </Lozenge>{' '}
          {view.scope === 'org'
            ? 'Rules may suspend people and change access on every site of the organization.'
            : `Rules change only groups and product access of this site${view.siteCloudId ? ` (${view.siteCloudId})` : ''}; suspension and other sites need organization scope.`}{' '}
          {view.setBy && view.setAt ? (
            <>
              Set by <InlineName accountId={view.setBy} />, {formatWhen(view.setAt)}.
            </>
          ) : (
            'The default applies.'
          )}
        </p>
        {view.callerIsOrgAdmin ? (
          <Button onClick={() => void toggle()} isLoading={saving}>
            {view.scope === 'org' ? 'Limit the app to this site' : 'Allow the whole organization'}
          </Button>
        ) : (
          <p>Only an org admin can change the scope, remove protections or replace the connection.</p>
        )}
        {view.changes.length > 0 && (
          <table>
            <caption>Changes to settings that protect people</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Setting</th>
                <th scope="col">Before</th>
                <th scope="col">After</th>
              </tr>
            </thead>
            <tbody>
              {view.changes.map((change) => (
                <tr key={`${change.at}-${change.setting}-${change.actor}`}>
                  <td>{formatWhen(change.at)}</td>
                  <td>
                    <PersonName accountId={change.actor} />
                  </td>
                  <td>{SETTING_NAMES[change.setting]}</td>
                  <td>{settingInWords(change.setting, change.before)}</td>
                  <td>{settingInWords(change.setting, change.after)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Stack>
    </NamesProvider>
  );
}
