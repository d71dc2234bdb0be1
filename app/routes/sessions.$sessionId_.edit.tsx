import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requireUser } from '~/auth/auth.server';
import { flash } from '~/auth/session.server';
import { withUser, type Tx } from '~/db/db.server';
import { forbidden, notFound } from '~/http.server';
import { formatRange } from '~/i18n/format';
import { detectLocale } from '~/i18n/locale.server';
import { requireId } from '~/input/params.server';
import { readForm } from '~/input/request.server';
import { SessionFields } from '~/sessions/components/SessionFields';
import { editSession, getSession } from '~/sessions/queries.server';
import { editSessionSchema } from '~/sessions/schema.server';
import { instantToWallClock } from '~/sessions/time';
import { Field, FormError } from '~/ui/Field';
import { parseForm, withoutSecrets } from '~/ui/forms';
import { TextAreaField } from '~/ui/TextAreaField';
import { pageTitle } from '~/ui/meta';
import { texts, textsFirst } from '~/i18n/texts';

export const meta = pageTitle('sessions.edit.title');

export const handle = texts('sessions');
export const clientLoader = textsFirst(handle);

async function requireManagedSession(tx: Tx, sessionId: string, userId: string) {
  const session = await getSession(tx, sessionId, userId);
  if (!session) throw notFound();
  if (!session.can_manage) throw forbidden();
  return session;
}

type Session = Awaited<ReturnType<typeof requireManagedSession>>;

/** The stored session as form values, in the wall-clock zone it was planned in. */
function formValues(s: Session): Record<string, string> {
  const start = instantToWallClock(s.starts_at, s.time_zone);
  const deadline = s.rsvp_deadline ? instantToWallClock(s.rsvp_deadline, s.time_zone) : null;
  return {
    title: s.title,
    purpose: s.purpose,
    agenda: s.agenda,
    date: start.date,
    startTime: start.time,
    endTime: instantToWallClock(s.ends_at, s.time_zone).time,
    onlineUrl: s.online_url ?? '',
    location: s.location ?? '',
    languages: s.languages.join(', '),
    interpreter: s.interpreter ? 'on' : '',
    capacity: s.capacity === null ? '' : String(s.capacity),
    rsvpDeadline: deadline ? `${deadline.date}T${deadline.time}` : '',
    notes: s.notes,
    version: String(s.version),
  };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const sessionId = requireId(params.sessionId);
  const session = await withUser(user, (tx) => requireManagedSession(tx, sessionId, user.id));
  return json({
    id: session.id,
    zone: session.time_zone,
    inSeries: session.series_count > 1,
    values: formValues(session),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const sessionId = requireId(params.sessionId);
  const formData = await readForm(request);
  const parsed = parseForm(editSessionSchema, formData);
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values, conflict: null }, { status: 400 });
  const outcome = await withUser(user, async (tx) => {
    await requireManagedSession(tx, sessionId, user.id);
    const result = await editSession(tx, sessionId, parsed.data, user.id);
    return { result, current: result.ok ? null : await getSession(tx, sessionId, user.id) };
  });
  if (!outcome.result.ok) {
    // Nothing was saved. The editor keeps what they typed, learns what is saved now, and may save
    // again on purpose: the form now carries the current version.
    const current = outcome.current!;
    const typed: Record<string, string> = {};
    for (const [key, value] of formData) if (typeof value === 'string') typed[key] = value;
    typed.version = String(current.version);
    const locale = await detectLocale(request);
    return json(
      {
        errors: {},
        values: withoutSecrets(typed),
        conflict: {
          title: current.title,
          when: formatRange(current.starts_at, current.ends_at, current.time_zone, locale),
        },
      },
      { status: 409 },
    );
  }
  // A move or a new place, time or link: the invitees' mails go out now.
  context.wakeJobRunner();
  const key = outcome.result.moved ? 'sessions.edit.moved' : 'sessions.edit.saved';
  return redirect(`/sessions/${sessionId}`, { headers: await flash(request, key) });
}

export default function EditSessionPage() {
  const { t } = useTranslation();
  const loaded = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const values: Record<string, string | undefined> = data?.values ?? loaded.values;
  const errors = data?.errors ?? {};
  return (
    <article aria-labelledby="edit-title" className="form-page">
      <h1 id="edit-title">{t('sessions.edit.title')}</h1>
      {data?.conflict ? (
        <p className="form-error" role="alert" tabIndex={-1}>
          {t('sessions.edit.conflict', data.conflict)}
        </p>
      ) : (
        <FormError error={data ? 'errors.summary' : null} />
      )}
      {/* A new key after a conflict, so the fields show the typed values and the new version. */}
      <Form method="post" noValidate key={values.version}>
        <input type="hidden" name="version" value={values.version} />
        <SessionFields values={values} errors={errors} zone={loaded.zone} />
        <TextAreaField name="notes" label={t('sessions.edit.notes')} rows={4} defaultValue={values.notes} />
        {loaded.inSeries ? (
          <fieldset>
            <legend>{t('sessions.edit.scope')}</legend>
            {(['this', 'following'] as const).map((scope) => (
              <div className="choice" key={scope}>
                <input
                  type="radio"
                  id={`scope-${scope}`}
                  name="scope"
                  value={scope}
                  defaultChecked={(values.scope ?? 'this') === scope}
                />
                <label htmlFor={`scope-${scope}`}>
                  {t(scope === 'this' ? 'sessions.edit.scopeThis' : 'sessions.edit.scopeFollowing')}
                </label>
              </div>
            ))}
          </fieldset>
        ) : null}
        <Field
          name="reason"
          label={t('sessions.edit.reason')}
          hint={t('sessions.edit.reasonHint')}
          defaultValue={values.reason}
          maxLength={1000}
        />
        <button type="submit">{t('sessions.edit.submit')}</button>
      </Form>
    </article>
  );
}
