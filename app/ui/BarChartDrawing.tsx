import { Bar, BarChart, CartesianGrid, Legend, XAxis, YAxis } from 'recharts';
import type { BarChartFigureProps } from './BarChartFigure';

const COLOURS = ['#0b5cad', '#b35c00', '#1e6b34', '#6b3fa0', '#a4161a'];

/** The drawing of BarChartFigure: its own module, so recharts loads only on pages that draw a chart. */
export default function BarChartDrawing({
  rows,
  series,
  rtl,
  domain,
  height,
}: Required<Pick<BarChartFigureProps, 'domain'>> & BarChartFigureProps & { height: number }) {
  return (
    <BarChart
      data={rows}
      layout="vertical"
      responsive
      style={{ width: '100%', height }}
      margin={{ top: 8, right: 16, bottom: 8, left: 8 }}
      accessibilityLayer={false}
    >
      <CartesianGrid strokeDasharray="3 3" horizontal={false} />
      <XAxis
        type="number"
        domain={domain}
        ticks={domain[0] === 1 && domain[1] === 5 ? [1, 2, 3, 4, 5] : undefined}
        allowDecimals={false}
        reversed={rtl}
      />
      <YAxis type="category" dataKey="label" width={170} orientation={rtl ? 'right' : 'left'} />
      {series.length > 1 ? <Legend /> : null}
      {series.map((s, i) => (
        <Bar key={s.key} dataKey={s.key} name={s.name} fill={COLOURS[i % COLOURS.length]} isAnimationActive={false} />
      ))}
    </BarChart>
  );
}
