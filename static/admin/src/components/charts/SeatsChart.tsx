import { Bar, BarChart, CartesianGrid, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import type { ProductSeats } from '../../../../../src/contract';
import { MeasureNote } from '../MeasureNote';
import { ChartCard } from './ChartCard';
import { axisTick, chartColours, formatCount, tooltipStyles } from './chartTheme';

/** Tier lines past this many are drawn only for the largest boundaries in view, to keep the axis readable. */
const MAX_TIER_LINES = 5;

interface Row {
  label: string;
  value: string;
}

export interface SeatsChartProps {
  seats: ProductSeats;
  tierBoundaries: number[];
  /** The threshold the active and inactive figures were counted with. */
  inactiveDays: number;
}

/**
 * One Jira product's seats in use against its licence limit, with the pricing tier boundaries around them. The bar
 * splits the seats by the app's one definition of active and inactive (src/domain/measures.ts).
 */
export function SeatsChart({ seats, tierBoundaries, inactiveDays }: SeatsChartProps) {
  const used = seats.userCount;
  const freeable = Math.min(seats.freeable, used);
  const active = Math.min(seats.active, used - freeable);
  const limit = seats.hasUnlimitedSeats ? null : seats.numberOfSeats;
  const domainMax = Math.max(used, limit ?? 0, seats.tierNow ?? 0, 1);
  const tiersInView = tierBoundaries.filter((b) => b <= domainMax && b !== limit).slice(-MAX_TIER_LINES);
  const data = [{ name: seats.productName, active, other: used - active - freeable, freeable }];
  const rows: Row[] = [
    { label: 'Licensed: seats in use (Jira, now)', value: formatCount(used) },
    { label: 'Licence limit', value: limit === null ? 'Unlimited' : formatCount(limit) },
    { label: 'Active', value: formatCount(active) },
    { label: 'Could be freed (inactive, not protected)', value: formatCount(freeable) },
    {
      label: 'Neither: protected, new, or active in another Jira product only',
      value: formatCount(used - active - freeable),
    },
    { label: 'Pricing tier now', value: tierText(seats.tierNow) },
    { label: 'Pricing tier after freeing them', value: tierText(seats.tierAfterFreeing) },
    {
      label: 'Seats to free to reach the next lower tier',
      value:
        seats.seatsToNextLowerTier === null
          ? 'Already in the lowest tier'
          : formatCount(seats.seatsToNextLowerTier),
    },
  ];
  return (
    <ChartCard
      title={`${seats.productName}: seats`}
      description={outlookSentence(seats, freeable)}
      summary={`${seats.productName}: ${formatCount(used)} seats in use of ${limit === null ? 'unlimited' : formatCount(limit)}; ${formatCount(active)} active; ${formatCount(freeable)} could be freed.`}
      chart={
        <BarChart
          layout="vertical"
          data={data}
          responsive
          style={{ width: '100%', height: 140 }}
          margin={{ top: 24, right: 24, bottom: 4, left: 8 }}
          accessibilityLayer={false}
        >
          <CartesianGrid horizontal={false} stroke={chartColours.grid} />
          <XAxis
            type="number"
            domain={[0, Math.ceil(domainMax * 1.05)]}
            tick={axisTick}
            tickFormatter={formatCount}
            allowDecimals={false}
          />
          <YAxis type="category" dataKey="name" hide />
          <Tooltip {...tooltipStyles} />
          <Bar
            dataKey="active"
            name="Active"
            stackId="seats"
            fill={chartColours.primary}
            isAnimationActive={false}
          />
          <Bar
            dataKey="other"
            name="Protected, new or active elsewhere"
            stackId="seats"
            fill={chartColours.neutral}
            isAnimationActive={false}
          />
          <Bar
            dataKey="freeable"
            name="Could be freed"
            stackId="seats"
            fill={chartColours.warning}
            isAnimationActive={false}
          />
          {tiersInView.map((tier) => (
            <ReferenceLine
              key={tier}
              x={tier}
              className="tier-line"
              stroke={chartColours.reference}
              strokeWidth={1.5}
              strokeDasharray="4 3"
              label={{ value: formatCount(tier), position: 'top', fill: axisTick.fill, fontSize: 11 }}
            />
          ))}
          {limit !== null && (
            <ReferenceLine
              x={limit}
              className="limit-line"
              stroke={chartColours.limit}
              strokeWidth={2}
              label={{ value: formatCount(limit), position: 'top', fill: axisTick.fill, fontSize: 11 }}
            />
          )}
        </BarChart>
      }
      footer={
        <>
          <ul className="chart-legend" aria-hidden="true">
            <li>
              <span className="swatch" style={{ background: chartColours.primary }} /> Active
            </li>
            <li>
              <span className="swatch" style={{ background: chartColours.neutral }} /> Protected, new or
              active elsewhere
            </li>
            <li>
              <span className="swatch" style={{ background: chartColours.warning }} /> Could be freed
            </li>
            <li>
              <span className="swatch swatch-line" style={{ borderColor: chartColours.reference }} /> Pricing
              tier
            </li>
            {limit !== null && (
              <li>
                <span
                  className="swatch swatch-line swatch-solid"
                  style={{ borderColor: chartColours.limit }}
                />{' '}
                Licence limit ({formatCount(limit)})
              </li>
            )}
          </ul>
          <MeasureNote measures={['licensed', 'active', 'inactive']} inactiveDays={inactiveDays} />
        </>
      }
      columns={[
        { header: 'Measure', cell: (row: Row) => row.label },
        { header: 'Value', cell: (row: Row) => row.value, numeric: true },
      ]}
      rows={rows}
      rowKey={(row) => row.label}
    />
  );
}

function tierText(tier: number | null): string {
  return tier === null ? 'Above the largest tier' : `Up to ${formatCount(tier)} users`;
}

function outlookSentence(seats: ProductSeats, freeable: number): string {
  if (freeable === 0) return 'No licensed user is inactive past the threshold.';
  const after = formatCount(seats.userCount - freeable);
  if (seats.tierAfterFreeing !== null && seats.tierAfterFreeing !== seats.tierNow) {
    return `Freeing ${formatCount(freeable)} seats would bring ${after} users into the ${formatCount(seats.tierAfterFreeing)}-user tier.`;
  }
  return `Freeing ${formatCount(freeable)} seats would leave ${after} in use, in the same pricing tier.`;
}
