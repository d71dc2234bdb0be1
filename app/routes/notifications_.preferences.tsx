import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requireUser } from '~/auth/auth.server';
import { flash } from '~/auth/session.server';
import { withUser } from '~/db/db.server';
import { NOTIFICATION_DELIVERIES, NOTIFICATION_KINDS } from '~/db/types';
import { readForm } from '~/input/request.server';
import { getMyTimeZone, listMyDeliveries, saveMyDeliveries, saveMyTimeZone } from '~/notifications/preferences.server';
import { preferencesSchema, TIME_ZONES } from '~/notifications/schema.server';
import { SelectField } from '~/ui/SelectField';
import { parseForm } from '~/ui/forms';
import { pageTitle } from '~/ui/meta';
import { texts, textsFirst } from '~/i18n/texts';

export const meta = pageTitle('notifications.preferences.title');

export const handle = texts('notifications');
export const clientLoader = textsFirst(handle);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const values: Record<string, string> = await withUser(user, async (tx) => ({
    ...(await listMyDeliveries(tx)),
    timeZone: (await getMyTimeZone(tx, user.id)) ?? '',
  }));
  return json({ values, timeZones: TIME_ZONES });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = parseForm(preferencesSchema, await readForm(request));
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const { timeZone, ...deliveries } = parsed.data;
  await withUser(user, async (tx) => {
    await saveMyDeliveries(tx, user.id, deliveries);
    await saveMyTimeZone(tx, user.id, timeZone);
  });
  return redirect('/notifications/preferences', { headers: await flash(request, 'notifications.preferences.saved') });
}

export default function NotificationPreferences() {
  const { values, timeZones } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const { t } = useTranslation();
  const shown: Record<string, string> = refused?.values ?? values;
  return (
    <article aria-labelledby="preferences-title">
      <h1 id="preferences-title">{t('notifications.preferences.title')}</h1>
      <p>{t('notifications.preferences.intro')}</p>
      <Form method="post">
        {NOTIFICATION_KINDS.map((kind) => (
          <SelectField
            key={kind}
            name={kind}
            label={t(`notifications.kindNames.${kind}`)}
            defaultValue={shown[kind]}
            error={refused?.errors[kind] ? t(refused.errors[kind]) : undefined}
          >
            {NOTIFICATION_DELIVERIES.map((delivery) => (
              <option dir="auto" key={delivery} value={delivery}>
                {t(`notifications.preferences.deliveries.${delivery}`)}
              </option>
            ))}
          </SelectField>
        ))}
        <SelectField
          name="timeZone"
          label={t('notifications.preferences.timeZone')}
          hint={t('notifications.preferences.timeZoneHint')}
          defaultValue={shown.timeZone}
          error={refused?.errors.timeZone ? t(refused.errors.timeZone) : undefined}
        >
          <option value="">{t('notifications.preferences.timeZoneDefault')}</option>
          {timeZones.map((zone) => (
            <option key={zone} value={zone} dir="ltr">
              {zone.replace(/_/g, ' ')}
            </option>
          ))}
        </SelectField>
        <button type="submit">{t('notifications.preferences.save')}</button>
      </Form>
    </article>
  );
}
