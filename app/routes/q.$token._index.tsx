import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { getUser } from '~/auth/auth.server';
import { withUser } from '~/db/db.server';
import { notFound } from '~/http.server';
import { formatDate } from '~/i18n/format';
import { detectLocale } from '~/i18n/locale.server';
import { requireToken } from '~/input/params.server';
import { readForm } from '~/input/request.server';
import { loadRespondentState, nextStep } from '~/questionnaires/answering.server';
import { localise, startResponse } from '~/questionnaires/queries.server';
import { newResumeSecret, saveResumeKey } from '~/questionnaires/respondent.server';
import { startSchema } from '~/questionnaires/schema.server';
import { todayInAmsterdam } from '~/questionnaires/waves';
import { linkState } from '~/questionnaires/waves.server';
import { MunicipalitySelect } from '~/places/components/MunicipalitySelect';
import { listPlaces } from '~/places/queries.server';
import { parseForm } from '~/ui/forms';
import { storedTitle } from '~/ui/meta';
import { texts, textsFirst } from '~/i18n/texts';

export const handle = texts('questionnaires', 'signals');
export const clientLoader = textsFirst(handle);

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? storedTitle(data.title) : 'Expertpool' },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const token = requireToken(params.token);
  const [user, locale] = await Promise.all([getUser(request), detectLocale(request)]);
  const state = await loadRespondentState(request, user, token);
  if (!state) {
    // A real link whose wave takes no answers (closed, or not open yet) says so; anything else is a 404.
    const link = await withUser(user, (tx) => linkState(tx, token));
    if (!link) throw notFound();
    return json(
      {
        closed: {
          state: link.state,
          opensOn:
            link.state === 'not_yet' && link.opens_on > todayInAmsterdam()
              ? formatDate(link.opens_on, locale, 'long')
              : null,
        },
        title: localise(link, 'title', locale),
        intro: '',
        count: 0,
        places: [],
        resumeAt: null,
      },
      { status: 410 },
    );
  }
  if (state.wave.mode === 'account' && !user) {
    throw redirect(`/login?${new URLSearchParams({ redirectTo: `/q/${token}` })}`);
  }
  const places = await withUser(user, listPlaces);
  const q = state.questionnaire;
  const answered = new Set(state.answers.map((a) => a.question_id));
  return json({
    closed: null,
    title: localise(q, 'title', locale),
    intro: localise(q, 'intro', locale),
    count: q.questions.length,
    places,
    resumeAt: state.key
      ? nextStep(
          q.questions.map((x) => x.id),
          answered,
        )
      : null,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const token = requireToken(params.token);
  const [user, locale] = await Promise.all([getUser(request), detectLocale(request)]);
  const parsed = parseForm(startSchema, await readForm(request));
  const municipalityId = parsed.ok ? parsed.data.municipalityId : null;
  const secret = newResumeSecret();
  // Closed wave, wrong link, or an account wave without an account: the start page explains. Caught
  // outside the transaction: a failed statement leaves it rolled back, and committing it would throw.
  const responseId = await withUser(user, (tx) => startResponse(tx, { token, secret, municipalityId, locale })).catch(
    () => null,
  );
  // The start page explains why (closed, not open yet) or answers 404.
  if (!responseId) return redirect(`/q/${token}`);
  const cookie = await saveResumeKey(request, token, { responseId, secret });
  return redirect(`/q/${token}/1`, { headers: { 'Set-Cookie': cookie } });
}

export default function QuestionnaireStart() {
  const { t } = useTranslation();
  const { closed, title, intro, count, places, resumeAt } = useLoaderData<typeof loader>();
  if (closed) {
    return (
      <section className="narrow respond" aria-labelledby="q-title">
        <h1 dir="auto" id="q-title">
          {title}
        </h1>
        <div className="storage-note" role="status">
          <h2>{closed.state === 'closed' ? t('respond.closedTitle') : t('respond.notYetTitle')}</h2>
          <p>
            {closed.state === 'closed'
              ? t('respond.closedText')
              : closed.opensOn
                ? t('respond.notYetText', { date: closed.opensOn })
                : t('respond.notYetTextNoDate')}
          </p>
        </div>
      </section>
    );
  }
  return (
    <section className="narrow respond" aria-labelledby="q-title">
      <h1 dir="auto" id="q-title">
        {title}
      </h1>
      {intro ? (
        <p dir="auto" className="lead">
          {intro}
        </p>
      ) : null}
      <p>{t('respond.questionsCount', { count })}</p>
      <p className="hint">{t('respond.privacy')}</p>
      {resumeAt ? (
        <p>
          <Link className="button" to={String(resumeAt)}>
            {t('respond.continue')}
          </Link>
        </p>
      ) : null}
      <Form method="post">
        <MunicipalitySelect
          places={places}
          id="respond-municipality"
          label={t('respond.municipality')}
          none={t('respond.municipalityNone')}
        />
        <button type="submit" className={resumeAt ? 'secondary' : undefined}>
          {resumeAt ? t('respond.startOver') : t('respond.start')}
        </button>
      </Form>
    </section>
  );
}
