import { CartesianGrid, Line, LineChart, ReferenceLine, XAxis, YAxis } from 'recharts';
import { ClientOnly } from '~/ui/ClientOnly';

interface Props {
  points: { label: string; value: number }[];
  /** Read out instead of the picture; the table beside it holds the same numbers. */
  summary: string;
  rtl?: boolean;
  /** The target the progress is judged against, drawn as a dashed line (its words are in the table). */
  target?: { value: number; label: string };
}

/**
 * Values over time as a line (recharts, SVG). The picture is only a summary for assistive technology:
 * the table next to it carries every figure.
 */
export function ValueChart({ points, summary, rtl, target }: Props) {
  const height = 200;
  return (
    <div className="chart value-chart" role="img" aria-label={summary} style={{ height }}>
      <ClientOnly>
        {() => (
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
        )}
      </ClientOnly>
    </div>
  );
}
