import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { addCoreIndicator, addGoal, addOutput, getGoalTree, removeGoal } from '~/advice/goals.server';
import { coreIndicatorSchema, goalSchema, outputSchema } from '~/advice/schema';
import { requireUser } from '~/auth/auth.server';
import { flash } from '~/auth/session.server';
import { withUser } from '~/db/db.server';
import { requireId } from '~/http.server';
import { readForm } from '~/input/request.server';
import { Field } from '~/ui/Field';
import { parseForm } from '~/ui/forms';
import { pageTitle } from '~/ui/meta';

export const meta = pageTitle('advice.goals.title');

/** A municipality's goal tree; anyone signed in reads it, admins and coordinators shape it. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const wanted = new URL(request.url).searchParams.get('municipality');
  const data = await withUser(user, async (tx) => {
    const [municipalities, roles] = await Promise.all([
      tx.selectFrom('municipalities').select(['id', 'name']).orderBy('name').execute(),
      tx.selectFrom('user_roles').select('role').where('user_id', '=', user.id).execute(),
    ]);
    const chosen = municipalities.find((m) => m.id === wanted) ?? municipalities.find((m) => m.name === 'Alkmaar');
    const tree = chosen ? await getGoalTree(tx, chosen.id) : [];
    return { municipalities, chosen: chosen ?? null, tree, canManage: roles.length > 0 };
  });
  return json(data);
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await readForm(request);
  const municipalityId = requireId(String(formData.get('municipalityId') ?? ''));
  const back = `/goals?municipality=${municipalityId}`;
  const intent = formData.get('intent');
  // RLS refuses anyone but admins and coordinators; a refused insert surfaces as an error page.
  if (intent === 'remove-goal') {
    const goalId = requireId(String(formData.get('goalId') ?? ''));
    await withUser(user, (tx) => removeGoal(tx, goalId));
    return redirect(back, { headers: await flash(request, 'advice.goals.removed') });
  }
  if (intent === 'output') {
    const parsed = parseForm(outputSchema, formData);
    if (!parsed.ok) return json({ errors: parsed.errors }, { status: 400 });
    await withUser(user, (tx) => addOutput(tx, parsed.data.goalId, parsed.data.title, parsed.data.description));
  } else if (intent === 'core') {
    const parsed = parseForm(coreIndicatorSchema, formData);
    if (!parsed.ok) return json({ errors: parsed.errors }, { status: 400 });
    await withUser(user, (tx) =>
      addCoreIndicator(tx, parsed.data.outputId, parsed.data.description, parsed.data.dataSource),
    );
  } else {
    const parsed = parseForm(goalSchema, formData);
    if (!parsed.ok) return json({ errors: parsed.errors }, { status: 400 });
    await withUser(user, (tx) => addGoal(tx, municipalityId, parsed.data.title));
  }
  return redirect(back, { headers: await flash(request, 'advice.goals.added') });
}

export default function Goals() {
  const { t } = useTranslation();
  const { municipalities, chosen, tree, canManage } = useLoaderData<typeof loader>();
  const hidden = (intent: string) => (
    <>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="municipalityId" value={chosen?.id} />
    </>
  );
  return (
    <article aria-labelledby="goals-title" className="goal-tree">
      <h1 id="goals-title">{t('advice.goals.title')}</h1>
      <p>{t('advice.goals.lead')}</p>
      <Form method="get" className="inline-fields">
        <div className="field">
          <label htmlFor="goals-municipality">{t('advice.goals.choose')}</label>
          <select id="goals-municipality" name="municipality" defaultValue={chosen?.id}>
            {municipalities.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t('advice.goals.show')}</button>
      </Form>
      {chosen ? <h2>{chosen.name}</h2> : null}
      {tree.length === 0 ? <p>{t('advice.goals.none')}</p> : null}
      <ul>
        {tree.map((goal) => (
          <li key={goal.id}>
            <h3>
              {t('advice.goals.goal')}: {goal.title}
            </h3>
            <ul>
              {goal.outputs.map((output) => (
                <li key={output.id}>
                  <strong>
                    {t('advice.goals.output')}: {output.title}
                  </strong>{' '}
                  {output.description}
                  <ul>
                    {output.coreIndicators.map((c) => (
                      <li key={c.id}>
                        {t('advice.goals.core')}: {c.description}{' '}
                        <span className="meta">
                          ({t('advice.goals.dataSource')}: {c.data_source})
                        </span>
                      </li>
                    ))}
                  </ul>
                  {canManage ? (
                    <Form method="post" className="inline-fields">
                      {hidden('core')}
                      <input type="hidden" name="outputId" value={output.id} />
                      <Field id={`core-${output.id}`} name="description" label={t('advice.goals.core')} />
                      <Field id={`source-${output.id}`} name="dataSource" label={t('advice.goals.dataSource')} />
                      <button type="submit">{t('advice.goals.addCore')}</button>
                    </Form>
                  ) : null}
                </li>
              ))}
            </ul>
            {canManage ? (
              <>
                <Form method="post" className="inline-fields">
                  {hidden('output')}
                  <input type="hidden" name="goalId" value={goal.id} />
                  <Field id={`output-${goal.id}`} name="title" label={t('advice.goals.output')} />
                  <Field id={`output-desc-${goal.id}`} name="description" label={t('advice.goals.outputDescription')} />
                  <button type="submit">{t('advice.goals.addOutput')}</button>
                </Form>
                <Form method="post">
                  {hidden('remove-goal')}
                  <input type="hidden" name="goalId" value={goal.id} />
                  <button type="submit" className="secondary">
                    {t('advice.goals.removeGoal', { title: goal.title })}
                  </button>
                </Form>
              </>
            ) : null}
          </li>
        ))}
      </ul>
      {canManage && chosen ? (
        <Form method="post" className="inline-fields">
          {hidden('goal')}
          <Field id="new-goal" name="title" label={t('advice.goals.goal')} />
          <button type="submit">{t('advice.goals.addGoal')}</button>
        </Form>
      ) : null}
    </article>
  );
}
