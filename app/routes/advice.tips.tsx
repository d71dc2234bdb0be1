import type { LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { INDICATOR_CODES, indicatorNames } from '~/indicators/framework';
import { goldenTipsWall } from '~/advice/overview.server';
import { listIndicators } from '~/indicators/queries.server';
import { getUser } from '~/auth/auth.server';
import { withUser } from '~/db/db.server';
import { SelectField } from '~/ui/SelectField';
import { pageTitle } from '~/ui/meta';
import { texts, textsFirst } from '~/i18n/texts';

export const meta = pageTitle('advice.tips.title');

export const handle = texts('advice');
export const clientLoader = textsFirst(handle);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const wanted = new URL(request.url).searchParams.get('indicator') ?? '';
  const indicator = INDICATOR_CODES.includes(wanted) ? wanted : undefined;
  const [tips, indicators] = await withUser(user, (tx) =>
    Promise.all([goldenTipsWall(tx, { indicator }), listIndicators(tx)]),
  );
  return json({ tips, indicators, indicator: indicator ?? '' });
}

export default function TipsWall() {
  const { t, i18n } = useTranslation();
  const { tips, indicators, indicator } = useLoaderData<typeof loader>();
  const names = indicatorNames(indicators, i18n.language);
  return (
    <article aria-labelledby="tips-title">
      <p>
        <Link to="/advice">{t('advice.detail.back')}</Link>
      </p>
      <h1 id="tips-title">{t('advice.tips.title')}</h1>
      <p className="lead">{t('advice.tips.lead')}</p>
      <Form method="get" className="inline-fields">
        <SelectField id="tips-indicator" label={t('advice.tips.filter')} name="indicator" defaultValue={indicator}>
          <option value="">{t('advice.register.any')}</option>
          {INDICATOR_CODES.map((code) => (
            <option dir="auto" key={code} value={code}>
              {names.get(code)}
            </option>
          ))}
        </SelectField>
        <button type="submit">{t('advice.tips.show')}</button>
      </Form>
      {tips.length === 0 ? (
        <p>{t('advice.tips.none')}</p>
      ) : (
        <ul className="tips-wall">
          {tips.map((tip, i) => (
            <li key={`${tip.advice_id}-${i}`}>
              <p dir="auto">{tip.tip}</p>
              <p className="meta">
                <Link to={`/advice/${tip.advice_id}`}>{t('advice.tips.from', { title: tip.title })}</Link>
              </p>
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
