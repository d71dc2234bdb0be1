import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { authMode, requireUser, signOutElsewhere } from '~/auth/auth.server';
import { endMySessions, listMySessions } from '~/auth/auth-sessions.server';
import { SignedInDevices } from '~/auth/components/SignedInDevices';
import { describeDevice } from '~/auth/device';
import { flash } from '~/auth/session.server';
import { withUser } from '~/db/db.server';
import { notFound } from '~/http.server';
import { requireId } from '~/input/params.server';
import { readForm } from '~/input/request.server';
import { ConsentList } from '~/people/components/ConsentList';
import { ProfileForm, type ProfileValues } from '~/people/components/ProfileForm';
import { giveConsent, listMyConsents, withdrawConsent } from '~/people/consents.server';
import { getMyProfile, getProfileChoices, saveProfile } from '~/people/profile.server';
import { consentSchema, profileFormValues, profileSchema } from '~/people/schema.server';
import { PoolList } from '~/pools/components/PoolList';
import { listMyPools } from '~/pools/queries.server';
import { FormError } from '~/ui/Field';
import { parseForm, parseValues } from '~/ui/forms';
import { pageTitle } from '~/ui/meta';
import { texts, textsFirst } from '~/i18n/texts';

export const meta = pageTitle('people.profile.title');

export const handle = texts('notifications', 'people');
export const clientLoader = textsFirst(handle);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const data = await withUser(user, async (tx) => {
    const [profile, choices, consents, pools, sessions] = await Promise.all([
      getMyProfile(tx, user.id),
      getProfileChoices(tx),
      listMyConsents(tx, user.id),
      listMyPools(tx, user.id),
      authMode === 'local' ? listMySessions(tx, user.id) : [],
    ]);
    return { profile, choices, consents, pools, sessions };
  });
  const { profile, sessions, ...lists } = data;
  if (!profile) throw notFound();
  const values: ProfileValues = {
    displayName: profile.display_name,
    municipalityId: profile.municipality_id ?? '',
    arrivalYear: profile.arrival_year?.toString() ?? '',
    languages: profile.languages,
    themes: profile.themes,
    availability: profile.availability,
    contactPreference: profile.contact_preference ?? '',
    route: profile.route ?? '',
    phone: profile.phone ?? '',
  };
  const devices = sessions.map((session) => ({
    id: session.id,
    ...describeDevice(session.user_agent),
    createdAt: session.created_at.toISOString(),
    lastSeenAt: session.last_seen_at.toISOString(),
    current: session.id === user.sessionId,
  }));
  return json({
    ...lists,
    profile,
    devices,
    supabase: authMode === 'supabase',
    userId: user.id,
    values,
    photoVersion: profile.photoUpdatedAt?.getTime() ?? null,
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await readForm(request);
  const intent = formData.get('intent');
  if (intent === 'end-other-sessions') {
    // With Supabase its global sign-out ends this browser's session too.
    return redirect(authMode === 'supabase' ? '/' : '/profile#devices', {
      headers: await signOutElsewhere(request, user),
    });
  }
  if (intent === 'end-session') {
    const sessionId = requireId(String(formData.get('sessionId') ?? ''));
    const ended = await withUser(user, (tx) => endMySessions(tx, { only: sessionId }));
    const key = ended ? 'people.devices.flash.signedOutDevice' : 'people.devices.flash.alreadyEnded';
    return redirect('/profile#devices', { headers: await flash(request, key) });
  }
  if (intent === 'profile') {
    const parsed = parseValues(profileSchema, profileFormValues(formData));
    if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values, formError: null }, { status: 400 });
    await withUser(user, (tx) => saveProfile(tx, user.id, parsed.data));
    return redirect('/profile', { headers: await flash(request, 'people.flash.profileSaved') });
  }
  const parsed = parseForm(consentSchema, formData);
  if (!parsed.ok) return json({ errors: {}, values: null, formError: 'people.errors.consentForm' }, { status: 400 });
  const consent = parsed.data;
  const outcome = await withUser(user, (tx) =>
    consent.intent === 'give'
      ? giveConsent(tx, user.id, consent.purpose)
      : withdrawConsent(tx, user.id, consent.consentId),
  );
  return redirect('/profile#consents', { headers: await flash(request, `people.flash.consent.${outcome}`) });
}

export default function ProfilePage() {
  const { t } = useTranslation();
  const { values, choices, consents, pools, devices, supabase, userId, photoVersion } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  return (
    <article aria-labelledby="profile-title" className="profile-page">
      <h1 id="profile-title">{t('people.profile.title')}</h1>
      <p className="lead">{t('people.profile.intro')}</p>
      <FormError error={data?.formError} />

      <section aria-labelledby="about-title">
        <h2 id="about-title">{t('people.profile.aboutYou')}</h2>
        <ProfileForm
          values={(data?.values as ProfileValues | null) ?? values}
          errors={data?.errors}
          municipalities={choices.municipalities}
          indicators={choices.indicators}
        />
      </section>

      <section aria-labelledby="photo-title">
        <h2 id="photo-title">{t('people.photo.title')}</h2>
        {photoVersion ? (
          <img
            className="profile-photo"
            src={`/people/${userId}/photo?v=${photoVersion}`}
            alt={t('people.photo.alt', { name: values.displayName })}
            width={120}
            height={120}
          />
        ) : (
          <p>{t('people.photo.none')}</p>
        )}
        <Form method="post" action="/profile/photo" encType="multipart/form-data" className="photo-form">
          <div className="field">
            <label htmlFor="photo-file">{t('people.photo.choose')}</label>
            <p className="hint" id="photo-hint">
              {t('people.photo.hint')}
            </p>
            <input
              id="photo-file"
              type="file"
              name="photo"
              accept="image/jpeg,image/png,image/webp"
              aria-describedby="photo-hint"
            />
          </div>
          <button type="submit" name="intent" value="upload">
            {t('people.photo.upload')}
          </button>{' '}
          {photoVersion ? (
            <button type="submit" name="intent" value="remove" className="secondary">
              {t('people.photo.remove')}
            </button>
          ) : null}
        </Form>
      </section>

      <section aria-labelledby="consents-title" id="consents">
        <h2 id="consents-title">{t('people.consent.title')}</h2>
        <p>{t('people.consent.intro')}</p>
        <ConsentList consents={consents} />
      </section>

      <section aria-labelledby="mail-title">
        <h2 id="mail-title">{t('notifications.preferences.title')}</h2>
        <p>
          <Link to="/notifications/preferences">{t('notifications.preferences.link')}</Link>
        </p>
      </section>

      <section aria-labelledby="my-pools-title">
        <h2 id="my-pools-title">{t('people.profile.myPools')}</h2>
        {pools.length === 0 ? <p>{t('dashboard.noPools')}</p> : <PoolList pools={pools} />}
      </section>

      <section aria-labelledby="devices-title" id="devices">
        <h2 id="devices-title">{t('people.devices.title')}</h2>
        <p>{t('people.devices.intro')}</p>
        <SignedInDevices devices={devices} supabase={supabase} />
      </section>

      <section aria-labelledby="my-data-title">
        <h2 id="my-data-title">{t('people.data.title')}</h2>
        <p>{t('people.data.intro')}</p>
        <p>
          <a href="/profile/export" download>
            {t('people.data.download')}
          </a>
        </p>
        <p>
          <Link to="/profile/delete">{t('people.data.deleteLink')}</Link>
        </p>
      </section>
    </article>
  );
}
