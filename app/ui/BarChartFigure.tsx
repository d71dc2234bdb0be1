import { lazy, Suspense } from 'react';
import { ClientOnly } from '~/ui/ClientOnly';

export interface ChartSeries {
  key: string;
  name: string;
}

export interface BarChartFigureProps {
  /** One row per bar group: `label` and a value (mean 1–5, or null for "<5") per series key. */
  rows: ({ label: string } & Record<string, string | number | null>)[];
  series: ChartSeries[];
  /** Read out instead of the picture; the table beside it holds the same numbers. */
  summary: string;
  rtl?: boolean;
  /** The value axis; mean scores by default. */
  domain?: [number, number];
}

const BarChartDrawing = lazy(() => import('./BarChartDrawing'));

/**
 * Horizontal bars (recharts, SVG): mean scores on the 1–5 scale, or counts. The picture is hidden from
 * assistive technology: the accessible table beside it carries the same figures, "<5" included.
 */
export function BarChartFigure({ rows, series, summary, rtl, domain = [1, 5] }: BarChartFigureProps) {
  const height = Math.max(160, rows.length * (24 + 10 * series.length) + 60);
  return (
    <div className="chart" role="img" aria-label={summary} style={{ height }}>
      <ClientOnly>
        {() => (
          <Suspense fallback={null}>
            <BarChartDrawing rows={rows} series={series} summary={summary} rtl={rtl} domain={domain} height={height} />
          </Suspense>
        )}
      </ClientOnly>
    </div>
  );
}
