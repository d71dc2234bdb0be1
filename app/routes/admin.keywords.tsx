import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requireUser } from '~/auth/auth.server';
import { flash } from '~/auth/session.server';
import { withUser } from '~/db/db.server';
import { forbidden } from '~/http.server';
import { detectLocale } from '~/i18n/locale.server';
import { LOCALES, localeName } from '~/i18n/locales';
import { IndicatorSelect } from '~/indicators/components/IndicatorSelect';
import { listIndicatorOptions } from '~/indicators/queries.server';
import { requireId } from '~/input/params.server';
import { readForm } from '~/input/request.server';
import { getStanding } from '~/people/queries.server';
import { addKeyword, listKeywords, removeKeyword } from '~/signals/keywords.server';
import { keywordSchema } from '~/signals/schema.server';
import { Field } from '~/ui/Field';
import { SelectField } from '~/ui/SelectField';
import { parseForm } from '~/ui/forms';
import { pageTitle } from '~/ui/meta';
import { TableScroll } from '~/ui/TableScroll';
import { texts, textsFirst } from '~/i18n/texts';

export const meta = pageTitle('keywords.title');

export const handle = texts('signals');
export const clientLoader = textsFirst(handle);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const locale = await detectLocale(request);
  const data = await withUser(user, async (tx) => {
    // RLS refuses anyone else's changes; this check only keeps the page from promising them.
    if (!(await getStanding(tx, user.id)).isAdmin) throw forbidden();
    return { indicators: await listIndicatorOptions(tx, locale), keywords: await listKeywords(tx) };
  });
  return json(data);
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readForm(request);
  if (form.get('intent') === 'remove') {
    const id = requireId(String(form.get('id') ?? ''));
    await withUser(user, (tx) => removeKeyword(tx, id));
    return redirect('/admin/keywords', { headers: await flash(request, 'keywords.removed') });
  }
  const parsed = parseForm(keywordSchema, form);
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const added = await withUser(user, (tx) => addKeyword(tx, parsed.data));
  if (!added)
    return json(
      { errors: { keyword: 'keywords.duplicate' }, values: parsed.data as Record<string, string> },
      { status: 400 },
    );
  return redirect('/admin/keywords', { headers: await flash(request, 'keywords.added') });
}

export default function Keywords() {
  const { t } = useTranslation();
  const { indicators, keywords } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  return (
    <article aria-labelledby="keywords-title">
      <h1 id="keywords-title">{t('keywords.title')}</h1>
      <p>{t('keywords.intro')}</p>
      <Form method="post" noValidate className="filters">
        <IndicatorSelect
          indicators={indicators}
          id="keyword-indicator"
          label={t('signals.indicator')}
          defaultValue={data?.values.indicator}
        />
        <SelectField
          id="keyword-language"
          label={t('signals.language')}
          name="language"
          defaultValue={data?.values.language}
        >
          {LOCALES.map((code) => (
            <option dir="auto" key={code} value={code} lang={code}>
              {localeName(code)}
            </option>
          ))}
        </SelectField>
        <Field
          name="keyword"
          label={t('keywords.keyword')}
          defaultValue={data?.values.keyword}
          error={data?.errors.keyword}
          dir="auto"
        />
        <button type="submit">{t('keywords.add')}</button>
      </Form>
      <TableScroll label={t('keywords.title')}>
        <table className="results-table">
          <caption>{t('keywords.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('signals.indicator')}</th>
              {LOCALES.map((code) => (
                <th key={code} scope="col">
                  {localeName(code)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {indicators.map((i) => (
              <tr key={i.code}>
                <th dir="auto" scope="row">
                  {i.name}
                </th>
                {LOCALES.map((code) => (
                  <td key={code} lang={code}>
                    {keywords
                      .filter((k) => k.indicator_code === i.code && k.language === code)
                      .map((k) => (
                        <Form method="post" key={k.id} className="inline-form keyword">
                          <input type="hidden" name="id" value={k.id} />
                          {k.keyword}{' '}
                          <button
                            type="submit"
                            name="intent"
                            value="remove"
                            className="link-button"
                            aria-label={t('keywords.remove', { keyword: k.keyword })}
                          >
                            ×
                          </button>{' '}
                        </Form>
                      ))}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </article>
  );
}
