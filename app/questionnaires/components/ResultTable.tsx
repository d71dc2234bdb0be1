import { useTranslation } from 'react-i18next';
import { formatScore } from '~/i18n/format';
import { useLocale } from '~/i18n/useLocale';
import { HiddenCell, type Hidden } from '~/ui/HiddenFigure';
import { TableScroll } from '~/ui/TableScroll';

export interface ResultCell {
  respondents: number | null;
  mean: number | null;
  hidden: Hidden | null;
}

interface Props {
  caption: string;
  rowHeader: string;
  columns: { key: string; name: string }[];
  rows: { key: string; label: string; cells: Record<string, ResultCell | undefined> }[];
  /** The note that explains hidden figures. */
  hiddenNoteId: string;
}

/**
 * The accessible twin of a chart: every figure, "<5" where a group is too small to show, and "hidden"
 * where showing it would let a small group be worked out.
 */
export function ResultTable({ caption, rowHeader, columns, rows, hiddenNoteId }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const score = (mean: number | null) => (mean === null ? '' : formatScore(mean, locale));
  const single = columns.length === 1;
  return (
    <TableScroll label={caption}>
      <table className="results-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th dir="auto" scope="col">
              {rowHeader}
            </th>
            {columns.map((c) =>
              single ? (
                <th key={c.key} scope="col" colSpan={2}>
                  {t('results.mean')} · {t('results.respondents')}
                </th>
              ) : (
                <th key={c.key} scope="col" dir="auto">
                  {c.name}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th dir="auto" scope="row">
                {row.label}
              </th>
              {columns.map((c) => {
                const cell = row.cells[c.key];
                if (!cell)
                  return (
                    <td key={c.key} colSpan={single ? 2 : 1}>
                      –
                    </td>
                  );
                if (cell.hidden) {
                  return <HiddenCell key={c.key} hidden={cell.hidden} noteId={hiddenNoteId} colSpan={single ? 2 : 1} />;
                }
                return single ? (
                  [<td key={`${c.key}-mean`}>{score(cell.mean)}</td>, <td key={`${c.key}-n`}>{cell.respondents}</td>]
                ) : (
                  <td key={c.key}>
                    {score(cell.mean)}{' '}
                    <span className="meta" dir="ltr">
                      (n={cell.respondents})
                    </span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
