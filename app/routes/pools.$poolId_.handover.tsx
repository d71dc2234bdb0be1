import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { accounts, requireUser } from '~/auth/auth.server';
import { flash } from '~/auth/session.server';
import { withUser } from '~/db/db.server';
import { isRefusedByPolicy } from '~/db/errors.server';
import { formatDate } from '~/i18n/format';
import { detectLocale } from '~/i18n/locale.server';
import { requireId } from '~/input/params.server';
import { readForm } from '~/input/request.server';
import { parseEmailList } from '~/people/email-list.server';
import { mailInvitations } from '~/people/invitation-mail.server';
import { mayAppointCoordinators, requirePoolManager } from '~/pools/access.server';
import { handOverPool, listHandoverOrganisations, listHandovers } from '~/pools/handover.server';
import { handoverSchema } from '~/pools/schema.server';
import { SelectField } from '~/ui/SelectField';
import { parseForm, type FieldErrors } from '~/ui/forms';
import { pageTitle } from '~/ui/meta';
import { texts, textsFirst } from '~/i18n/texts';

export const meta = pageTitle('pools.handover.title');

export const handle = texts('people');
export const clientLoader = textsFirst(handle);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const poolId = requireId(params.poolId);
  return json(
    await withUser(user, async (tx) => {
      const { pool } = await requirePoolManager(tx, poolId, user.id);
      const [organisations, handovers, mayAppoint] = await Promise.all([
        listHandoverOrganisations(tx),
        listHandovers(tx, poolId),
        mayAppointCoordinators(tx, poolId),
      ]);
      return { pool, organisations, handovers, mayAppoint };
    }),
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const poolId = requireId(params.poolId);
  const parsed = parseForm(handoverSchema, await readForm(request));
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const list = parseEmailList(parsed.data.staffEmails);
  if (list.valid.length === 0 || list.invalid.length > 0) {
    const errors: FieldErrors = { staffEmails: 'errors.email' };
    return json(
      { errors, values: { ...parsed.data, stayOn: parsed.data.stayOn ?? '' } as Record<string, string> },
      { status: 400 },
    );
  }
  const handedOver = await withUser(user, async (tx) => {
    const { pool } = await requirePoolManager(tx, poolId, user.id);
    const invited = await handOverPool(tx, {
      poolId,
      organisationId: parsed.data.organisationId,
      staffEmails: list.valid,
      note: parsed.data.note,
      stayOn: parsed.data.stayOn === 'on',
      by: user.id,
    });
    return { pool, invited };
  }).catch((error: unknown) => {
    // The database refused the coordinator invitations: handing over is appointing coordinators.
    if (isRefusedByPolicy(error)) return null;
    throw error;
  });
  if (!handedOver) {
    const errors: FieldErrors = { staffEmails: 'pools.members.appointedBy' };
    return json(
      { errors, values: { ...parsed.data, stayOn: parsed.data.stayOn ?? '' } as Record<string, string> },
      { status: 403 },
    );
  }
  const { pool, invited } = handedOver;
  await mailInvitations(accounts(), await detectLocale(request), pool.name, invited.sent);
  return redirect(`/pools/${poolId}`, { headers: await flash(request, 'pools.handover.done') });
}

export default function HandoverPage() {
  const { t, i18n } = useTranslation();
  const { pool, organisations, handovers, mayAppoint } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const errors: FieldErrors = data?.errors ?? {};
  const fieldError = (name: string) => errors[name];
  return (
    <article aria-labelledby="handover-title" className="narrow">
      <p>
        <Link to={`/pools/${pool.id}`}>← {pool.name}</Link>
      </p>
      <h1 id="handover-title">{t('pools.handover.title')}</h1>
      <p>{t('pools.handover.intro')}</p>
      {mayAppoint ? (
        <Form method="post" noValidate>
          <SelectField
            id="handover-organisation"
            name="organisationId"
            label={t('pools.handover.organisation')}
            defaultValue={data?.values.organisationId}
            error={fieldError('organisationId')}
          >
            {organisations.map((o) => (
              <option dir="auto" key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </SelectField>
          <div className="field">
            <label htmlFor="handover-emails">{t('pools.handover.staffEmails')}</label>
            <textarea
              id="handover-emails"
              name="staffEmails"
              rows={3}
              defaultValue={data?.values.staffEmails}
              aria-invalid={fieldError('staffEmails') ? true : undefined}
              aria-describedby={fieldError('staffEmails') ? 'handover-emails-error' : undefined}
            />
            {fieldError('staffEmails') ? (
              <p className="field-error" id="handover-emails-error">
                {t(fieldError('staffEmails')!)}
              </p>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor="handover-note">{t('pools.handover.note')}</label>
            <textarea id="handover-note" name="note" rows={3} defaultValue={data?.values.note} />
          </div>
          <label className="check">
            <input type="checkbox" name="stayOn" defaultChecked /> {t('pools.handover.stayOn')}
          </label>
          <button type="submit">{t('pools.handover.submit')}</button>
        </Form>
      ) : (
        <p>{t('pools.members.appointedBy')}</p>
      )}
      {handovers.length > 0 ? (
        <section aria-labelledby="handover-history">
          <h2 id="handover-history">{t('pools.handover.history')}</h2>
          <ul>
            {handovers.map((h) => (
              <li key={h.id}>
                {t('pools.handover.record', {
                  date: formatDate(h.created_at, i18n.language, 'long'),
                  organisation: h.organisation,
                })}
                {h.note ? (
                  <p dir="auto" className="meta">
                    {h.note}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </article>
  );
}
