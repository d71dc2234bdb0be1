import type { LoaderFunctionArgs } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requireUser } from '~/auth/auth.server';
import { withUser } from '~/db/db.server';
import { listMonitoredMunicipalities } from '~/monitoring/queries.server';
import { pageTitle } from '~/ui/meta';
import { texts, textsFirst } from '~/i18n/texts';

export const meta = pageTitle('monitoring.index.title');

export const handle = texts('monitoring');
export const clientLoader = textsFirst(handle);

/** Which municipality to monitor: a reader of one goes straight there; others choose. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const municipalities = await withUser(user, (tx) => listMonitoredMunicipalities(tx));
  if (municipalities.length === 1) return redirect(`/monitoring/${municipalities[0]!.id}`);
  return json({ municipalities });
}

export default function MonitoringIndex() {
  const { t } = useTranslation();
  const { municipalities } = useLoaderData<typeof loader>();
  const withTree = municipalities.filter((m) => m.has_tree);
  const without = municipalities.filter((m) => !m.has_tree);
  return (
    <article aria-labelledby="monitoring-index-title">
      <h1 id="monitoring-index-title">{t('monitoring.index.title')}</h1>
      <p>{t('monitoring.index.lead')}</p>
      {municipalities.length === 0 ? <p role="status">{t('monitoring.index.none')}</p> : null}
      {withTree.length > 0 ? (
        <ul className="monitoring-municipalities">
          {withTree.map((m) => (
            <li key={m.id}>
              <Link dir="auto" to={`/monitoring/${m.id}`}>
                {m.name}
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
      {without.length > 0 ? (
        <details>
          <summary>{t('monitoring.index.withoutTree', { count: without.length })}</summary>
          <ul className="monitoring-municipalities">
            {without.map((m) => (
              <li key={m.id}>
                <Link dir="auto" to={`/monitoring/${m.id}`}>
                  {m.name}
                </Link>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </article>
  );
}
