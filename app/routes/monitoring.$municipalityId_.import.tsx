import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requireUser } from '~/auth/auth.server';
import { flash } from '~/auth/session.server';
import { withUser } from '~/db/db.server';
import { formatDate } from '~/i18n/format';
import { requireMonitoring } from '~/monitoring/access.server';
import { ImportProblems } from '~/monitoring/components/ImportProblems';
import type { ImportProblem } from '~/monitoring/csv-import';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from '~/monitoring/limits';
import { readCsvUpload } from '~/monitoring/import-upload.server';
import { importCsv, listCoreIndicators, listImports } from '~/monitoring/queries.server';
import { storedTitle } from '~/ui/meta';
import { TableScroll } from '~/ui/TableScroll';
import { texts, textsFirst } from '~/i18n/texts';

export const handle = texts('monitoring');
export const clientLoader = textsFirst(handle);

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? storedTitle(data.municipality.name, 'Import') : 'Expertpool' },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const municipality = await requireMonitoring(user, params.municipalityId, 'write');
  const [cores, imports] = await withUser(user, (tx) =>
    Promise.all([listCoreIndicators(tx, municipality.id), listImports(tx, municipality.id)]),
  );
  return json({ municipality, cores, imports });
}

type ActionData = { fileName: string; problems: ImportProblem[] };

/** All or nothing: every row is checked first; one bad row and nothing is stored, each bad row is named. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const municipality = await requireMonitoring(user, params.municipalityId, 'write');
  const upload = await readCsvUpload(request);
  if (!upload.ok) {
    return json<ActionData>(
      { fileName: upload.fileName, problems: [{ line: 0, reason: `monitoring.import.problems.${upload.problem}` }] },
      { status: 400 },
    );
  }
  // In the request's one transaction: a bad row stores nothing, and so does a refusal by the database.
  const outcome = await withUser(user, (tx) => importCsv(tx, municipality.id, upload.fileName, upload.text));
  if (!outcome.ok) return json<ActionData>({ fileName: upload.fileName, problems: outcome.problems }, { status: 400 });
  return redirect(`/monitoring/${municipality.id}/import`, {
    headers: await flash(request, 'monitoring.flash.imported'),
  });
}

export default function MonitoringImport() {
  const { t, i18n } = useTranslation();
  const { municipality, cores, imports } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>() as ActionData | undefined;
  const busy = useNavigation().state === 'submitting';
  return (
    <article aria-labelledby="import-title" className="monitoring-import">
      <p>
        <Link to={`/monitoring/${municipality.id}`}>
          ← {t('monitoring.title', { municipality: municipality.name })}
        </Link>
      </p>
      <h1 id="import-title">{t('monitoring.import.title', { municipality: municipality.name })}</h1>
      <p>{t('monitoring.import.lead')}</p>
      <ul>
        <li>{t('monitoring.import.columns')}</li>
        <li>{t('monitoring.import.columnsManagement')}</li>
        <li>{t('monitoring.import.kinds')}</li>
        <li>{t('monitoring.import.periods')}</li>
        <li>{t('monitoring.import.numbers')}</li>
        <li>{t('monitoring.import.replace')}</li>
        <li>{t('monitoring.import.limits', { kb: MAX_IMPORT_BYTES / 1024, rows: MAX_IMPORT_ROWS })}</li>
      </ul>
      <p>
        <a href={`/monitoring/${municipality.id}/template.csv`} download>
          {t('monitoring.import.template')}
        </a>
      </p>

      {failed ? <ImportProblems fileName={failed.fileName} problems={failed.problems} /> : null}

      <Form method="post" encType="multipart/form-data" className="import-form">
        <div className="field">
          <label htmlFor="import-file">{t('monitoring.import.file')}</label>
          <p className="hint" id="import-file-hint">
            {t('monitoring.import.fileHint')}
          </p>
          <input
            id="import-file"
            name="file"
            type="file"
            accept=".csv,text/csv"
            required
            aria-describedby="import-file-hint"
          />
        </div>
        <button type="submit" disabled={busy}>
          {t('monitoring.import.submit')}
        </button>
      </Form>

      <section aria-labelledby="core-list-title">
        <h2 id="core-list-title">{t('monitoring.import.coresTitle')}</h2>
        <ul>
          {cores.map((c) => (
            <li dir="auto" key={c.id}>
              {c.description}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="imports-title">
        <h2 id="imports-title">{t('monitoring.import.history')}</h2>
        {imports.length === 0 ? (
          <p>{t('monitoring.import.noHistory')}</p>
        ) : (
          <TableScroll label={t('monitoring.import.history')}>
            <table className="results-table">
              <caption>{t('monitoring.import.history')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('monitoring.import.file')}</th>
                  <th scope="col">{t('monitoring.import.when')}</th>
                  <th scope="col">{t('monitoring.import.rows')}</th>
                  <th scope="col">{t('monitoring.import.inserted')}</th>
                  <th scope="col">{t('monitoring.import.updated')}</th>
                </tr>
              </thead>
              <tbody>
                {imports.map((row) => (
                  <tr key={row.id}>
                    <th dir="auto" scope="row">
                      {row.file_name}
                    </th>
                    <td>{formatDate(row.created_at, i18n.language)}</td>
                    <td>{row.row_count}</td>
                    <td>{row.inserted_count}</td>
                    <td>{row.updated_count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
    </article>
  );
}
