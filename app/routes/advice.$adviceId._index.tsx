import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ResponseForm, ResponseList } from '~/advice/components/Responses';
import { ReviewPanel } from '~/advice/components/ReviewPanel';
import { formatDate } from '~/i18n/format';
import { indicatorNames } from '~/indicators/framework';
import { listIndicators } from '~/indicators/queries.server';
import { PUBLISHED_STATUSES } from '~/advice/framework';
import {
  addComment,
  addQuote,
  getAdvice,
  listQuotableMembers,
  markImplemented,
  publishAdvice,
  respondToAdvice,
  submitForReview,
  toggleRecognition,
} from '~/advice/queries.server';
import { commentSchema, publishSchema, quoteSchema, responseSchema } from '~/advice/schema.server';
import { getUser, requireUser } from '~/auth/auth.server';
import { flash } from '~/auth/session.server';
import { withUser } from '~/db/db.server';
import { forbidden, notFound } from '~/http.server';
import { requireId } from '~/input/params.server';
import { readForm } from '~/input/request.server';
import { GlossaryTerm } from '~/ui/GlossaryTerm';
import { parseForm } from '~/ui/forms';
import { storedTitle } from '~/ui/meta';
import { texts, textsFirst } from '~/i18n/texts';

export const handle = texts('advice');
export const clientLoader = textsFirst(handle);

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? storedTitle(data.advice.title) : 'Expertpool' },
];

/** Readable by anyone RLS lets through: the pool, addressed readers, admins, and anyone for public advice. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const adviceId = requireId(params.adviceId);
  const user = await getUser(request);
  const data = await withUser(user, async (tx) => {
    const advice = await getAdvice(tx, adviceId, user?.id ?? null);
    if (!advice) return null;
    const [indicators, quotable] = await Promise.all([
      listIndicators(tx),
      advice.myRole
        ? listQuotableMembers(tx, advice.pool_id)
        : Promise.resolve([] as { user_id: string; display_name: string }[]),
    ]);
    return { advice, indicators, quotable };
  });
  // Someone not signed in may be allowed more after signing in.
  if (!data && !user) {
    throw redirect(`/login?${new URLSearchParams({ redirectTo: new URL(request.url).pathname })}`);
  }
  if (!data) throw notFound();
  return json({ ...data, signedIn: Boolean(user) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const adviceId = requireId(params.adviceId);
  const formData = await readForm(request);
  const intent = String(formData.get('intent') ?? '');
  const done = async (key: string) => redirect(`/advice/${adviceId}`, { headers: await flash(request, key) });

  switch (intent) {
    case 'comment': {
      const parsed = parseForm(commentSchema, formData);
      if (!parsed.ok) return json({ intent, errors: parsed.errors, values: parsed.values }, { status: 400 });
      await withUser(user, (tx) => addComment(tx, adviceId, user.id, parsed.data.body));
      return done('advice.detail.commented');
    }
    case 'recognise':
      await withUser(user, (tx) => toggleRecognition(tx, adviceId, user.id));
      return done('advice.detail.recognisedDone');
    case 'quote': {
      const parsed = parseForm(quoteSchema, formData);
      if (!parsed.ok) return json({ intent, errors: parsed.errors, values: parsed.values }, { status: 400 });
      await withUser(user, (tx) => addQuote(tx, adviceId, parsed.data.memberId, parsed.data.body));
      return done('advice.detail.quoted');
    }
    case 'submit': {
      const ok = await withUser(user, (tx) => submitForReview(tx, adviceId));
      if (!ok) throw forbidden();
      return done('advice.detail.submitted');
    }
    case 'publish': {
      const parsed = parseForm(publishSchema, formData);
      if (!parsed.ok) return json({ intent, errors: parsed.errors, values: parsed.values }, { status: 400 });
      const ok = await withUser(user, (tx) => publishAdvice(tx, adviceId, parsed.data.visibility));
      if (!ok) throw forbidden();
      return done('advice.detail.published');
    }
    case 'implement': {
      const ok = await withUser(user, (tx) => markImplemented(tx, adviceId));
      if (!ok) throw forbidden();
      return done('advice.detail.implemented');
    }
    case 'respond': {
      const parsed = parseForm(responseSchema, formData);
      if (!parsed.ok) return json({ intent, errors: parsed.errors, values: parsed.values }, { status: 400 });
      await withUser(user, async (tx) => {
        const advice = await getAdvice(tx, adviceId, user.id);
        // RLS refuses the insert otherwise; this check only gives a clear answer first.
        if (!advice?.respondFor.some((m) => m.id === parsed.data.municipalityId)) throw forbidden();
        await respondToAdvice(tx, adviceId, user.id, parsed.data);
      });
      return done('advice.detail.responded');
    }
    default:
      throw new Response('Bad Request', { status: 400 });
  }
}

export default function AdvicePage() {
  const { t, i18n } = useTranslation();
  const { advice, indicators, quotable } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const locale = i18n.language;
  const names = indicatorNames(indicators, locale);
  const published = (PUBLISHED_STATUSES as readonly string[]).includes(advice.status);
  return (
    <article aria-labelledby="advice-title" className="advice">
      <p>
        <Link to="/advice">{t('advice.detail.back')}</Link>
      </p>
      <h1 dir="auto" id="advice-title">
        {advice.title}
      </h1>
      <p className="advice-badges">
        <span className={`badge status-${advice.status}`}>{t(`advice.status.${advice.status}`)}</span>
        {published ? <span className="badge">{t(`advice.visibility.${advice.visibility}`)}</span> : null}
        <span className="badge">{t(`advice.processPart.${advice.process_part}`)}</span>
      </p>

      <section aria-labelledby="insight-title">
        <div className="with-help">
          <h2 id="insight-title">{t('advice.detail.insight')}</h2>
          <GlossaryTerm term="inzicht" />
        </div>
        {/* Sanitised on the server (allow-list) before it was stored and again in getAdvice. */}
        <div className="rich-text" dangerouslySetInnerHTML={{ __html: advice.insight }} />
        <p className="meta">{t('advice.detail.recognised', { count: advice.recognitions })}</p>
        {advice.quotes.length > 0 ? (
          <>
            <h3>{t('advice.detail.quotes')}</h3>
            {advice.quotes.map((quote) => (
              <figure key={quote.id} className="quote">
                <blockquote>
                  <p dir="auto">{quote.body}</p>
                </blockquote>
                <figcaption>{t('advice.detail.quoteBy')}</figcaption>
              </figure>
            ))}
          </>
        ) : null}
      </section>

      <section aria-labelledby="opportunities-title">
        <div className="with-help">
          <h2 id="opportunities-title">{t('advice.detail.opportunities')}</h2>
          <GlossaryTerm term="kans" />
        </div>
        <ul>
          {advice.opportunities.map((o, i) => (
            <li dir="auto" key={i}>
              {o}
            </li>
          ))}
        </ul>
        {advice.golden_tips.length > 0 ? (
          <>
            <div className="with-help">
              <h3>{t('advice.detail.goldenTips')}</h3>
              <GlossaryTerm term="goudenTip" />
            </div>
            <ul className="golden-tips">
              {advice.golden_tips.map((tip, i) => (
                <li dir="auto" key={i}>
                  {tip}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <section aria-labelledby="about-title">
        <h2 id="about-title">{t('advice.detail.about')}</h2>
        <dl className="facts">
          <dt>{t('advice.fields.indicators')}</dt>
          <dd>
            {advice.indicator_codes.map((code) => (
              <Link key={code} className="tag" to={`/advice?indicator=${code}`}>
                {names.get(code)}
              </Link>
            ))}
          </dd>
          <dt>{t('advice.detail.addressedTo')}</dt>
          <dd>{advice.addressees.join(', ')}</dd>
          {advice.pool_name ? (
            <>
              <dt>{t('advice.fields.pool')}</dt>
              <dd dir="auto">{advice.pool_name}</dd>
            </>
          ) : null}
          {advice.source_card_id ? (
            <>
              <dt>{t('advice.detail.source')}</dt>
              <dd>
                {advice.source_board_title ? (
                  <Link to={`/boards/${advice.source_board_id}#card-${advice.source_card_id}`}>
                    {t('advice.detail.fromBoardNamed', { board: advice.source_board_title })}
                  </Link>
                ) : (
                  t('advice.detail.fromBoard')
                )}
              </dd>
            </>
          ) : null}
          {advice.published_at ? (
            <>
              <dt>{t('advice.fields.publishedAt')}</dt>
              <dd>{formatDate(advice.published_at, locale)}</dd>
            </>
          ) : null}
          <dt>{t('advice.detail.version', { version: advice.version })}</dt>
          <dd>
            {advice.myRole ? <Link to={`/advice/${advice.id}/versions`}>{t('advice.detail.versions')}</Link> : null}
          </dd>
        </dl>
        {advice.coreIndicators.length > 0 ? (
          <>
            <h3>{t('advice.detail.goals')}</h3>
            <ul>
              {advice.coreIndicators.map((c) => (
                <li key={c.id} dir="auto">
                  {c.municipality} · {c.goal} → {c.output} → {c.description}
                  {c.source ? <span className="meta"> ({c.source})</span> : null}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      {published ? (
        <section aria-labelledby="responses-title">
          <h2 id="responses-title">{t('advice.detail.responses')}</h2>
          <ResponseList responses={advice.responses} />
          {advice.respondFor.length > 0 ? (
            <ResponseForm
              municipalities={advice.respondFor}
              errors={data?.intent === 'respond' ? data.errors : undefined}
              values={data?.intent === 'respond' ? data.values : undefined}
            />
          ) : null}
        </section>
      ) : null}

      {advice.myRole ? (
        <ReviewPanel advice={advice} quotable={quotable} actionData={data && 'errors' in data ? data : undefined} />
      ) : null}
    </article>
  );
}
