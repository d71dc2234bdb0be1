import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { listDataSources, removeDataSource, saveDataSource } from '~/advice/data-sources.server';
import { requireUser } from '~/auth/auth.server';
import { flash } from '~/auth/session.server';
import { withUser } from '~/db/db.server';
import { forbidden, notFound } from '~/http.server';
import { readForm } from '~/input/request.server';
import { requireMonitoring } from '~/monitoring/access.server';
import { DataSourceList } from '~/monitoring/components/DataSourceList';
import { removeSourceSchema, sourceSchema } from '~/monitoring/schema.server';
import { parseForm, type FieldErrors } from '~/ui/forms';
import { storedTitle } from '~/ui/meta';
import { useSavedKey } from '~/ui/useSavedKey';
import { texts, textsFirst } from '~/i18n/texts';

export const handle = texts('monitoring');
export const clientLoader = textsFirst(handle);

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? storedTitle(data.municipality.name, 'Monitoring') : 'Expertpool' },
];

/**
 * The municipality's own list of data sources, kept by its region's coordinators and admins, read by
 * whoever reads its monitoring. A page of its own: the monitoring page names each core indicator's source
 * and is at its JavaScript budget.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const access = await requireMonitoring(user, params.municipalityId, 'read');
  const sources = await withUser(user, (tx) => listDataSources(tx, access.id));
  return json({ municipality: access, sources });
}

type ActionData = { errors: FieldErrors; values: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readForm(request);
  const access = await requireMonitoring(user, params.municipalityId, 'read');
  if (!access.keepsTree) throw forbidden();
  const back = `/monitoring/${access.id}/sources`;
  const intent = String(form.get('intent') ?? '');
  if (intent === 'source') {
    const parsed = parseForm(sourceSchema, form);
    if (!parsed.ok) return json<ActionData>({ errors: parsed.errors, values: parsed.values }, { status: 400 });
    await withUser(user, (tx) => saveDataSource(tx, access.id, parsed.data.name, parsed.data.kind));
    return redirect(back, { headers: await flash(request, 'monitoring.flash.sourceSaved') });
  }
  if (intent === 'remove-source') {
    const parsed = parseForm(removeSourceSchema, form);
    if (!parsed.ok) throw notFound();
    const removed = await withUser(user, (tx) => removeDataSource(tx, parsed.data.sourceId, access.id));
    if (!removed) throw notFound();
    return redirect(back, { headers: await flash(request, 'monitoring.flash.sourceRemoved') });
  }
  throw notFound();
}

export default function DataSourcesPage() {
  const { t } = useTranslation();
  const { municipality, sources } = useLoaderData<typeof loader>();
  const savedKey = useSavedKey();
  const refused = useActionData<typeof action>() as ActionData | undefined;
  const busy = useNavigation().state === 'submitting';
  return (
    <article aria-labelledby="sources-page-title">
      <p className="no-print">
        <Link to={`/monitoring/${municipality.id}`}>{t('monitoring.title', { municipality: municipality.name })}</Link>
      </p>
      <h1 id="sources-page-title">{t('monitoring.sources.pageTitle', { municipality: municipality.name })}</h1>
      <DataSourceList
        key={savedKey}
        sources={sources}
        keeps={municipality.keepsTree}
        refused={refused && 'errors' in refused ? refused : null}
        busy={busy}
      />
    </article>
  );
}
