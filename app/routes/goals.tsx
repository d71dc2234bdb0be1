import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import {
  addCoreIndicator,
  addGoal,
  addOutput,
  getGoalTree,
  goalTreeRefusal,
  type GoalTree,
  mayShapeGoalTree,
  removeGoal,
} from '~/advice/goals.server';
import { coreIndicatorSchema, goalSchema, outputSchema } from '~/advice/schema.server';
import { requireUser } from '~/auth/auth.server';
import { flash } from '~/auth/session.server';
import { withUser } from '~/db/db.server';
import { requireId } from '~/input/params.server';
import { listMunicipalities } from '~/places/queries.server';
import { readForm } from '~/input/request.server';
import { Field, FormError } from '~/ui/Field';
import { SelectField } from '~/ui/SelectField';
import { parseForm, typedValues, type FieldErrors } from '~/ui/forms';
import { pageTitle } from '~/ui/meta';
import { texts, textsFirst } from '~/i18n/texts';

export const meta = pageTitle('advice.goals.title');

export const handle = texts('advice');
export const clientLoader = textsFirst(handle);

/**
 * A municipality's goal tree; anyone signed in reads it. Admins shape every tree, coordinators those of
 * the regions an admin assigned to them (the database decides, and says so for the page).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const wanted = new URL(request.url).searchParams.get('municipality');
  const data = await withUser(user, async (tx) => {
    const municipalities = await listMunicipalities(tx);
    const chosen = municipalities.find((m) => m.id === wanted) ?? municipalities.find((m) => m.name === 'Alkmaar');
    if (!chosen) return { municipalities, chosen: null, tree: [] as GoalTree, canShape: false };
    const [tree, canShape] = await Promise.all([getGoalTree(tx, chosen.id), mayShapeGoalTree(tx, chosen.id)]);
    return { municipalities, chosen, tree, canShape };
  });
  return json(data);
}

/** Which of the page's forms was sent, so its errors and typed text come back to that form only. */
type SentForm = { form: string; errors: FieldErrors; values: Record<string, string> };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await readForm(request);
  const municipalityId = requireId(String(formData.get('municipalityId') ?? ''));
  const back = `/goals?municipality=${municipalityId}`;
  const intent = String(formData.get('intent') ?? 'goal');
  const refused = (form: string, error: unknown) => {
    const message = goalTreeRefusal(error);
    const status = message === 'advice.goals.hasFigures' ? 409 : 403;
    return json<SentForm>({ form, errors: { form: message }, values: typedValues(formData) }, { status });
  };
  const invalid = (form: string, errors: FieldErrors) =>
    json<SentForm>({ form, errors, values: typedValues(formData) }, { status: 400 });

  if (intent === 'remove-goal') {
    const goalId = requireId(String(formData.get('goalId') ?? ''));
    const form = `remove-${goalId}`;
    try {
      const removed = await withUser(user, (tx) => removeGoal(tx, goalId));
      if (!removed)
        return json<SentForm>({ form, errors: { form: 'advice.goals.notYours' }, values: {} }, { status: 403 });
    } catch (error) {
      return refused(form, error);
    }
    return redirect(back, { headers: await flash(request, 'advice.goals.removed') });
  }

  let form = 'goal';
  try {
    if (intent === 'output') {
      const parsed = parseForm(outputSchema, formData);
      form = `output-${parsed.ok ? parsed.data.goalId : String(formData.get('goalId'))}`;
      if (!parsed.ok) return invalid(form, parsed.errors);
      await withUser(user, (tx) => addOutput(tx, parsed.data.goalId, parsed.data.title, parsed.data.description));
    } else if (intent === 'core') {
      const parsed = parseForm(coreIndicatorSchema, formData);
      form = `core-${parsed.ok ? parsed.data.outputId : String(formData.get('outputId'))}`;
      if (!parsed.ok) return invalid(form, parsed.errors);
      await withUser(user, (tx) =>
        addCoreIndicator(tx, parsed.data.outputId, parsed.data.description, parsed.data.dataSource),
      );
    } else {
      const parsed = parseForm(goalSchema, formData);
      if (!parsed.ok) return invalid(form, parsed.errors);
      await withUser(user, (tx) => addGoal(tx, municipalityId, parsed.data.title));
    }
  } catch (error) {
    return refused(form, error);
  }
  return redirect(back, { headers: await flash(request, 'advice.goals.added') });
}

export default function Goals() {
  const { t } = useTranslation();
  const { municipalities, chosen, tree, canShape } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const sent = (form: string) => (data?.form === form ? data : undefined);
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
        <SelectField
          id="goals-municipality"
          label={t('advice.goals.choose')}
          name="municipality"
          defaultValue={chosen?.id}
        >
          {municipalities.map((m) => (
            <option dir="auto" key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </SelectField>
        <button type="submit">{t('advice.goals.show')}</button>
      </Form>
      {chosen ? <h2 dir="auto">{chosen.name}</h2> : null}
      {chosen && !canShape ? <p className="hint">{t('advice.goals.readOnly')}</p> : null}
      {tree.length === 0 ? <p>{t('advice.goals.none')}</p> : null}
      <ul>
        {tree.map((goal) => (
          <li key={goal.id}>
            <h3>
              {t('advice.goals.goal')}: <bdi>{goal.title}</bdi>
            </h3>
            <ul>
              {goal.outputs.map((output) => (
                <li key={output.id}>
                  <strong>
                    {t('advice.goals.output')}: <bdi>{output.title}</bdi>
                  </strong>{' '}
                  <bdi>{output.description}</bdi>
                  <ul>
                    {output.coreIndicators.map((c) => (
                      <li key={c.id}>
                        {t('advice.goals.core')}: <bdi>{c.description}</bdi>{' '}
                        <span className="meta">
                          ({t('advice.goals.dataSource')}: <bdi>{c.source ?? '–'}</bdi>)
                        </span>
                      </li>
                    ))}
                  </ul>
                  {canShape ? (
                    <Form method="post" noValidate className="inline-fields">
                      {hidden('core')}
                      <input type="hidden" name="outputId" value={output.id} />
                      <FormError error={sent(`core-${output.id}`)?.errors.form} />
                      <Field
                        id={`core-${output.id}`}
                        name="description"
                        label={t('advice.goals.core')}
                        defaultValue={sent(`core-${output.id}`)?.values.description}
                        error={sent(`core-${output.id}`)?.errors.description}
                      />
                      <Field
                        id={`source-${output.id}`}
                        name="dataSource"
                        label={t('advice.goals.dataSource')}
                        defaultValue={sent(`core-${output.id}`)?.values.dataSource}
                        error={sent(`core-${output.id}`)?.errors.dataSource}
                      />
                      <button type="submit">{t('advice.goals.addCore')}</button>
                    </Form>
                  ) : null}
                </li>
              ))}
            </ul>
            {canShape ? (
              <>
                <Form method="post" noValidate className="inline-fields">
                  {hidden('output')}
                  <input type="hidden" name="goalId" value={goal.id} />
                  <FormError error={sent(`output-${goal.id}`)?.errors.form} />
                  <Field
                    id={`output-${goal.id}`}
                    name="title"
                    label={t('advice.goals.output')}
                    defaultValue={sent(`output-${goal.id}`)?.values.title}
                    error={sent(`output-${goal.id}`)?.errors.title}
                  />
                  <Field
                    id={`output-desc-${goal.id}`}
                    name="description"
                    label={t('advice.goals.outputDescription')}
                    defaultValue={sent(`output-${goal.id}`)?.values.description}
                    error={sent(`output-${goal.id}`)?.errors.description}
                  />
                  <button type="submit">{t('advice.goals.addOutput')}</button>
                </Form>
                <Form method="post">
                  {hidden('remove-goal')}
                  <input type="hidden" name="goalId" value={goal.id} />
                  <FormError error={sent(`remove-${goal.id}`)?.errors.form} />
                  <button type="submit" className="secondary">
                    {t('advice.goals.removeGoal', { title: goal.title })}
                  </button>
                </Form>
              </>
            ) : null}
          </li>
        ))}
      </ul>
      {canShape && chosen ? (
        <Form method="post" noValidate className="inline-fields">
          {hidden('goal')}
          <FormError error={sent('goal')?.errors.form} />
          <Field
            id="new-goal"
            name="title"
            label={t('advice.goals.goal')}
            defaultValue={sent('goal')?.values.title}
            error={sent('goal')?.errors.title}
          />
          <button type="submit">{t('advice.goals.addGoal')}</button>
        </Form>
      ) : null}
    </article>
  );
}
