import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { Snippet } from './Snippet';
import { formatDate } from '~/i18n/format';

interface Row {
  id: string;
  title: string;
  status: string;
  visibility: string;
  process_part: string;
  indicator_codes: string[];
  published_at: string | null;
  pool_name: string | null;
  snippet: string;
  latest_decision: string | null;
  responses: number;
}

/** Register results: title, status, where it stands with the municipalities, and a snippet. */
export function AdviceList({ rows, names }: { rows: Row[]; names: Map<string, string> }) {
  const { t, i18n } = useTranslation();
  return (
    <ol className="advice-list">
      {rows.map((row) => (
        <li key={row.id} className="card">
          <h3>
            <Link dir="auto" to={`/advice/${row.id}`}>
              {row.title}
            </Link>
          </h3>
          <p className="advice-badges">
            <span className={`badge status-${row.status}`}>{t(`advice.status.${row.status}`)}</span>
            <span className="badge">{t(`advice.processPart.${row.process_part}`)}</span>
            {row.indicator_codes.map((code) => (
              <span key={code} className="tag">
                {names.get(code)}
              </span>
            ))}
          </p>
          <Snippet text={row.snippet} />
          <p className="meta">
            {[
              row.pool_name,
              row.published_at ? formatDate(row.published_at, i18n.language) : null,
              row.responses > 0 ? t('advice.register.responses', { count: row.responses }) : null,
              row.latest_decision
                ? t('advice.register.latest', { decision: t(`advice.decision.${row.latest_decision}`) })
                : null,
            ]
              .filter(Boolean)
              .join(' · ')}
          </p>
        </li>
      ))}
    </ol>
  );
}
