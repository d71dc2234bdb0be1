import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requireUser } from '~/auth/auth.server';
import { flash } from '~/auth/session.server';
import { withUser } from '~/db/db.server';
import { formatDate } from '~/i18n/format';
import { requireId } from '~/input/params.server';
import { readForm } from '~/input/request.server';
import { requirePoolManager } from '~/pools/access.server';
import { getOnboarding, recordStep, undoStep } from '~/pools/onboarding.server';
import { ONBOARDING_STEPS } from '~/pools/options';
import { onboardingSchema } from '~/pools/schema.server';
import { parseForm } from '~/ui/forms';
import { pageTitle } from '~/ui/meta';
import { TableScroll } from '~/ui/TableScroll';
import { texts, textsFirst } from '~/i18n/texts';

export const meta = pageTitle('pools.onboarding.title');

export const handle = texts('people');
export const clientLoader = textsFirst(handle);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const poolId = requireId(params.poolId);
  return json(
    await withUser(user, async (tx) => {
      const { pool } = await requirePoolManager(tx, poolId, user.id);
      return { pool, members: await getOnboarding(tx, poolId), today: new Date().toISOString().slice(0, 10) };
    }),
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const poolId = requireId(params.poolId);
  const parsed = parseForm(onboardingSchema, await readForm(request));
  const back = async (key: string) => redirect(`/pools/${poolId}/onboarding`, { headers: await flash(request, key) });
  if (!parsed.ok) return back('people.errors.consentForm');
  const input = parsed.data;
  await withUser(user, async (tx) => {
    await requirePoolManager(tx, poolId, user.id);
    if (input.intent === 'done') await recordStep(tx, { poolId, ...input, recordedBy: user.id });
    else await undoStep(tx, { poolId, ...input });
  });
  return back(input.intent === 'done' ? 'pools.onboarding.recorded' : 'pools.onboarding.undone');
}

export default function OnboardingPage() {
  const { t, i18n } = useTranslation();
  const { pool, members, today } = useLoaderData<typeof loader>();
  const date = (iso: string) => formatDate(iso, i18n.language);
  return (
    <article aria-labelledby="onboarding-title">
      <p>
        <Link to={`/pools/${pool.id}`}>← {pool.name}</Link>
      </p>
      <h1 id="onboarding-title">{t('pools.onboarding.title')}</h1>
      <p>{t('pools.onboarding.intro')}</p>
      {members.length === 0 ? (
        // Only the pool's coordinators and admins reach this page, and they are the ones who invite.
        <div className="empty-state">
          <p>{t('pools.onboarding.empty')}</p>
          <p>
            <Link className="button" to={`/pools/${pool.id}/invitations`}>
              {t('pools.emptyPool.invite')}
            </Link>
          </p>
        </div>
      ) : (
        <TableScroll label={t('pools.onboarding.title')}>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('pools.onboarding.member')}</th>
                <th scope="col">{t('pools.onboarding.joined')}</th>
                {ONBOARDING_STEPS.slice(0, 3).map((step) => (
                  <th scope="col" key={step}>
                    {t(`pools.onboarding.steps.${step}`)}
                  </th>
                ))}
                <th scope="col">{t('pools.onboarding.steps.consent')}</th>
                <th scope="col">{t('pools.onboarding.steps.first_session')}</th>
              </tr>
            </thead>
            <tbody>
              {members.map((m) => {
                const cell = (step: (typeof ONBOARDING_STEPS)[number]) => {
                  const label = t(`pools.onboarding.steps.${step}`);
                  const done = m.done[step];
                  return (
                    <td key={step}>
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="userId" value={m.user_id} />
                        <input type="hidden" name="step" value={step} />
                        {done ? (
                          <>
                            {date(done)}{' '}
                            <button
                              type="submit"
                              name="intent"
                              value="undo"
                              className="link-button"
                              aria-label={t('pools.onboarding.undo', { step: label, name: m.display_name })}
                            >
                              ✕
                            </button>
                          </>
                        ) : (
                          <>
                            <input type="hidden" name="doneOn" value={today} />
                            <button
                              type="submit"
                              name="intent"
                              value="done"
                              className="secondary"
                              aria-label={t('pools.onboarding.markDone', { step: label, name: m.display_name })}
                            >
                              ✓
                            </button>
                          </>
                        )}
                      </Form>
                    </td>
                  );
                };
                return (
                  <tr key={m.user_id}>
                    <th scope="row">
                      {m.display_name}{' '}
                      {m.stuck ? (
                        <span className="stuck">({t('pools.onboarding.stuck')})</span>
                      ) : m.complete ? (
                        <span className="meta">({t('pools.onboarding.allDone')})</span>
                      ) : null}
                    </th>
                    <td>{date(m.joined_at)}</td>
                    {ONBOARDING_STEPS.slice(0, 3).map(cell)}
                    <td>{m.consent ? t('pools.onboarding.yes') : t('pools.onboarding.no')}</td>
                    {cell('first_session')}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
    </article>
  );
}
