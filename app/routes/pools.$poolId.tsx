import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { addDays } from 'date-fns';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { accounts, requireUser } from '~/auth/auth.server';
import { flash } from '~/auth/session.server';
import { withUser } from '~/db/db.server';
import { notFound } from '~/http.server';
import { detectLocale } from '~/i18n/locale.server';
import { requireId } from '~/input/params.server';
import { readForm } from '~/input/request.server';
import { indicatorNames } from '~/indicators/framework';
import { listIndicators } from '~/indicators/queries.server';
import { mailInvitations } from '~/people/invitation-mail.server';
import { inviteMany } from '~/people/invitations.server';
import { createInvitationSchema } from '~/people/schema.server';
import { requirePoolManager, poolAccess } from '~/pools/access.server';
import { DiversityOverview } from '~/pools/components/DiversityOverview';
import { PeerList } from '~/pools/components/PeerList';
import { getPoolDiversity } from '~/pools/manage.server';
import { getPool, hasOtherMembers } from '~/pools/queries.server';
import { SessionList } from '~/sessions/components/SessionList';
import { flagClashes, listSessions } from '~/sessions/queries.server';
import { viewerTimeZone } from '~/sessions/viewer.server';
import { Field } from '~/ui/Field';
import { SelectField } from '~/ui/SelectField';
import { parseForm } from '~/ui/forms';
import { storedTitle } from '~/ui/meta';
import { texts, textsFirst } from '~/i18n/texts';

export const handle = texts('boards', 'people', 'questionnaires', 'sessions');
export const clientLoader = textsFirst(handle);

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? storedTitle(data.pool.name) : 'Expertpool' },
];

/** The pool page shows the next three months' sessions, the first few of them. */
const UPCOMING_DAYS = 92;
const SESSIONS_SHOWN = 4;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const poolId = requireId(params.poolId);
  const data = await withUser(user, async (tx) => {
    const pool = await getPool(tx, poolId, user.id);
    if (!pool) throw notFound();
    const access = await poolAccess(tx, poolId, user.id);
    const now = new Date();
    // Readers see no memberships, so only the pool's own people and admins are told it has no members.
    const asksForMembers = access.manages || access.myRole === 'member';
    const [diversity, indicators, sessions, othersJoined] = await Promise.all([
      // Empty for plain members: the function answers only coordinators, admins and serving readers.
      getPoolDiversity(tx, poolId),
      listIndicators(tx),
      listSessions(tx, user.id, { from: now, to: addDays(now, UPCOMING_DAYS), poolId }),
      asksForMembers ? hasOtherMembers(tx, poolId, user.id) : null,
    ]);
    return {
      pool,
      manages: access.manages,
      diversity,
      indicators,
      sessions: flagClashes(sessions),
      // What an empty pool says: the next step for those who invite, a friendly line for a first member.
      empty: othersJoined === false ? (access.manages ? ('invite' as const) : ('firstMember' as const)) : null,
    };
  });
  return json({ ...data, zone: viewerTimeZone(request) });
}

/** Invites one person from the pool page; lists, links and states live on the invitations page. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const poolId = requireId(params.poolId);
  const parsed = parseForm(createInvitationSchema, await readForm(request));
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const { pool, outcome } = await withUser(user, async (tx) => {
    const { pool } = await requirePoolManager(tx, poolId, user.id);
    const outcome = await inviteMany(tx, {
      emails: [parsed.data.email],
      poolId,
      role: parsed.data.role,
      invitedBy: user.id,
    });
    return { pool, outcome };
  });
  await mailInvitations(accounts(), await detectLocale(request), pool.name, outcome.sent);
  const message = outcome.members.length
    ? 'people.invitations.alreadyMember'
    : outcome.duplicates.length
      ? 'people.invitations.alreadyInvited'
      : 'invite.sent';
  return redirect(`/pools/${poolId}`, { headers: await flash(request, message) });
}

export default function PoolPage() {
  const { t, i18n } = useTranslation();
  const { pool, manages, diversity, indicators, sessions, empty, zone } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const names = indicatorNames(indicators, i18n.language);
  const period = [pool.starts_on, pool.ends_on].filter(Boolean).join(' – ');
  return (
    <article aria-labelledby="pool-title">
      <h1 dir="auto" id="pool-title">
        {pool.name}
      </h1>
      <p>
        <Link to={`/pools/${pool.id}/boards`}>{t('boards.poolLink')}</Link>
      </p>
      <dl className="facts">
        <dt>{t('pool.region')}</dt>
        <dd>{pool.region_name ?? t('dashboard.national')}</dd>
        <dt>{t('pool.status')}</dt>
        <dd>{t(`poolStatus.${pool.status}`)}</dd>
        {period ? (
          <>
            <dt>{t('pools.period')}</dt>
            <dd dir="auto">{period}</dd>
          </>
        ) : null}
        {pool.serves.length > 0 ? (
          <>
            <dt>{t('pool.serves')}</dt>
            <dd>{pool.serves.join(', ')}</dd>
          </>
        ) : null}
      </dl>
      {manages ? (
        <nav aria-label={t('pools.atAGlance')} className="pool-actions">
          <Link to={`/pools/${pool.id}/edit`}>{t('pools.edit')}</Link>
          <Link to={`/pools/${pool.id}/invitations`}>{t('people.invitations.manage')}</Link>
          <Link to={`/pools/${pool.id}/onboarding`}>{t('pools.onboarding.link')}</Link>
          <Link to={`/pools/${pool.id}/handover`}>{t('pools.handover.link')}</Link>
        </nav>
      ) : null}
      <section aria-labelledby="pool-sessions-title">
        <h2 id="pool-sessions-title">{t('pools.sessions.title')}</h2>
        {sessions.length === 0 ? (
          <p>{t(manages ? 'pools.sessions.noneManager' : 'pools.sessions.none')}</p>
        ) : (
          <SessionList sessions={sessions.slice(0, SESSIONS_SHOWN)} zone={zone} />
        )}
        <p className="pool-actions">
          {manages ? (
            <Link className="button" to={`/pools/${pool.id}/sessions/new`}>
              {t('pools.sessions.plan')}
            </Link>
          ) : null}
          <Link to="/sessions">{t('pools.sessions.all')}</Link>
        </p>
      </section>
      {pool.assignment ? (
        <section aria-labelledby="assignment-title">
          <h2 id="assignment-title">{t('pool.assignment')}</h2>
          <p dir="auto">{pool.assignment}</p>
        </section>
      ) : null}
      {diversity.summary ? <DiversityOverview groups={diversity} indicatorNames={names} /> : null}
      {pool.members.length > 0 || empty ? (
        <section aria-labelledby="members-title">
          <h2 id="members-title">{t('pool.members')}</h2>
          {empty === 'invite' ? (
            <div className="empty-state">
              <p>{t('pools.emptyPool.manager')}</p>
              <p>
                <Link className="button" to={`/pools/${pool.id}/invitations`}>
                  {t('pools.emptyPool.invite')}
                </Link>
              </p>
            </div>
          ) : empty === 'firstMember' ? (
            <p className="empty-state">{t('pools.emptyPool.member')}</p>
          ) : null}
          {manages || empty ? null : <p className="hint">{t('people.peers.hiddenNote')}</p>}
          {pool.members.length > 0 ? <PeerList peers={pool.members} indicatorNames={names} /> : null}
        </section>
      ) : null}
      {manages ? (
        <section aria-labelledby="invite-title">
          <h2 id="invite-title">{t('invite.create')}</h2>
          <Form method="post" noValidate className="inline-fields">
            <Field
              name="email"
              type="email"
              label={t('invite.inviteEmail')}
              defaultValue={data?.values.email}
              error={data?.errors.email}
              required
            />
            <SelectField
              id="invite-role"
              label={t('invite.inviteRole')}
              name="role"
              defaultValue={data?.values.role ?? 'member'}
            >
              <option value="member">{t('roles.member')}</option>
              <option value="coordinator">{t('roles.coordinator')}</option>
            </SelectField>
            <button type="submit">{t('invite.send')}</button>
          </Form>
        </section>
      ) : null}
    </article>
  );
}
