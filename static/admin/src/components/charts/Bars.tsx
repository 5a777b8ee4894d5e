import { Bar, BarChart, CartesianGrid, Cell, Tooltip, XAxis, YAxis } from 'recharts';
import { axisTick, chartColours, tooltipStyles } from './chartTheme';

export interface BarDatum {
  name: string;
  value: number;
  colour: string;
}

const ROW_HEIGHT = 30;

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
        <YAxis tick={axisTick} allowDecimals={false} width={48} />
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
      <XAxis type="number" tick={axisTick} allowDecimals={false} />
      <YAxis type="category" dataKey="name" tick={axisTick} width={nameWidth} interval={0} />
      <Tooltip {...tooltipStyles} />
      {bars}
    </BarChart>
  );
}
