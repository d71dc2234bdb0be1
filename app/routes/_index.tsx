import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { getUser } from '~/auth/auth.server';
import { withUser } from '~/db/db.server';
import { WhatNeedsMe } from '~/home/components/WhatNeedsMe';
import { whatNeedsMe } from '~/home/needs.server';
import { getStanding } from '~/people/queries.server';
import { PoolList } from '~/pools/components/PoolList';
import { listVisiblePools } from '~/pools/queries.server';
import { viewerTimeZone } from '~/sessions/viewer.server';
import { GlossaryTerm } from '~/ui/GlossaryTerm';
import { texts, textsFirst } from '~/i18n/texts';

export const handle = texts('advice', 'monitoring', 'people', 'signals');
export const clientLoader = textsFirst(handle);

export const meta: MetaFunction = () => [{ title: 'Expertpool' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  if (!user) return json({ dashboard: null });
  const zone = viewerTimeZone(request);
  const dashboard = await withUser(user, async (tx) => {
    const [standing, pools] = await Promise.all([getStanding(tx, user.id), listVisiblePools(tx, user.id)]);
    const needs = await whatNeedsMe(
      tx,
      user.id,
      { ...standing, readsForMunicipalities: standing.readerFor.length > 0 },
      zone,
    );
    return { name: user.name, ...standing, pools, needs, zone };
  });
  return json({ dashboard });
}

export default function Index() {
  const { dashboard } = useLoaderData<typeof loader>();
  return dashboard ? <Dashboard {...dashboard} /> : <Landing />;
}

function Landing() {
  const { t } = useTranslation();
  return (
    <article className="landing">
      <h1>{t('home.title')}</h1>
      <p className="lead">{t('home.lead')}</p>
      <p className="hint">
        {t('glossary.wordsExplained')} <GlossaryTerm term="expertpool">{t('glossary.terms.expertpool')}</GlossaryTerm>
        {' · '}
        <GlossaryTerm term="inburgering">{t('glossary.terms.inburgering')}</GlossaryTerm>
        {' · '}
        <Link to="/glossary">{t('glossary.allWords')}</Link>
      </p>
      <p>
        <Link className="button" to="/login">
          {t('home.signInCta')}
        </Link>
      </p>
      <section className="ask-callout" aria-labelledby="ask-callout-title">
        <h2 id="ask-callout-title">
          <Link to="/ask">{t('ask.homeLink')}</Link>
        </h2>
        <p>{t('ask.homeIntro')}</p>
      </section>
      <section aria-labelledby="how-title">
        <h2 id="how-title">{t('home.howTitle')}</h2>
        <ol>
          <li>{t('home.how1')}</li>
          <li>{t('home.how2')}</li>
          <li>{t('home.how3')}</li>
        </ol>
      </section>
    </article>
  );
}

type DashboardProps = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>['dashboard']>;

function Dashboard({ name, isAdmin, isCoordinator, readerFor, pools, needs, zone }: DashboardProps) {
  const { t } = useTranslation();
  return (
    <article>
      <p className="greeting">{t('dashboard.greeting', { name })}</p>
      <h1>{t('needs.pageTitle')}</h1>
      <WhatNeedsMe needs={needs} zone={zone} />
      <h2>{t('dashboard.title')}</h2>
      {isAdmin ? <p>{t('dashboard.adminNote')}</p> : null}
      {isAdmin || isCoordinator ? (
        <nav aria-label={t('people.nav.tools')} className="pool-actions">
          <Link to="/pools/new">{t('pools.new')}</Link>
          <Link to="/people">{t('people.nav.search')}</Link>
          {isAdmin ? <Link to="/admin">{t('people.nav.admin')}</Link> : null}
        </nav>
      ) : null}
      {readerFor.length > 0 ? <p>{t('dashboard.readerFor', { municipalities: readerFor.join(', ') })}</p> : null}
      {readerFor.length > 0 || isAdmin || isCoordinator ? (
        <p>
          <Link to="/monitoring" className="button secondary">
            {readerFor.length === 1
              ? t('monitoring.dashboardLink', { municipality: readerFor[0] })
              : t('monitoring.dashboardAll')}
          </Link>
        </p>
      ) : null}
      {pools.length === 0 ? <p>{t('dashboard.noPools')}</p> : <PoolList pools={pools} />}
    </article>
  );
}
