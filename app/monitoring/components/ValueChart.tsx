import { lazy, Suspense } from 'react';
import { ClientOnly } from '~/ui/ClientOnly';

const ValueChartDrawing = lazy(() => import('./ValueChartDrawing'));

export interface ValueChartProps {
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
export function ValueChart({ points, summary, rtl, target }: ValueChartProps) {
  const height = 200;
  return (
    <div className="chart value-chart" role="img" aria-label={summary} style={{ height }}>
      <ClientOnly>
        {() => (
          <Suspense fallback={null}>
            <ValueChartDrawing points={points} summary={summary} rtl={rtl} target={target} height={height} />
          </Suspense>
        )}
      </ClientOnly>
    </div>
  );
}
