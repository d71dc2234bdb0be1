import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requireUser } from '~/auth/auth.server';
import { flash } from '~/auth/session.server';
import { withUser, type Tx } from '~/db/db.server';
import { forbidden, notFound } from '~/http.server';
import { HOME_TIME_ZONE } from '~/i18n/format';
import { requireId } from '~/input/params.server';
import { readForm } from '~/input/request.server';
import { isUuid } from '~/input/fields.server';
import { getPool } from '~/pools/queries.server';
import { SessionFields } from '~/sessions/components/SessionFields';
import { canPlanFor, listPoolMembers, planSessions } from '~/sessions/queries.server';
import { planSessionSchema } from '~/sessions/schema.server';
import { Field, FormError } from '~/ui/Field';
import { parseForm } from '~/ui/forms';
import { pageTitle } from '~/ui/meta';
import { texts, textsFirst } from '~/i18n/texts';

export const meta = pageTitle('sessions.plan.title');

export const handle = texts('sessions');
export const clientLoader = textsFirst(handle);

/** The pool, if the user may plan its sessions; RLS refuses the insert anyway, this gives a clear page. */
async function requirePlannablePool(tx: Tx, poolId: string, userId: string) {
  const pool = await getPool(tx, poolId, userId);
  if (!pool) throw notFound();
  if (!(await canPlanFor(tx, poolId))) throw forbidden();
  return pool;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const poolId = requireId(params.poolId);
  return withUser(user, async (tx) => {
    const pool = await requirePlannablePool(tx, poolId, user.id);
    return json({ pool: { id: pool.id, name: pool.name }, members: await listPoolMembers(tx, poolId) });
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const poolId = requireId(params.poolId);
  const formData = await readForm(request);
  const parsed = parseForm(planSessionSchema, formData);
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const chosen = formData.getAll('invitees').filter(isUuid);
  const [first] = await withUser(user, async (tx) => {
    await requirePlannablePool(tx, poolId, user.id);
    return planSessions(tx, {
      poolId,
      createdBy: user.id,
      input: parsed.data,
      inviteeIds: parsed.data.invite === 'selected' ? chosen : undefined,
    });
  });
  // The invitations' mails go out now rather than at the runner's next poll.
  context.wakeJobRunner();
  return redirect(`/sessions/${first}`, { headers: await flash(request, 'sessions.plan.done') });
}

export default function PlanSessionPage() {
  const { t } = useTranslation();
  const { pool, members } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const values = data?.values ?? { startTime: '19:00', endTime: '21:00', languages: 'Nederlands' };
  const errors = data?.errors ?? {};
  const repeat = values.repeat ?? 'none';
  return (
    <article aria-labelledby="plan-title" className="form-page">
      <h1 id="plan-title">{t('sessions.plan.title')}</h1>
      <p>{t('sessions.plan.intro', { pool: pool.name })}</p>
      {members.length === 0 ? (
        // Whoever may plan (the pool's coordinators, admins) may invite too: the link is theirs.
        <div className="empty-state">
          <p>{t('sessions.plan.noMembers')}</p>
          <p>
            <Link to={`/pools/${pool.id}/invitations`}>{t('sessions.plan.inviteFirst')}</Link>
          </p>
        </div>
      ) : null}
      <FormError error={data ? 'errors.summary' : null} />
      <Form method="post" noValidate>
        <SessionFields values={values} errors={errors} zone={HOME_TIME_ZONE} />
        <fieldset>
          <legend>{t('sessions.plan.repeat')}</legend>
          {(['none', 'weekly', 'dates'] as const).map((option) => (
            <div className="choice" key={option}>
              <input
                type="radio"
                id={`repeat-${option}`}
                name="repeat"
                value={option}
                defaultChecked={repeat === option}
              />
              <label htmlFor={`repeat-${option}`}>
                {t(`sessions.plan.repeat${option[0]!.toUpperCase()}${option.slice(1)}`)}
              </label>
            </div>
          ))}
          <Field
            name="occurrences"
            type="number"
            min={2}
            max={12}
            inputMode="numeric"
            label={t('sessions.plan.occurrences')}
            defaultValue={values.occurrences}
            error={errors.occurrences}
          />
          <Field
            name="extraDates"
            label={t('sessions.plan.extraDates')}
            hint={t('sessions.plan.extraDatesHint')}
            defaultValue={values.extraDates}
            error={errors.extraDates}
          />
        </fieldset>
        <fieldset>
          <legend>{t('sessions.plan.invite')}</legend>
          <div className="choice">
            <input
              type="radio"
              id="invite-all"
              name="invite"
              value="all"
              defaultChecked={(values.invite ?? 'all') === 'all'}
            />
            <label htmlFor="invite-all">{t('sessions.plan.inviteAll')}</label>
          </div>
          <div className="choice">
            <input
              type="radio"
              id="invite-selected"
              name="invite"
              value="selected"
              defaultChecked={values.invite === 'selected'}
            />
            <label htmlFor="invite-selected">{t('sessions.plan.inviteSelected')}</label>
          </div>
          <ul className="checkbox-list">
            {members.map((m) => (
              <li key={m.user_id} className="choice">
                <input type="checkbox" id={`invitee-${m.user_id}`} name="invitees" value={m.user_id} />
                <label htmlFor={`invitee-${m.user_id}`}>{m.display_name}</label>
              </li>
            ))}
          </ul>
        </fieldset>
        <button type="submit">{t('sessions.plan.submit')}</button>
      </Form>
    </article>
  );
}
