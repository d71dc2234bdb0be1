import { Link } from '@remix-run/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SerializeFrom } from '@remix-run/node';
import { SessionWhen } from '~/sessions/components/SessionTime';
import { formatDate } from '~/i18n/format';
import { useLocale } from '~/i18n/useLocale';
import type { Needs } from '../needs.server';

type Shown = SerializeFrom<Needs>;
interface ListedItems<T> {
  items: T[];
  total: number;
  atLeast: boolean;
}

/**
 * One list on the home page: a heading with how many, the first few items, and a link to the rest.
 * An empty list is left out; the page says once what to do when nothing waits at all.
 */
function NeedList<T extends { id: string }>({
  id,
  title,
  list,
  more,
  render,
}: {
  id: string;
  title: string;
  list: ListedItems<T>;
  more?: { to: string; label: string };
  render: (item: T) => ReactNode;
}) {
  const { t } = useTranslation();
  if (list.total === 0) return null;
  return (
    <section className="needs" aria-labelledby={`needs-${id}`}>
      <h2 id={`needs-${id}`}>
        {title} <span className="count">({list.atLeast ? t('needs.atLeast', { n: list.total }) : list.total})</span>
      </h2>
      <ul className="needs-list">
        {list.items.map((item) => (
          <li key={item.id}>{render(item)}</li>
        ))}
      </ul>
      {more && (list.atLeast || list.total > list.items.length) ? (
        <p>
          <Link to={more.to}>
            {list.atLeast
              ? t('needs.moreAll', { what: more.label })
              : t('needs.more', { count: list.total - list.items.length, what: more.label })}
          </Link>
        </p>
      ) : null}
    </section>
  );
}

/** Everything that waits for this person, by role, each item a link to where it is done. */
export function WhatNeedsMe({ needs, zone }: { needs: Shown; zone: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { member, coordinator, reader } = needs;
  const lists = [
    member.today,
    member.toAnswer,
    member.inReview,
    member.responses,
    ...(coordinator ? Object.values(coordinator) : []),
    ...(reader ? Object.values(reader) : []),
  ];
  if (lists.every((list) => list.total === 0)) {
    return (
      <section className="needs" aria-labelledby="needs-none">
        <h2 id="needs-none">{t('needs.title')}</h2>
        <p>{t(coordinator ? 'needs.noneCoordinator' : reader ? 'needs.noneReader' : 'needs.noneMember')}</p>
        <p className="pool-actions">
          <Link to="/sessions">{t('needs.goSessions')}</Link>
          <Link to="/advice">{t('needs.goAdvice')}</Link>
        </p>
      </section>
    );
  }
  return (
    <div className="needs-overview">
      <NeedList
        id="today"
        title={t('needs.today')}
        list={member.today}
        render={(s) => (
          <>
            <Link to={`/sessions/${s.id}`} dir="auto">
              {s.title}
            </Link>{' '}
            · <SessionWhen start={s.starts_at} end={s.ends_at} zone={zone} /> · <bdi>{s.pool}</bdi>
            {s.board_id ? (
              <>
                {' '}
                · <Link to={`/boards/${s.board_id}`}>{t('needs.openBoard')}</Link>
              </>
            ) : null}
            {s.online_url ? (
              <>
                {' '}
                ·{' '}
                <a href={s.online_url} rel="noopener noreferrer">
                  {t('needs.joinMeeting')}
                </a>
              </>
            ) : s.location ? (
              <> · {s.location}</>
            ) : null}
          </>
        )}
      />
      <NeedList
        id="answer"
        title={t('needs.toAnswer')}
        list={member.toAnswer}
        more={{ to: '/sessions', label: t('needs.sessions') }}
        render={(s) => (
          <>
            <Link to={`/sessions/${s.id}`} dir="auto">
              {s.title}
            </Link>{' '}
            · <SessionWhen start={s.starts_at} end={s.ends_at} zone={zone} /> · <bdi>{s.pool}</bdi>
            {s.rsvp_deadline ? <> · {t('needs.answerBefore', { date: formatDate(s.rsvp_deadline, locale) })}</> : null}
          </>
        )}
      />
      <NeedList
        id="review"
        title={coordinator ? t('needs.reviewsToFinish') : t('needs.inReview')}
        list={member.inReview}
        more={{ to: '/advice?status=in_review&sort=oldest', label: t('needs.inReviewMore') }}
        render={(a) => (
          <>
            <Link to={`/advice/${a.id}`} dir="auto">
              {a.title}
            </Link>{' '}
            · <bdi>{a.pool}</bdi>
          </>
        )}
      />
      <NeedList
        id="responses"
        title={t('needs.responses')}
        list={member.responses}
        render={(r) => (
          <>
            <Link to={`/advice/${r.advice_id}`} dir="auto">
              {r.title}
            </Link>{' '}
            · {t('needs.respondedBy', { municipality: r.municipality, decision: t(`advice.decision.${r.decision}`) })} ·{' '}
            {formatDate(r.created_at, locale)}
          </>
        )}
      />
      {coordinator ? (
        <>
          <NeedList
            id="attendance"
            title={t('needs.attendance')}
            list={coordinator.attendance}
            render={(s) => (
              <>
                <Link to={`/sessions/${s.id}`} dir="auto">
                  {s.title}
                </Link>{' '}
                · <SessionWhen start={s.starts_at} end={s.ends_at} zone={zone} /> · <bdi>{s.pool}</bdi>
              </>
            )}
          />
          <NeedList
            id="unanswered"
            title={t('needs.unanswered')}
            list={coordinator.unanswered}
            render={(s) => (
              <>
                <Link to={`/sessions/${s.id}`} dir="auto">
                  {s.title}
                </Link>{' '}
                · <SessionWhen start={s.starts_at} end={s.ends_at} zone={zone} /> ·{' '}
                {t('needs.notAnswered', { count: s.unanswered })}
              </>
            )}
          />
          <NeedList
            id="signals"
            title={t('needs.signals')}
            list={coordinator.signals}
            more={{ to: '/signals?status=new', label: t('needs.signalsMore') }}
            render={(s) => (
              <>
                <Link to={`/signals/${s.id}`} dir="auto">
                  {s.reference}
                </Link>{' '}
                · {formatDate(s.received_on, locale)} · <bdi>{s.excerpt}</bdi>
              </>
            )}
          />
          <NeedList
            id="overdue"
            title={t('needs.overdue')}
            list={coordinator.overdue}
            more={{ to: '/advice?status=published&sort=oldest', label: t('needs.publishedMore') }}
            render={(a) => (
              <>
                <Link to={`/advice/${a.id}`} dir="auto">
                  {a.title}
                </Link>{' '}
                · <bdi>{a.pool}</bdi> · {t('needs.daysWaiting', { count: a.days_waiting })}
              </>
            )}
          />
          <NeedList
            id="invitations"
            title={t('needs.invitations')}
            list={coordinator.invitations}
            render={(v) => (
              <>
                <Link to={`/pools/${v.pool_id}/invitations`} dir="auto">
                  {v.email}
                </Link>{' '}
                · <bdi>{v.pool}</bdi> · {t('needs.invitedOn', { date: formatDate(v.created_at, locale) })}
              </>
            )}
          />
        </>
      ) : null}
      {reader ? (
        <>
          <NeedList
            id="awaiting"
            title={t('needs.awaiting')}
            list={reader.awaiting}
            more={{ to: '/advice?sort=oldest', label: t('needs.register') }}
            render={(a) => (
              <>
                <Link to={`/advice/${a.advice_id}`} dir="auto">
                  {a.title}
                </Link>{' '}
                · <bdi>{a.municipality}</bdi> · {t('needs.daysWaiting', { count: a.days_waiting })}
              </>
            )}
          />
          <NeedList
            id="fresh"
            title={t('needs.fresh')}
            list={reader.fresh}
            more={{ to: '/advice', label: t('needs.register') }}
            render={(a) => (
              <>
                <Link to={`/advice/${a.advice_id}`} dir="auto">
                  {a.title}
                </Link>{' '}
                · <bdi>{a.municipality}</bdi> · {formatDate(a.published_at, locale)}
              </>
            )}
          />
        </>
      ) : null}
    </div>
  );
}
