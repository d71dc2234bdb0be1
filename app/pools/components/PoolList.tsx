import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

interface PoolSummary {
  id: string;
  name: string;
  status: string;
  region_name: string | null;
  my_role: string | null;
  member_count: number | null;
}

export function PoolList({ pools }: { pools: PoolSummary[] }) {
  const { t } = useTranslation();
  return (
    <ul className="card-list">
      {pools.map((pool) => (
        <li key={pool.id} className="card">
          <h3>
            <Link dir="auto" to={`/pools/${pool.id}`}>
              {pool.name}
            </Link>
          </h3>
          <p className="meta">
            {pool.region_name ?? t('dashboard.national')} · {t(`poolStatus.${pool.status}`)}
            {pool.member_count !== null ? <> · {t('dashboard.members', { count: pool.member_count })}</> : null}
          </p>
          {pool.my_role ? <p>{t('dashboard.yourRole', { role: t(`roles.${pool.my_role}`) })}</p> : null}
        </li>
      ))}
    </ul>
  );
}
