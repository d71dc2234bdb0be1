import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { indicatorNames } from '~/indicators/framework';
import { indicatorTextSchema } from '~/indicators/schema.server';
import { listIndicatorTexts, updateIndicatorTexts } from '~/indicators/queries.server';
import { requireUser } from '~/auth/auth.server';
import { flash } from '~/auth/session.server';
import { withUser } from '~/db/db.server';
import { forbidden } from '~/http.server';
import { readForm } from '~/input/request.server';
import { getStanding } from '~/people/queries.server';
import { Field } from '~/ui/Field';
import { parseForm } from '~/ui/forms';
import { pageTitle } from '~/ui/meta';
import { TextAreaField } from '~/ui/TextAreaField';
import { texts, textsFirst } from '~/i18n/texts';

export const meta = pageTitle('advice.indicators.title');

export const handle = texts('advice');
export const clientLoader = textsFirst(handle);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const data = await withUser(user, async (tx) => {
    const standing = await getStanding(tx, user.id);
    if (!standing.isAdmin) throw forbidden();
    return { indicators: await listIndicatorTexts(tx) };
  });
  return json(data);
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = parseForm(indicatorTextSchema, await readForm(request));
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const { code, ...texts } = parsed.data;
  // RLS lets only admins change indicator texts; zero rows changed means someone else tried.
  const ok = await withUser(user, (tx) => updateIndicatorTexts(tx, code, texts));
  if (!ok) throw forbidden();
  return redirect('/admin/indicators', { headers: await flash(request, 'advice.indicators.saved') });
}

export default function IndicatorTexts() {
  const { t, i18n } = useTranslation();
  const { indicators } = useLoaderData<typeof loader>();
  const names = indicatorNames(indicators, i18n.language);
  return (
    <article aria-labelledby="indicators-title" className="indicator-admin">
      <h1 id="indicators-title">{t('advice.indicators.title')}</h1>
      <p>{t('advice.indicators.lead')}</p>
      {indicators.map((ind) => (
        <details key={ind.code}>
          <summary>
            {names.get(ind.code)} <span className="meta">({t(`advice.domain.${ind.domain}`)})</span>
          </summary>
          <Form method="post" noValidate>
            <input type="hidden" name="code" value={ind.code} />
            <Field
              id={`${ind.code}-name_nl`}
              name="name_nl"
              label={t('advice.indicators.nameNl')}
              defaultValue={ind.name_nl}
            />
            <Field
              id={`${ind.code}-name_en`}
              name="name_en"
              label={t('advice.indicators.nameEn')}
              defaultValue={ind.name_en}
            />
            <Field
              id={`${ind.code}-name_ar`}
              name="name_ar"
              label={t('advice.indicators.nameAr')}
              defaultValue={ind.name_ar}
              lang="ar"
              dir="rtl"
            />
            <TextAreaField
              id={`${ind.code}-description_nl`}
              name="description_nl"
              label={t('advice.indicators.descriptionNl')}
              defaultValue={ind.description_nl}
              rows={2}
            />
            <TextAreaField
              id={`${ind.code}-description_en`}
              name="description_en"
              label={t('advice.indicators.descriptionEn')}
              defaultValue={ind.description_en}
              rows={2}
            />
            <TextAreaField
              id={`${ind.code}-description_ar`}
              name="description_ar"
              label={t('advice.indicators.descriptionAr')}
              defaultValue={ind.description_ar}
              rows={2}
            />
            <button type="submit">{t('advice.indicators.save')}</button>
          </Form>
        </details>
      ))}
    </article>
  );
}
