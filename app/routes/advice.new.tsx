import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AdviceForm } from '~/advice/components/AdviceForm';
import { createDraft, listMyPools, loadAdviceFormOptions } from '~/advice/queries.server';
import { adviceFormValues, parseAdviceForm } from '~/advice/schema.server';
import { requireUser } from '~/auth/auth.server';
import { flash } from '~/auth/session.server';
import { withUser } from '~/db/db.server';
import { isRefusedByPolicy } from '~/db/errors.server';
import { forbidden } from '~/http.server';
import { readForm } from '~/input/request.server';
import { pageTitle } from '~/ui/meta';
import { texts, textsFirst } from '~/i18n/texts';

export const meta = pageTitle('advice.new.title');

export const handle = texts('advice');
export const clientLoader = textsFirst(handle);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const data = await withUser(user, async (tx) => {
    const pools = await listMyPools(tx, user.id);
    const options = await loadAdviceFormOptions(
      tx,
      pools.map((p) => p.id),
    );
    return { pools, ...options };
  });
  if (data.pools.length === 0) throw forbidden();
  return json(data);
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await readForm(request);
  const parsed = parseAdviceForm(formData);
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const poolId = String(formData.get('poolId') ?? '');
  let id: string;
  try {
    id = await withUser(user, async (tx) => {
      // RLS only lets members draft in their own pools; this gives a clear answer first.
      const pools = await listMyPools(tx, user.id);
      if (!pools.some((p) => p.id === poolId)) throw forbidden();
      return createDraft(tx, poolId, user.id, parsed.data);
    });
  } catch (error) {
    // The member may draft here, so what RLS refused is an addressee outside the pool's reach.
    if (!isRefusedByPolicy(error)) throw error;
    const errors = { addressees: 'advice.errors.addresseeOutOfReach' };
    return json({ errors, values: adviceFormValues(formData) }, { status: 403 });
  }
  return redirect(`/advice/${id}`, { headers: await flash(request, 'advice.new.created') });
}

export default function NewAdvice() {
  const { t } = useTranslation();
  const { pools, indicators, addressees, coreIndicators } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const v = data?.values;
  return (
    <article aria-labelledby="new-advice-title">
      <h1 id="new-advice-title">{t('advice.new.title')}</h1>
      <p>{t('advice.new.intro')}</p>
      <AdviceForm
        submitLabel={t('advice.new.submit')}
        errors={data?.errors}
        pools={pools}
        indicators={indicators}
        addressees={addressees}
        coreIndicators={coreIndicators}
        values={{
          poolId: v?.poolId ?? pools[0]?.id,
          title: v?.title ?? '',
          insight: v?.insight ?? '',
          opportunities: v?.opportunities ?? '',
          goldenTips: v?.goldenTips ?? '',
          indicators: v?.indicators?.split(',').filter(Boolean) ?? [],
          processPart: v?.processPart ?? 'other',
          addressees: v?.addressees?.split(',').filter(Boolean) ?? [],
          coreIndicators: v?.coreIndicators?.split(',').filter(Boolean) ?? [],
        }}
      />
    </article>
  );
}
