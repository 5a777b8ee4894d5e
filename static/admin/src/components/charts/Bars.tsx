import { Bar, BarChart, CartesianGrid, Cell, Tooltip, XAxis, YAxis } from 'recharts';
import { axisTick, chartColours, formatCount, tooltipStyles } from './chartTheme';

export interface BarDatum {
  name: string;
  value: number;
  colour: string;
}

const ROW_HEIGHT = 30;
/** About the width of one character of the 12 px axis font, to shorten a name to the room it has. */
const CHAR_WIDTH = 7;

/** A name cut to `width` pixels with an ellipsis: the full name is in the tooltip and the table. */
function fitted(name: string, width: number): string {
  const room = Math.floor(width / CHAR_WIDTH);
  return name.length <= room ? name : `${name.slice(0, room - 1)}…`;
}

/** Named bars, each in its own colour: horizontal for long names, vertical (columns) for ordered buckets. */
export function Bars({
  data,
  valueName,
  layout = 'horizontal-bars',
  nameWidth = 160,
}: {
  data: BarDatum[];
  valueName: string;
  layout?: 'horizontal-bars' | 'columns';
  nameWidth?: number;
}) {
  const bars = (
    <Bar dataKey="value" name={valueName} isAnimationActive={false}>
      {data.map((d) => (
        <Cell key={d.name} fill={d.colour} />
      ))}
    </Bar>
  );
  if (layout === 'columns') {
    return (
      <BarChart data={data} responsive style={{ width: '100%', height: 240 }} accessibilityLayer={false}>
        <CartesianGrid vertical={false} stroke={chartColours.grid} />
        <XAxis dataKey="name" tick={axisTick} interval={0} />
        <YAxis tick={axisTick} tickFormatter={formatCount} allowDecimals={false} width={64} />
        <Tooltip {...tooltipStyles} />
        {bars}
      </BarChart>
    );
  }
  return (
    <BarChart
      layout="vertical"
      data={data}
      responsive
      style={{ width: '100%', height: Math.max(120, data.length * ROW_HEIGHT + 40) }}
      margin={{ top: 4, right: 24, bottom: 4, left: 8 }}
      accessibilityLayer={false}
    >
      <CartesianGrid horizontal={false} stroke={chartColours.grid} />
      <XAxis type="number" tick={axisTick} tickFormatter={formatCount} allowDecimals={false} />
      <YAxis
        type="category"
        dataKey="name"
        tick={axisTick}
        tickFormatter={(name: string) => fitted(name, nameWidth - 8)}
        width={nameWidth}
        interval={0}
      />
      <Tooltip {...tooltipStyles} />
      {bars}
    </BarChart>
  );
}
