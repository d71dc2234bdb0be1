import { CartesianGrid, Line, LineChart, ReferenceLine, XAxis, YAxis } from 'recharts';
import type { ValueChartProps } from './ValueChart';

/** The drawing of ValueChart: its own module, so recharts loads only on pages that draw a chart. */
export default function ValueChartDrawing({ points, rtl, target, height }: ValueChartProps & { height: number }) {
  return (
    <LineChart
      data={points}
      responsive
      style={{ width: '100%', height }}
      margin={{ top: 12, right: 16, bottom: 8, left: 8 }}
      accessibilityLayer={false}
    >
      <CartesianGrid strokeDasharray="3 3" />
      <XAxis dataKey="label" reversed={rtl} />
      <YAxis orientation={rtl ? 'right' : 'left'} width={48} domain={['auto', 'auto']} />
      {target ? (
        <ReferenceLine
          y={target.value}
          stroke="#1d2433"
          strokeDasharray="6 4"
          ifOverflow="extendDomain"
          label={{ value: target.label, position: rtl ? 'insideTopLeft' : 'insideTopRight', fill: '#1d2433' }}
        />
      ) : null}
      <Line type="linear" dataKey="value" stroke="#0b5cad" strokeWidth={2} isAnimationActive={false} dot />
    </LineChart>
  );
}
