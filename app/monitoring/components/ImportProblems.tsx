import { useTranslation } from 'react-i18next';
import type { ImportProblem } from '../csv-import';

/** Why a file was refused, line by line (an alert, so it is read out when it appears). */
export function ImportProblems({ fileName, problems }: { fileName: string; problems: ImportProblem[] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="import-problems-title" className="import-problems" role="alert">
      <h2 id="import-problems-title">
        {t('monitoring.import.refused', { file: fileName || '–', count: problems.length })}
      </h2>
      <ul>
        {problems.map((p, i) => (
          <li key={i}>
            {p.line > 0 ? <strong>{t('monitoring.import.line', { line: p.line })}: </strong> : null}
            {t(p.reason, p.params)}
          </li>
        ))}
      </ul>
    </section>
  );
}
