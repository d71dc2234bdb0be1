import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { getUser } from '~/auth/auth.server';
import { flash } from '~/auth/session.server';
import { readForm } from '~/input/request.server';
import { giveAnswerByLink, openAnswerLink, type AnswerLinkPage } from '~/sessions/answer-links.server';
import { SessionWhen } from '~/sessions/components/SessionTime';
import { answerLinkSchema } from '~/sessions/schema.server';
import { viewerTimeZone } from '~/sessions/viewer.server';
import { parseForm } from '~/ui/forms';
import { pageTitle } from '~/ui/meta';
import { TextAreaField } from '~/ui/TextAreaField';
import { texts, textsFirst } from '~/i18n/texts';

export const meta = pageTitle('sessions.answerLink.title');

export const handle = texts('sessions');
export const clientLoader = textsFirst(handle);

/** What the page needs of a link's state: never the person's id, nor more of the session than the mail said. */
function shown(page: AnswerLinkPage, request: Request) {
  if (page.state === 'refused') return { state: page.state, reason: page.reason } as const;
  const s = page.session;
  const session = {
    id: s.id,
    title: s.title,
    pool_name: s.pool_name,
    starts_at: s.starts_at.toISOString(),
    ends_at: s.ends_at.toISOString(),
    where: s.online_url ? null : s.location,
    online: s.online_url !== null,
    my_response: s.my_response,
    my_reason: s.my_reason,
  };
  const zone = viewerTimeZone(request);
  return page.state === 'confirm'
    ? ({ state: page.state, answer: page.answer, session, zone } as const)
    : ({ state: page.state, result: page.result, session, zone } as const);
}

const noForm = { errors: {} as Record<string, string>, values: {} as Record<string, string> };

// GET only shows the answer with a button to confirm it: mail scanners (Safe Links and the like) open
// every link in a mail, and must not answer for anyone (docs/decisions/018).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const page = await openAnswerLink(params.token ?? '');
  return json({ ...shown(page, request), ...noForm }, { status: page.status });
}

/**
 * The confirm button: no sign-in, the signed link is the credential. The answer goes through the same
 * database function as on the session page; who is signed in as that person lands on the session page.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const parsed = parseForm(answerLinkSchema, await readForm(request));
  if (!parsed.ok) {
    const page = await openAnswerLink(params.token ?? '');
    return json({ ...shown(page, request), errors: parsed.errors, values: parsed.values }, { status: 400 });
  }
  const page = await giveAnswerByLink(params.token ?? '', parsed.data.reason);
  if (page.state === 'done' && (await getUser(request))?.id === page.personId) {
    const key = page.result === 'waiting' ? 'sessions.rsvp.waitingSaved' : 'sessions.rsvp.saved';
    return redirect(`/sessions/${page.session.id}`, { headers: await flash(request, key) });
  }
  return json({ ...shown(page, request), ...noForm }, { status: page.status });
}

export default function AnswerLink() {
  const loaded = useLoaderData<typeof loader>();
  const posted = useActionData<typeof action>();
  const { t } = useTranslation();
  const page = posted ?? loaded;
  return (
    <article aria-labelledby="answer-title" className="answer-link">
      <h1 id="answer-title">{t('sessions.answerLink.title')}</h1>
      {page.state === 'refused' ? (
        <>
          <p role="alert">{t(`sessions.answerLink.refused.${page.reason}`)}</p>
          <p>
            <Link to="/sessions">{t('sessions.answerLink.mySessions')}</Link>
          </p>
        </>
      ) : (
        <>
          <dl className="facts">
            <dt>{t('sessions.answerLink.session')}</dt>
            <dd>
              <bdi>{page.session.title}</bdi>
            </dd>
            <dt>{t('sessions.show.pool')}</dt>
            <dd>
              <bdi>{page.session.pool_name}</bdi>
            </dd>
            <dt>{t('sessions.show.when')}</dt>
            <dd>
              <SessionWhen start={page.session.starts_at} end={page.session.ends_at} zone={page.zone} />
              <span className="meta"> ({page.zone})</span>
            </dd>
            {page.session.online || page.session.where ? (
              <>
                <dt>{t('sessions.show.where')}</dt>
                <dd>{page.session.online ? t('sessions.answerLink.online') : <bdi>{page.session.where}</bdi>}</dd>
              </>
            ) : null}
          </dl>
          {page.state === 'confirm' ? (
            <Form method="post" className="card">
              <p className="my-answer">
                {t('sessions.myAnswer', { answer: t(`sessions.answers.${page.session.my_response ?? 'none'}`) })}
              </p>
              <TextAreaField
                name="reason"
                label={t('sessions.rsvp.reason')}
                rows={2}
                maxLength={500}
                defaultValue={page.values.reason ?? page.session.my_reason ?? ''}
                error={page.errors.reason}
              />
              <button type="submit">
                {t('sessions.answerLink.confirm', { answer: t(`sessions.answers.${page.answer}`) })}
              </button>
            </Form>
          ) : (
            <p role="status">
              {t(page.result === 'waiting' ? 'sessions.rsvp.waitingSaved' : 'sessions.rsvp.saved')}{' '}
              {t('sessions.myAnswer', { answer: t(`sessions.answers.${page.result}`) })}
            </p>
          )}
          <p>
            <Link to={`/sessions/${page.session.id}`}>{t('sessions.answerLink.openSession')}</Link>
          </p>
        </>
      )}
    </article>
  );
}
