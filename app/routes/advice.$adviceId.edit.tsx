import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AdviceForm } from '~/advice/components/AdviceForm';
import { getAdvice, loadAdviceFormOptions, updateAdvice } from '~/advice/queries.server';
import { plainText } from '~/advice/sanitize.server';
import { adviceFormValues, parseAdviceForm } from '~/advice/schema.server';
import { requireUser } from '~/auth/auth.server';
import { flash } from '~/auth/session.server';
import { withUser } from '~/db/db.server';
import { isRefusedByPolicy } from '~/db/errors.server';
import { forbidden, notFound } from '~/http.server';
import { requireId } from '~/input/params.server';
import { readForm } from '~/input/request.server';
import { pageTitle } from '~/ui/meta';
import { texts, textsFirst } from '~/i18n/texts';

export const meta = pageTitle('advice.edit.title');

export const handle = texts('advice');
export const clientLoader = textsFirst(handle);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const adviceId = requireId(params.adviceId);
  const data = await withUser(user, async (tx) => {
    const advice = await getAdvice(tx, adviceId, user.id);
    if (!advice) throw notFound();
    // The same functions the update policies call: coordinators and admins any advice, authors their own draft.
    if (!advice.may_change_draft && !advice.manages) throw forbidden();
    return { advice, ...(await loadAdviceFormOptions(tx, [advice.pool_id], advice.addressee_ids)) };
  });
  return json({ ...data, insightText: plainText(data.advice.insight) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const adviceId = requireId(params.adviceId);
  const formData = await readForm(request);
  const parsed = parseAdviceForm(formData);
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  let ok: boolean;
  try {
    ok = await withUser(user, (tx) => updateAdvice(tx, adviceId, parsed.data));
  } catch (error) {
    // Whoever may edit the advice passes RLS's row check, so what it refused is an addressee out of reach.
    if (!isRefusedByPolicy(error)) throw error;
    const errors = { addressees: 'advice.errors.addresseeOutOfReach' };
    return json({ errors, values: adviceFormValues(formData) }, { status: 403 });
  }
  if (!ok) throw forbidden();
  return redirect(`/advice/${adviceId}`, { headers: await flash(request, 'advice.edit.saved') });
}

export default function EditAdvice() {
  const { t } = useTranslation();
  const { advice, insightText, indicators, addressees, coreIndicators } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const v = data?.values;
  const list = (value: string | undefined, fallback: string[]) =>
    value !== undefined ? value.split(',').filter(Boolean) : fallback;
  return (
    <article aria-labelledby="edit-advice-title">
      <h1 id="edit-advice-title">{t('advice.edit.title')}</h1>
      <AdviceForm
        submitLabel={t('advice.edit.submit')}
        errors={data?.errors}
        indicators={indicators}
        addressees={addressees}
        coreIndicators={coreIndicators}
        values={{
          title: v?.title ?? advice.title,
          insight: v?.insight ?? insightText,
          opportunities: v?.opportunities ?? advice.opportunities.join('\n'),
          goldenTips: v?.goldenTips ?? advice.golden_tips.join('\n'),
          indicators: list(v?.indicators, advice.indicator_codes),
          processPart: v?.processPart ?? advice.process_part,
          addressees: list(v?.addressees, advice.addressee_ids),
          coreIndicators: list(
            v?.coreIndicators,
            advice.coreIndicators.map((c) => c.id),
          ),
        }}
      />
    </article>
  );
}
