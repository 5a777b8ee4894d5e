import { token } from '@atlaskit/tokens';

/** Chart colours and text from the design tokens, so charts follow Jira's light and dark themes. */
export const chartColours = {
  primary: token('color.chart.blue.bold'),
  secondary: token('color.chart.teal.bold'),
  good: token('color.chart.green.bold'),
  warning: token('color.chart.orange.bold'),
  danger: token('color.chart.red.bold'),
  neutral: token('color.chart.gray.bold'),
  discovery: token('color.chart.purple.bold'),
  external: token('color.chart.magenta.bold'),
  reference: token('color.border.bold'),
  limit: token('color.chart.danger'),
  grid: token('color.border'),
};

/** The ordered colours for series that need telling apart (products in the trend). */
export const seriesColours = [
  token('color.chart.blue.bold'),
  token('color.chart.purple.bold'),
  token('color.chart.teal.bold'),
  token('color.chart.orange.bold'),
];

export const axisTick = { fill: token('color.text.subtle'), fontSize: 12 };

export const tooltipStyles = {
  contentStyle: {
    background: token('elevation.surface.overlay'),
    border: `1px solid ${token('color.border')}`,
    color: token('color.text'),
  },
  labelStyle: { color: token('color.text') },
  itemStyle: { color: token('color.text') },
  cursor: { fill: token('color.background.neutral.subtle.hovered') },
  /** Counts in the tooltip with thousands separators, as on the axes. */
  formatter: (value: unknown) => (typeof value === 'number' ? formatCount(value) : String(value)),
};

/** Counts with thousands separators in the reader's locale (1,234 in English). */
const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });

export function formatCount(n: number): string {
  return integer.format(n);
}
