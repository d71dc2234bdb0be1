import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { SessionResponse, SessionStatus } from '~/db/types';
import { SessionWhen } from './SessionTime';

export interface SessionSummary {
  id: string;
  title: string;
  pool_name: string;
  starts_at: string;
  ends_at: string;
  status: SessionStatus;
  detailed: boolean;
  online_url: string | null;
  location: string | null;
  capacity: number | null;
  yes: number | null;
  my_response: SessionResponse | null;
  my_role: string | null;
  clashes: boolean;
}

/** Sessions as cards that read well on a phone: what, when, where, and the viewer's own answer. */
export function SessionList({ sessions, zone }: { sessions: SessionSummary[]; zone: string }) {
  const { t } = useTranslation();
  if (sessions.length === 0) return <p>{t('sessions.none')}</p>;
  return (
    <ul className="session-list">
      {sessions.map((s) => (
        <li key={s.id} className={`card session-card${s.status === 'cancelled' ? ' is-cancelled' : ''}`}>
          <h3>
            {/* bdi: a Dutch title keeps its punctuation in place on an Arabic page. */}
            <bdi>
              {s.detailed ? (
                <Link dir="auto" to={`/sessions/${s.id}`}>
                  {s.title}
                </Link>
              ) : (
                s.title
              )}
            </bdi>
          </h3>
          <p className="session-when">
            <SessionWhen start={s.starts_at} end={s.ends_at} zone={zone} />
          </p>
          <p className="meta">
            {s.pool_name}
            {s.detailed ? <> · {s.online_url ? t('sessions.online') : s.location}</> : null}
          </p>
          <SessionBadges session={s} />
          {!s.detailed ? <p className="meta">{t('sessions.titleOnly')}</p> : null}
        </li>
      ))}
    </ul>
  );
}

/** Cancelled, full, clashing and "your answer": in words, never by colour alone. */
export function SessionBadges({ session: s }: { session: SessionSummary }) {
  const { t } = useTranslation();
  const full = s.capacity !== null && (s.yes ?? 0) >= s.capacity;
  return (
    <p className="badges">
      {s.status === 'cancelled' ? <span className="badge badge-danger">{t('sessions.cancelled')}</span> : null}
      {s.status === 'scheduled' && full ? <span className="badge">{t('sessions.full')}</span> : null}
      {s.clashes ? <span className="badge badge-warning">{t('sessions.clash')}</span> : null}
      {s.detailed && s.my_role === 'member' ? (
        <span className="badge badge-answer">
          {t('sessions.myAnswer', { answer: t(`sessions.answers.${s.my_response ?? 'none'}`) })}
        </span>
      ) : null}
    </p>
  );
}
