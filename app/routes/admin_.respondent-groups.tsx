import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requireUser } from '~/auth/auth.server';
import { flash } from '~/auth/session.server';
import { formatNumber } from '~/i18n/format';
import { requireId } from '~/input/params.server';
import { readForm } from '~/input/request.server';
import { asAdmin } from '~/people/as-admin.server';
import { respondentGroupName } from '~/questionnaires/respondent-groups';
import {
  addRespondentGroup,
  isGroupInUse,
  listRespondentGroupsWithWaves,
  removeRespondentGroup,
} from '~/questionnaires/respondent-groups.server';
import { respondentGroupSchema } from '~/questionnaires/schema.server';
import { Field } from '~/ui/Field';
import { parseForm, typedValues, type FieldErrors } from '~/ui/forms';
import { pageTitle } from '~/ui/meta';
import { TableScroll } from '~/ui/TableScroll';
import { texts, textsFirst } from '~/i18n/texts';

export const meta = pageTitle('respondentGroups.admin.title');

export const handle = texts('people', 'questionnaires');
export const clientLoader = textsFirst(handle);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ groups: await asAdmin(user, listRespondentGroupsWithWaves) });
}

type ActionData = { errors: FieldErrors; values: Record<string, string>; removeError?: string };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readForm(request);
  const back = async (key: string) => redirect('/admin/respondent-groups', { headers: await flash(request, key) });
  if (form.get('intent') === 'remove') {
    const id = requireId(String(form.get('id') ?? ''));
    try {
      const removed = await asAdmin(user, (tx) => removeRespondentGroup(tx, id));
      return back(removed ? 'respondentGroups.admin.removed' : 'respondentGroups.admin.notRemovable');
    } catch (error) {
      if (!isGroupInUse(error)) throw error;
      return json<ActionData>({ errors: {}, values: {}, removeError: 'respondentGroups.admin.inUse' }, { status: 400 });
    }
  }
  const parsed = parseForm(respondentGroupSchema, form);
  if (!parsed.ok) return json<ActionData>({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const outcome = await asAdmin(user, (tx) => addRespondentGroup(tx, parsed.data.name));
  if (outcome === 'taken') {
    return json<ActionData>({ errors: { name: 'respondentGroups.admin.taken' }, values: parsed.data }, { status: 400 });
  }
  return back('respondentGroups.admin.added');
}

export default function RespondentGroupsAdmin() {
  const { t, i18n } = useTranslation();
  const { groups } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData | undefined;
  return (
    <article aria-labelledby="groups-title">
      <p>
        <Link to="/admin">{t('people.admin.title')}</Link>
      </p>
      <h1 id="groups-title">{t('respondentGroups.admin.title')}</h1>
      <p>{t('respondentGroups.admin.lead')}</p>
      {data?.removeError ? (
        <p className="field-error" role="alert">
          {t(data.removeError)}
        </p>
      ) : null}
      <TableScroll label={t('respondentGroups.admin.title')}>
        <table className="results-table">
          <caption>{t('respondentGroups.admin.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('respondentGroups.admin.name')}</th>
              <th scope="col">{t('respondentGroups.admin.waves')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('respondentGroups.admin.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {groups.map((g) => (
              <tr key={g.id}>
                <th scope="row">
                  <bdi>{respondentGroupName(t, g)}</bdi>
                </th>
                <td>{formatNumber(g.waves, i18n.language)}</td>
                <td>
                  {g.key ? (
                    <span className="meta">{t('respondentGroups.admin.own')}</span>
                  ) : g.waves > 0 ? (
                    <span className="meta">{t('respondentGroups.admin.asked')}</span>
                  ) : (
                    <Form method="post">
                      <input type="hidden" name="id" value={g.id} />
                      <button
                        type="submit"
                        name="intent"
                        value="remove"
                        className="link-button"
                        aria-label={t('respondentGroups.admin.removeGroup', { name: g.name })}
                      >
                        {t('respondentGroups.admin.remove')}
                      </button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>

      <Form method="post" noValidate className="value-form" aria-labelledby="add-group-title">
        <h2 id="add-group-title">{t('respondentGroups.admin.add')}</h2>
        <Field
          id="group-name"
          name="name"
          label={t('respondentGroups.admin.name')}
          defaultValue={data?.values.name}
          error={data?.errors.name}
          maxLength={80}
          dir="auto"
          required
        />
        <button type="submit">{t('respondentGroups.admin.add')}</button>
      </Form>
    </article>
  );
}
