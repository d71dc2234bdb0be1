import { Bar, BarChart, CartesianGrid, Legend, XAxis, YAxis } from 'recharts';
import { ClientOnly } from '~/ui/ClientOnly';

export interface ChartSeries {
  key: string;
  name: string;
}

interface Props {
  /** One row per bar group: `label` and a value (mean 1–5, or null for "<5") per series key. */
  rows: ({ label: string } & Record<string, string | number | null>)[];
  series: ChartSeries[];
  /** Read out instead of the picture; the table beside it holds the same numbers. */
  summary: string;
  rtl?: boolean;
  /** The value axis; mean scores by default. */
  domain?: [number, number];
}

const COLOURS = ['#0b5cad', '#b35c00', '#1e6b34', '#6b3fa0', '#a4161a'];

/**
 * Horizontal bars (recharts, SVG): mean scores on the 1–5 scale, or counts. The picture is hidden from
 * assistive technology: the accessible table beside it carries the same figures, "<5" included.
 */
export function BarChartFigure({ rows, series, summary, rtl, domain = [1, 5] }: Props) {
  const height = Math.max(160, rows.length * (24 + 10 * series.length) + 60);
  return (
    <div className="chart" role="img" aria-label={summary} style={{ height }}>
      <ClientOnly>
        {() => (
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
              <Bar
                key={s.key}
                dataKey={s.key}
                name={s.name}
                fill={COLOURS[i % COLOURS.length]}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        )}
      </ClientOnly>
    </div>
  );
}
