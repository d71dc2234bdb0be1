import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { Device } from '../device';
import { formatDateTime } from '~/i18n/format';

export interface SignedInDevice extends Device {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  current: boolean;
}

/**
 * The profile's "where you are signed in": each live session with its device and when it was last
 * used, this device marked, and a sign-out button for every other one and for all of them at once.
 * With Supabase Auth its sessions cannot be listed here: one button signs out on every device.
 */
export function SignedInDevices({ devices, supabase }: { devices: SignedInDevice[]; supabase: boolean }) {
  const { t, i18n } = useTranslation();
  if (supabase) {
    return (
      <Form method="post">
        <p>{t('people.devices.everywhereIntro')}</p>
        <button type="submit" name="intent" value="end-other-sessions" className="secondary">
          {t('people.devices.signOutEverywhere')}
        </button>
      </Form>
    );
  }
  const when = (iso: string) => formatDateTime(iso, i18n.language);
  const name = (device: Device) =>
    t('people.devices.device', {
      browser: device.browser ?? t('people.devices.unknownBrowser'),
      system: device.system ?? t('people.devices.unknownSystem'),
    });
  const others = devices.filter((d) => !d.current).length;
  return (
    <>
      <ul className="device-list">
        {devices.map((device) => (
          <li key={device.id} className="card">
            <h3>
              {name(device)}
              {device.current ? <strong> {t('people.devices.thisDevice')}</strong> : null}
            </h3>
            <p>
              {t('people.devices.lastSeen', { date: when(device.lastSeenAt) })} ·{' '}
              {t('people.devices.signedInSince', { date: when(device.createdAt) })}
            </p>
            {device.current ? null : (
              <Form method="post">
                <input type="hidden" name="sessionId" value={device.id} />
                <button type="submit" name="intent" value="end-session" className="secondary">
                  {t('people.devices.signOutDevice', { device: name(device) })}
                </button>
              </Form>
            )}
          </li>
        ))}
      </ul>
      {others > 0 ? (
        <Form method="post">
          <button type="submit" name="intent" value="end-other-sessions">
            {t('people.devices.signOutOthers')}
          </button>
        </Form>
      ) : (
        <p>{t('people.devices.onlyHere')}</p>
      )}
    </>
  );
}
