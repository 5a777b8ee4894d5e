import Lozenge from '@atlaskit/lozenge';
import type { Dashboard } from '../../../../../src/contract';
import { Bars } from './Bars';
import { ChartCard } from './ChartCard';
import { chartColours, formatCount } from './chartTheme';

interface Row {
  key: string;
  domain: string;
  users: number;
  kind: 'managed' | 'external' | 'other';
}

/** Users per e-mail domain, external (unmanaged) domains marked, the long tail added up as "other". */
export function DomainsChart({ dashboard }: { dashboard: Dashboard }) {
  const { top, other, withoutEmail } = dashboard.domains;
  const rows: Row[] = top.map((d) => ({
    key: d.domain,
    domain: d.domain,
    users: d.users,
    kind: d.external ? 'external' : 'managed',
  }));
  if (other.users > 0) {
    rows.push({
      key: '#other',
      domain: `Other (${formatCount(other.domains)} domains)`,
      users: other.users,
      kind: 'other',
    });
  }
  if (withoutEmail > 0) {
    rows.push({ key: '#hidden', domain: 'Address not visible', users: withoutEmail, kind: 'other' });
  }
  const colour = {
    managed: chartColours.primary,
    external: chartColours.external,
    other: chartColours.neutral,
  };
  const label = (r: Row) => (r.kind === 'external' ? `${r.domain} (external)` : r.domain);
  return (
    <ChartCard
      title="Users by e-mail domain"
      description="External domains have no account managed by your organization: contractors, partners and personal addresses."
      summary={rows.map((r) => `${label(r)}: ${formatCount(r.users)}`).join(', ')}
      chart={
        <Bars
          data={rows.map((r) => ({ name: label(r), value: r.users, colour: colour[r.kind] }))}
          valueName="Users"
          nameWidth={220}
        />
      }
      footer={
        <ul className="chart-legend" aria-hidden="true">
          <li>
            <span className="swatch" style={{ background: colour.managed }} /> Managed domain
          </li>
          <li>
            <span className="swatch" style={{ background: colour.external }} /> External domain
          </li>
        </ul>
      }
      columns={[
        { header: 'Domain', cell: (r) => r.domain },
        {
          header: 'Kind',
          cell: (r) =>
            r.kind === 'other' ? (
              ''
            ) : (
              <Lozenge appearance={r.kind === 'external' ? 'moved' : 'success'}>
                {r.kind === 'external' ? 'External' : 'Managed'}
              </Lozenge>
            ),
        },
        { header: 'Users', cell: (r) => formatCount(r.users), numeric: true },
      ]}
      rows={rows}
      rowKey={(r) => r.key}
    />
  );
}
