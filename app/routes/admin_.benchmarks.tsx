import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requireUser } from '~/auth/auth.server';
import { flash } from '~/auth/session.server';
import { DIRECTIONS } from '~/db/types';
import { formatNumber } from '~/i18n/format';
import { readForm } from '~/input/request.server';
import { addBenchmarkMeasure, importBenchmarkCsv, listMeasuresWithFigures } from '~/monitoring/benchmarks.server';
import { ImportProblems } from '~/monitoring/components/ImportProblems';
import type { ImportProblem } from '~/monitoring/csv-import';
import { readCsvUpload } from '~/monitoring/import-upload.server';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from '~/monitoring/limits';
import { benchmarkImportSchema, benchmarkMeasureSchema } from '~/monitoring/schema.server';
import { asAdmin } from '~/people/as-admin.server';
import { Field } from '~/ui/Field';
import { SelectField } from '~/ui/SelectField';
import { parseForm, type FieldErrors } from '~/ui/forms';
import { pageTitle } from '~/ui/meta';
import { TableScroll } from '~/ui/TableScroll';
import { texts, textsFirst } from '~/i18n/texts';

export const meta = pageTitle('monitoring.benchmarkAdmin.title');

export const handle = texts('monitoring');
export const clientLoader = textsFirst(handle);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const measures = await asAdmin(user, listMeasuresWithFigures);
  return json({ measures: measures.map((m) => ({ ...m, figures: Number(m.figures) })) });
}

type ActionData =
  | { form: 'measure'; errors: FieldErrors; values: Record<string, string> }
  | { form: 'import'; fileName: string; problems: ImportProblem[]; values: Record<string, string> };

/** Two forms: a new measure (urlencoded), or a file of one measure's figures (multipart), all or nothing. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  if (!request.headers.get('Content-Type')?.startsWith('multipart/form-data')) {
    const parsed = parseForm(benchmarkMeasureSchema, await readForm(request));
    if (!parsed.ok) return json<ActionData>({ form: 'measure', ...parsed }, { status: 400 });
    const added = await asAdmin(user, (tx) => addBenchmarkMeasure(tx, parsed.data));
    if (!added) {
      return json<ActionData>(
        { form: 'measure', errors: { name: 'monitoring.benchmarkAdmin.duplicate' }, values: parsed.data },
        { status: 400 },
      );
    }
    return redirect('/admin/benchmarks', { headers: await flash(request, 'monitoring.benchmarkAdmin.added') });
  }
  const upload = await readCsvUpload(request);
  const measureId = String(upload.form?.get('measureId') ?? '');
  const refused = (fileName: string, problems: ImportProblem[]) =>
    json<ActionData>({ form: 'import', fileName, problems, values: { measureId } }, { status: 400 });
  if (!upload.ok)
    return refused(upload.fileName, [{ line: 0, reason: `monitoring.import.problems.${upload.problem}` }]);
  const chosen = benchmarkImportSchema.safeParse({ measureId });
  if (!chosen.success) return refused(upload.fileName, [{ line: 0, reason: 'monitoring.errors.benchmarkMeasure' }]);
  // In the request's one transaction: a bad row stores nothing, and neither does a refusal by the database.
  const outcome = await asAdmin(user, (tx) => importBenchmarkCsv(tx, chosen.data.measureId, upload.text));
  if (!outcome.ok) return refused(upload.fileName, outcome.problems);
  return redirect('/admin/benchmarks', {
    headers: await flash(request, 'monitoring.benchmarkAdmin.imported'),
  });
}

export default function BenchmarkAdmin() {
  const { t, i18n } = useTranslation();
  const { measures } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData | undefined;
  const busy = useNavigation().state === 'submitting';
  const measureForm =
    data?.form === 'measure' ? data : { errors: {} as FieldErrors, values: {} as Record<string, string> };
  const importForm = data?.form === 'import' ? data : null;
  return (
    <article aria-labelledby="benchmarks-title">
      <h1 id="benchmarks-title">{t('monitoring.benchmarkAdmin.title')}</h1>
      <p>{t('monitoring.benchmarkAdmin.lead')}</p>

      <section aria-labelledby="measures-title">
        <h2 id="measures-title">{t('monitoring.benchmarkAdmin.measures')}</h2>
        {measures.length === 0 ? (
          <p>{t('monitoring.benchmarkAdmin.none')}</p>
        ) : (
          <TableScroll label={t('monitoring.benchmarkAdmin.measures')}>
            <table className="results-table">
              <caption>{t('monitoring.benchmarkAdmin.measures')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('monitoring.benchmarkAdmin.name')}</th>
                  <th scope="col">{t('monitoring.fields.unit')}</th>
                  <th scope="col">{t('monitoring.fields.direction')}</th>
                  <th scope="col">{t('monitoring.benchmarkAdmin.figures')}</th>
                </tr>
              </thead>
              <tbody>
                {measures.map((m) => (
                  <tr key={m.id}>
                    <th scope="row" dir="auto">
                      {m.name}
                    </th>
                    <td dir="auto">{m.unit}</td>
                    <td>{t(`monitoring.progress.direction.${m.direction}`)}</td>
                    <td>{formatNumber(m.figures, i18n.language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        <Form method="post" className="value-form" aria-labelledby="add-measure-title" noValidate>
          <h3 id="add-measure-title">{t('monitoring.benchmarkAdmin.add')}</h3>
          <Field
            id="measure-name"
            name="name"
            label={t('monitoring.benchmarkAdmin.name')}
            defaultValue={measureForm.values.name}
            error={measureForm.errors.name}
            maxLength={300}
            required
          />
          <div className="inline-fields">
            <Field
              id="measure-unit"
              name="unit"
              label={t('monitoring.fields.unit')}
              defaultValue={measureForm.values.unit}
              error={measureForm.errors.unit}
              maxLength={20}
            />
            <SelectField
              id="measure-direction"
              name="direction"
              label={t('monitoring.fields.direction')}
              defaultValue={measureForm.values.direction ?? ''}
              error={measureForm.errors.direction}
              required
            >
              <option value="">{t('monitoring.progress.chooseDirection')}</option>
              {DIRECTIONS.map((direction) => (
                <option dir="auto" key={direction} value={direction}>
                  {t(`monitoring.progress.direction.${direction}`)}
                </option>
              ))}
            </SelectField>
          </div>
          <button type="submit" disabled={busy}>
            {t('monitoring.benchmarkAdmin.addSubmit')}
          </button>
        </Form>
      </section>

      {measures.length > 0 ? (
        <section aria-labelledby="benchmark-import-title">
          <h2 id="benchmark-import-title">{t('monitoring.benchmarkAdmin.importTitle')}</h2>
          <ul>
            <li>{t('monitoring.benchmarkAdmin.columns')}</li>
            <li>{t('monitoring.import.periods')}</li>
            <li>{t('monitoring.import.numbers')}</li>
            <li>{t('monitoring.benchmarkAdmin.replace')}</li>
            <li>{t('monitoring.import.limits', { kb: MAX_IMPORT_BYTES / 1024, rows: MAX_IMPORT_ROWS })}</li>
          </ul>
          {importForm ? <ImportProblems fileName={importForm.fileName} problems={importForm.problems} /> : null}
          <Form method="post" encType="multipart/form-data" className="import-form">
            <SelectField
              id="import-measure"
              name="measureId"
              label={t('monitoring.benchmarkAdmin.measure')}
              defaultValue={importForm?.values.measureId ?? ''}
              required
            >
              <option value="">{t('monitoring.progress.chooseDirection')}</option>
              {measures.map((m) => (
                <option dir="auto" key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </SelectField>
            <div className="field">
              <label htmlFor="benchmark-file">{t('monitoring.import.file')}</label>
              <input id="benchmark-file" name="file" type="file" accept=".csv,text/csv" required />
            </div>
            <button type="submit" disabled={busy}>
              {t('monitoring.import.submit')}
            </button>
          </Form>
        </section>
      ) : null}
    </article>
  );
}
