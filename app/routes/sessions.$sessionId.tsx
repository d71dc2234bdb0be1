import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AdviceLinks } from '~/advice/components/AdviceLinks';
import { requireUser } from '~/auth/auth.server';
import { flash } from '~/auth/session.server';
import { withUser } from '~/db/db.server';
import { forbidden, notFound } from '~/http.server';
import { formatInZone } from '~/i18n/format';
import { useLocale } from '~/i18n/useLocale';
import { requireId } from '~/input/params.server';
import { readForm } from '~/input/request.server';
import { renderAgenda } from '~/sessions/agenda.server';
import { AttendanceForm } from '~/sessions/components/AttendanceForm';
import { Instant, RememberTimeZone, SessionWhen } from '~/sessions/components/SessionTime';
import {
  answerSession,
  cancelSession,
  getSession,
  inviteMembers,
  recordAttendance,
  requestReminder,
  SessionRefusal,
  takesAnswers,
} from '~/sessions/queries.server';
import { answerSchema, cancelSchema, parseAttendance } from '~/sessions/schema.server';
import { viewerTimeZone } from '~/sessions/viewer.server';
import { FormError } from '~/ui/Field';
import { parseForm } from '~/ui/forms';
import { TextAreaField } from '~/ui/TextAreaField';
import { storedTitle } from '~/ui/meta';
import { texts, textsFirst } from '~/i18n/texts';

export const handle = texts('sessions');
export const clientLoader = textsFirst(handle);

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? storedTitle(data.session.title) : 'Expertpool' },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const sessionId = requireId(params.sessionId);
  const session = await withUser(user, (tx) => getSession(tx, sessionId, user.id));
  if (!session) throw notFound();
  return json({
    zone: viewerTimeZone(request),
    session: { ...session, agenda_html: renderAgenda(session.agenda) },
    answersOpen: takesAnswers(session),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const sessionId = requireId(params.sessionId);
  const formData = await readForm(request);
  const intent = formData.get('intent');
  if (intent === 'answer') {
    const parsed = parseForm(answerSchema, formData);
    if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values, refusal: null }, { status: 400 });
    try {
      const result = await withUser(user, (tx) => answerSession(tx, sessionId, parsed.data.answer, parsed.data.reason));
      const key = result === 'waiting' ? 'sessions.rsvp.waitingSaved' : 'sessions.rsvp.saved';
      return redirect(`/sessions/${sessionId}`, { headers: await flash(request, key) });
    } catch (error) {
      if (!(error instanceof SessionRefusal)) throw error;
      return json(
        { errors: {}, values: { reason: parsed.data.reason }, refusal: `sessionErrors.${error.reason}` },
        { status: error.reason === 'session_not_found' ? 404 : 409 },
      );
    }
  }

  // Everything below is for the session's coordinators; RLS enforces it, the check gives a clear 403.
  const session = await withUser(user, (tx) => getSession(tx, sessionId, user.id));
  if (!session) throw notFound();
  if (!session.can_manage) throw forbidden();

  if (intent === 'attendance') {
    await withUser(user, (tx) => recordAttendance(tx, sessionId, parseAttendance(formData)));
    return redirect(`/sessions/${sessionId}`, { headers: await flash(request, 'sessions.manage.attendanceSaved') });
  }
  if (intent === 'inviteAll') {
    await withUser(user, (tx) => inviteMembers(tx, sessionId, 'all'));
    return redirect(`/sessions/${sessionId}`, { headers: await flash(request, 'sessions.manage.invited') });
  }
  if (intent === 'remind') {
    await withUser(user, (tx) => requestReminder(tx, sessionId));
    context.wakeJobRunner();
    return redirect(`/sessions/${sessionId}`, { headers: await flash(request, 'sessions.manage.reminded') });
  }
  if (intent === 'cancel') {
    const parsed = parseForm(cancelSchema, formData);
    if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values, refusal: null }, { status: 400 });
    await withUser(user, (tx) => cancelSession(tx, sessionId, parsed.data.reason, user.id));
    context.wakeJobRunner();
    return redirect(`/sessions/${sessionId}`, { headers: await flash(request, 'sessions.manage.cancelled') });
  }
  throw new Response('Bad Request', { status: 400 });
}

export default function SessionPage() {
  const { t } = useTranslation();
  const { session: s, zone, answersOpen } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const locale = useLocale();
  const isMember = s.invited !== null;
  const overCapacity = s.capacity !== null && (s.yes ?? 0) > s.capacity;
  return (
    <article aria-labelledby="session-title" className="session-page">
      <RememberTimeZone zone={zone} />
      {s.status === 'cancelled' ? (
        <p className="notice notice-danger">
          {t('sessions.show.cancelledBanner', { reason: s.cancel_reason ?? t('sessionMail.noReason') })}
        </p>
      ) : null}
      <h1 id="session-title">
        <bdi>{s.title}</bdi>
      </h1>
      {s.series_count > 1 ? <p className="meta">{t('sessions.show.series', { count: s.series_count })}</p> : null}
      <dl className="facts">
        <dt>{t('sessions.show.pool')}</dt>
        <dd dir="auto">{s.pool_name}</dd>
        <dt>{t('sessions.show.when')}</dt>
        <dd>
          <SessionWhen start={s.starts_at} end={s.ends_at} zone={zone} />
          <span className="meta"> ({zone})</span>
        </dd>
        <dt>{t('sessions.show.where')}</dt>
        <dd>
          {s.online_url ? (
            <a href={s.online_url} rel="noopener noreferrer" target="_blank">
              {t('sessions.show.join')}
            </a>
          ) : null}
          {s.online_url && s.location ? ' · ' : null}
          {s.location}
        </dd>
        {s.languages.length > 0 ? (
          <>
            <dt>{t('sessions.show.languages')}</dt>
            <dd>{s.languages.join(', ')}</dd>
          </>
        ) : null}
        {s.interpreter ? (
          <>
            <dt>{t('sessions.show.interpreter')}</dt>
            <dd>{t('sessions.show.interpreterYes')}</dd>
          </>
        ) : null}
        <dt>{t('sessions.show.places')}</dt>
        <dd>
          {s.capacity !== null
            ? t('sessions.show.placesTaken', { yes: s.yes ?? 0, capacity: s.capacity })
            : t('sessions.show.placesOpen', { yes: s.yes ?? 0 })}
          {s.waiting ? <> · {t('sessions.show.waitingCount', { count: s.waiting })}</> : null}
        </dd>
        {s.rsvp_deadline ? (
          <>
            <dt>{t('sessions.show.deadline')}</dt>
            <dd>
              <Instant value={s.rsvp_deadline} zone={zone} />
            </dd>
          </>
        ) : null}
      </dl>
      <p>
        <a href={`/sessions/${s.id}/ics`} download>
          {t('sessions.show.ics')}
        </a>
      </p>

      {s.boards.length > 0 || s.can_manage ? (
        <section aria-labelledby="boards-title">
          <h2 id="boards-title">{t('sessions.show.boards')}</h2>
          {s.boards.length > 0 ? (
            <ul>
              {s.boards.map((board) => (
                <li key={board.id}>
                  <Link to={`/boards/${board.id}`}>{t('sessions.show.openBoard', { title: board.title })}</Link>
                </li>
              ))}
            </ul>
          ) : (
            <p>{t('sessions.show.noBoard')}</p>
          )}
          {s.can_manage ? (
            <p>
              <Link className="button secondary" to={`/pools/${s.pool_id}/boards?sessionId=${s.id}`}>
                {t(s.boards.length > 0 ? 'sessions.show.anotherBoard' : 'sessions.show.newBoard')}
              </Link>
            </p>
          ) : null}
        </section>
      ) : null}

      {isMember ? (
        <section aria-labelledby="rsvp-title" className="card">
          <h2 id="rsvp-title">{t('sessions.rsvp.title')}</h2>
          <p className="my-answer">
            {t('sessions.myAnswer', { answer: t(`sessions.answers.${s.my_response ?? 'none'}`) })}
          </p>
          {s.my_response === 'waiting' ? <p>{t('sessions.rsvp.waitingExplained')}</p> : null}
          <FormError error={data?.refusal} />
          {answersOpen ? (
            <Form method="post" className="rsvp-form">
              <input type="hidden" name="intent" value="answer" />
              <TextAreaField
                name="reason"
                label={t('sessions.rsvp.reason')}
                rows={2}
                maxLength={500}
                defaultValue={data?.values.reason ?? s.my_reason ?? ''}
              />
              <div className="answer-buttons">
                {(['yes', 'maybe', 'no'] as const).map((answer) => (
                  <button
                    key={answer}
                    type="submit"
                    name="answer"
                    value={answer}
                    aria-pressed={s.my_response === answer || (answer === 'yes' && s.my_response === 'waiting')}
                  >
                    {t(`sessions.answers.${answer}`)}
                  </button>
                ))}
              </div>
            </Form>
          ) : (
            <p>{s.status === 'cancelled' ? t('sessionErrors.session_cancelled') : t('sessions.rsvp.closed')}</p>
          )}
        </section>
      ) : null}

      {s.purpose ? (
        <section aria-labelledby="purpose-title">
          <h2 id="purpose-title">{t('sessions.show.purpose')}</h2>
          <p dir="auto">{s.purpose}</p>
        </section>
      ) : null}
      {s.agenda_html ? (
        <section aria-labelledby="agenda-title">
          <h2 id="agenda-title">{t('sessions.show.agenda')}</h2>
          {/* Rendered from Markdown and sanitised on the server (agenda.server.ts). */}
          <div className="agenda" dangerouslySetInnerHTML={{ __html: s.agenda_html }} />
        </section>
      ) : null}
      {s.notes ? (
        <section aria-labelledby="notes-title">
          <h2 id="notes-title">{t('sessions.show.notes')}</h2>
          <p dir="auto" className="notes">
            {s.notes}
          </p>
        </section>
      ) : null}
      {s.advices.length > 0 ? (
        <section aria-labelledby="outcomes-title">
          <h2 id="outcomes-title">{t('sessions.show.outcomes')}</h2>
          <AdviceLinks advice={s.advices} />
        </section>
      ) : null}
      {s.changes.length > 0 ? (
        <section aria-labelledby="changes-title">
          <h2 id="changes-title">{t('sessions.show.changes')}</h2>
          <ul>
            {s.changes.map((c) => (
              <li key={c.created_at}>
                {c.kind === 'moved'
                  ? t('sessions.show.changeMoved', {
                      previous: formatInZone(c.previous_starts_at, zone, locale),
                      reason: c.reason || t('sessionMail.noReason'),
                    })
                  : t('sessions.show.changeCancelled', { reason: c.reason || t('sessionMail.noReason') })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {s.can_manage ? (
        <section aria-labelledby="manage-title" className="manage">
          <h2 id="manage-title">{t('sessions.manage.responses')}</h2>
          <p>
            <Link to={`/sessions/${s.id}/edit`}>{t('sessions.show.edit')}</Link>
          </p>
          {overCapacity ? (
            <p className="notice">{t('sessions.manage.overCapacity', { yes: s.yes, capacity: s.capacity })}</p>
          ) : null}
          {s.invitees.length === 0 ? (
            <p>{t('sessions.manage.noInvitees')}</p>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('sessions.manage.name')}</th>
                    <th scope="col">{t('sessions.manage.answer')}</th>
                    <th scope="col">{t('sessions.manage.reason')}</th>
                  </tr>
                </thead>
                <tbody>
                  {s.invitees.map((i) => (
                    <tr key={i.user_id}>
                      <th dir="auto" scope="row">
                        {i.display_name}
                      </th>
                      <td>{t(`sessions.answers.${i.response ?? 'none'}`)}</td>
                      <td>{i.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <Form method="post" className="inline-fields">
            <button type="submit" name="intent" value="inviteAll" className="secondary">
              {t('sessions.manage.inviteAll')}
            </button>
            {s.status === 'scheduled' ? (
              <button type="submit" name="intent" value="remind" className="secondary">
                {t('sessions.manage.remind')}
              </button>
            ) : null}
          </Form>
          <AttendanceForm invitees={s.invitees} />
          {s.status === 'scheduled' ? (
            <Form method="post" className="danger-zone" noValidate>
              <h3>{t('sessions.manage.cancel')}</h3>
              <input type="hidden" name="intent" value="cancel" />
              <TextAreaField
                name="reason"
                id="cancel-reason"
                label={t('sessions.manage.cancelReason')}
                rows={2}
                maxLength={1000}
                error={data?.errors && 'reason' in data.errors && !data.refusal ? data.errors.reason : undefined}
                required
              />
              <button type="submit" className="danger">
                {t('sessions.manage.cancel')}
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}
    </article>
  );
}
