import { useTranslation } from 'react-i18next';
import { HiddenCell, HiddenFiguresNote, hiddenLabel } from '~/ui/HiddenFigure';
import type { DiversityGroup } from '../manage.server';

type Groups = Record<string, DiversityGroup[]>;

const HIDDEN_NOTE = 'diversity-hidden-note';

const DIMENSIONS = ['municipality', 'years_in_nl', 'language', 'theme', 'route'] as const;

/**
 * The pool's make-up as the database computed it: counts per group, "<5" for small groups and "hidden"
 * where a count would let a small group be worked out from the others.
 */
export function DiversityOverview({
  groups,
  indicatorNames,
}: {
  groups: Groups;
  indicatorNames: ReadonlyMap<string, string>;
}) {
  const { t } = useTranslation();
  const label = (dimension: string, bucket: string) => {
    if (bucket === 'unknown') return t('pools.diversity.unknown');
    if (dimension === 'years_in_nl') return t(`pools.diversity.years.${bucket}`);
    if (dimension === 'language') return t(`people.languageNames.${bucket}`, { defaultValue: bucket });
    if (dimension === 'theme') return indicatorNames.get(bucket) ?? bucket;
    if (dimension === 'route') return t(`people.routes.${bucket}`);
    return bucket;
  };
  const summary = Object.fromEntries((groups.summary ?? []).map((g) => [g.bucket, g]));
  const fact = (group: DiversityGroup | undefined) =>
    group?.hidden ? (
      <dd aria-describedby={HIDDEN_NOTE}>{hiddenLabel(t, group.hidden)}</dd>
    ) : (
      <dd>{group?.people ?? 0}</dd>
    );
  return (
    <section aria-labelledby="diversity-title" className="diversity">
      <h2 id="diversity-title">{t('pools.diversity.title')}</h2>
      <p className="hint">{t('pools.diversity.intro')}</p>
      <HiddenFiguresNote id={HIDDEN_NOTE} />
      <dl className="facts">
        <dt>{t('pools.diversity.members')}</dt>
        {fact(summary.members)}
        <dt>{t('pools.diversity.active_90_days')}</dt>
        {fact(groups.activity?.[0])}
        <dt>{t('pools.diversity.municipalities_covered')}</dt>
        {fact(summary.municipalities_covered)}
      </dl>
      <div className="diversity-grid">
        {DIMENSIONS.filter((d) => groups[d]?.length).map((dimension) => (
          <table key={dimension} className="data-table">
            <caption>{t(`pools.diversity.${dimension}`)}</caption>
            <thead>
              <tr>
                <th scope="col">{t('pools.diversity.group')}</th>
                <th scope="col">{t('pools.diversity.people')}</th>
              </tr>
            </thead>
            <tbody>
              {groups[dimension]!.map((row) => (
                <tr key={row.bucket}>
                  <th scope="row" dir="auto">
                    {label(dimension, row.bucket)}
                  </th>
                  {row.hidden ? <HiddenCell hidden={row.hidden} noteId={HIDDEN_NOTE} /> : <td>{row.people}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </div>
    </section>
  );
}
