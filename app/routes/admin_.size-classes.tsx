import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requireUser } from '~/auth/auth.server';
import { flash } from '~/auth/session.server';
import { formatNumber } from '~/i18n/format';
import { readForm } from '~/input/request.server';
import { removeSizeClassSchema, sizeClassSchema } from '~/monitoring/schema.server';
import { listSizeClasses, removeSizeClass, saveSizeClass } from '~/monitoring/size-classes.server';
import { asAdmin } from '~/people/as-admin.server';
import { notFound } from '~/http.server';
import { Field } from '~/ui/Field';
import { parseForm, type FieldErrors } from '~/ui/forms';
import { pageTitle } from '~/ui/meta';
import { TableScroll } from '~/ui/TableScroll';
import { texts, textsFirst } from '~/i18n/texts';

export const meta = pageTitle('monitoring.sizeClasses.title');

export const handle = texts('monitoring', 'people');
export const clientLoader = textsFirst(handle);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ classes: await asAdmin(user, listSizeClasses) });
}

type ActionData = { errors: FieldErrors; values: Record<string, string> };

/** Adding a class, moving one's start (both: `minInhabitants`, with `id` to move) or removing one. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readForm(request);
  const back = async (key: string) => redirect('/admin/size-classes', { headers: await flash(request, key) });
  if (form.get('intent') === 'remove') {
    const parsed = removeSizeClassSchema.safeParse({ id: form.get('id') });
    if (!parsed.success) throw notFound();
    const removed = await asAdmin(user, (tx) => removeSizeClass(tx, parsed.data.id));
    if (!removed) throw notFound();
    return back('monitoring.sizeClasses.removed');
  }
  const parsed = parseForm(sizeClassSchema, form);
  if (!parsed.ok) return json<ActionData>({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const outcome = await asAdmin(user, (tx) => saveSizeClass(tx, parsed.data));
  if (outcome === 'notFound') throw notFound();
  if (outcome === 'taken') {
    const values = { id: parsed.data.id ?? '', minInhabitants: String(form.get('minInhabitants') ?? '') };
    return json<ActionData>(
      { errors: { minInhabitants: 'monitoring.sizeClasses.errors.taken' }, values },
      { status: 400 },
    );
  }
  return back(parsed.data.id ? 'monitoring.sizeClasses.saved' : 'monitoring.sizeClasses.added');
}

export default function SizeClassesAdmin() {
  const { t, i18n } = useTranslation();
  const { classes } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData | undefined;
  const number = (n: number) => formatNumber(n, i18n.language);
  // The error and what was typed belong to the one form that was sent: a class's, or the new one's.
  const sent = (id: string) => ((data?.values.id ?? '') === id ? data : undefined);
  const range = (c: (typeof classes)[number]) =>
    c.next_min === null
      ? t('monitoring.sizeClasses.andUp', { from: number(c.min_inhabitants) })
      : t('monitoring.sizeClasses.range', { from: number(c.min_inhabitants), to: number(c.next_min - 1) });
  return (
    <article aria-labelledby="size-classes-title" className="size-classes-admin">
      <p>
        <Link to="/admin">{t('people.admin.title')}</Link> ·{' '}
        <Link to="/admin/benchmarks">{t('monitoring.benchmarkAdmin.link')}</Link>
      </p>
      <h1 id="size-classes-title">{t('monitoring.sizeClasses.title')}</h1>
      <p>{t('monitoring.sizeClasses.lead')}</p>

      {classes.length === 0 ? (
        <p>{t('monitoring.sizeClasses.none')}</p>
      ) : (
        <TableScroll label={t('monitoring.sizeClasses.link')}>
          <table className="results-table">
            <caption>{t('monitoring.sizeClasses.link')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('monitoring.sizeClasses.inhabitants')}</th>
                <th scope="col">{t('monitoring.sizeClasses.municipalities')}</th>
                <th scope="col">{t('monitoring.sizeClasses.change')}</th>
              </tr>
            </thead>
            <tbody>
              {classes.map((c) => (
                <tr key={c.id}>
                  <th scope="row">{range(c)}</th>
                  <td>{number(c.municipalities)}</td>
                  <td>
                    <Form method="post" noValidate className="inline-fields">
                      <input type="hidden" name="id" value={c.id} />
                      <Field
                        id={`class-${c.id}`}
                        name="minInhabitants"
                        inputMode="numeric"
                        label={t('monitoring.sizeClasses.startOf', { range: range(c) })}
                        defaultValue={sent(c.id)?.values.minInhabitants ?? String(c.min_inhabitants)}
                        error={sent(c.id)?.errors.minInhabitants}
                        maxLength={20}
                      />
                      <button type="submit">{t('monitoring.sizeClasses.save')}</button>
                    </Form>
                    <Form method="post">
                      <input type="hidden" name="id" value={c.id} />
                      <button
                        type="submit"
                        name="intent"
                        value="remove"
                        className="link-button"
                        aria-label={t('monitoring.sizeClasses.removeClass', { range: range(c) })}
                      >
                        {t('monitoring.sizeClasses.remove')}
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}

      <Form method="post" noValidate className="value-form" aria-labelledby="add-class-title">
        <h2 id="add-class-title">{t('monitoring.sizeClasses.add')}</h2>
        <Field
          id="class-new"
          name="minInhabitants"
          inputMode="numeric"
          label={t('monitoring.sizeClasses.start')}
          hint={t('monitoring.sizeClasses.startHint')}
          defaultValue={sent('')?.values.minInhabitants}
          error={sent('')?.errors.minInhabitants}
          maxLength={20}
          required
        />
        <button type="submit">{t('monitoring.sizeClasses.add')}</button>
      </Form>
    </article>
  );
}
