import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requireUser } from '~/auth/auth.server';
import { flash } from '~/auth/session.server';
import { config } from '~/config.server';
import { withUser } from '~/db/db.server';
import { forbidden, notFound, requireId } from '~/http.server';
import { createI18n } from '~/i18n/i18n';
import { detectLocale } from '~/i18n/locale.server';
import { mailer } from '~/mail/mailer.server';
import { createInvitation } from '~/people/invitations.server';
import { createInvitationSchema } from '~/people/schema';
import { getPool } from '~/pools/queries.server';
import { Field } from '~/ui/Field';
import { parseForm } from '~/ui/forms';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.pool.name} · Expertpool` : 'Expertpool' },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const poolId = requireId(params.poolId);
  const pool = await withUser(user, (tx) => getPool(tx, poolId, user.id));
  if (!pool) throw notFound();
  return json({ pool });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const poolId = requireId(params.poolId);
  const parsed = parseForm(createInvitationSchema, await request.formData());
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const invited = await withUser(user, async (tx) => {
    const pool = await getPool(tx, poolId, user.id);
    if (!pool) throw notFound();
    // RLS refuses the insert for anyone else; this check only gives a clear message first.
    if (pool.my_role !== 'coordinator') throw forbidden();
    const invitation = await createInvitation(tx, { ...parsed.data, poolId, invitedBy: user.id });
    return { ...invitation, poolName: pool.name };
  });
  const locale = await detectLocale(request);
  const { t } = createI18n(locale);
  await (
    await mailer()
  ).send({
    to: parsed.data.email,
    subject: t('invite.mailSubject'),
    text: t('invite.mailBody', {
      pool: invited.poolName,
      link: `${config.appUrl}/invite/${invited.token}`,
      expires: invited.expiresAt.toLocaleDateString(locale, { timeZone: 'Europe/Amsterdam', dateStyle: 'long' }),
    }),
  });
  return redirect(`/pools/${poolId}`, { headers: await flash(request, 'invite.sent') });
}

export default function PoolPage() {
  const { t } = useTranslation();
  const { pool } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  return (
    <article aria-labelledby="pool-title">
      <h1 id="pool-title">{pool.name}</h1>
      <p>
        <Link to={`/pools/${pool.id}/boards`}>{t('boards.poolLink')}</Link>
      </p>
      <dl className="facts">
        <dt>{t('pool.region')}</dt>
        <dd>{pool.region_name ?? t('dashboard.national')}</dd>
        <dt>{t('pool.status')}</dt>
        <dd>{t(`poolStatus.${pool.status}`)}</dd>
        {pool.serves.length > 0 ? (
          <>
            <dt>{t('pool.serves')}</dt>
            <dd>{pool.serves.join(', ')}</dd>
          </>
        ) : null}
      </dl>
      {pool.assignment ? (
        <section aria-labelledby="assignment-title">
          <h2 id="assignment-title">{t('pool.assignment')}</h2>
          <p>{pool.assignment}</p>
        </section>
      ) : null}
      {pool.members.length > 0 ? (
        <section aria-labelledby="members-title">
          <h2 id="members-title">{t('pool.members')}</h2>
          <ul className="member-list">
            {pool.members.map((m) => (
              <li key={m.user_id}>
                {m.display_name} <span className="meta">({t(`roles.${m.role}`)})</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {pool.my_role === 'coordinator' ? (
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
            <div className="field">
              <label htmlFor="invite-role">{t('invite.inviteRole')}</label>
              <select id="invite-role" name="role" defaultValue={data?.values.role ?? 'member'}>
                <option value="member">{t('roles.member')}</option>
                <option value="coordinator">{t('roles.coordinator')}</option>
              </select>
            </div>
            <button type="submit">{t('invite.send')}</button>
          </Form>
        </section>
      ) : null}
    </article>
  );
}
