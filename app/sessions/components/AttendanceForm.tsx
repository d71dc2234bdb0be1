import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { SessionResponse } from '~/db/types';

interface Invitee {
  user_id: string;
  display_name: string;
  response: SessionResponse | null;
  attended: boolean | null;
  allowance_cents: number | null;
}

/** After the session: who came, and any travel or volunteer allowance (in euros). */
export function AttendanceForm({ invitees }: { invitees: Invitee[] }) {
  const { t } = useTranslation();
  if (invitees.length === 0) return null;
  return (
    <Form method="post" className="attendance-form">
      <h3>{t('sessions.manage.attendance')}</h3>
      <input type="hidden" name="intent" value="attendance" />
      <ul className="attendance-list">
        {invitees.map((i) => (
          <li key={i.user_id}>
            <input type="hidden" name="invitee" value={i.user_id} />
            <div className="choice">
              <input
                type="checkbox"
                id={`attended-${i.user_id}`}
                name={`attended:${i.user_id}`}
                defaultChecked={i.attended ?? i.response === 'yes'}
              />
              <label htmlFor={`attended-${i.user_id}`}>{t('sessions.manage.attended', { name: i.display_name })}</label>
            </div>
            <div className="field allowance-field">
              <label htmlFor={`allowance-${i.user_id}`}>
                {t('sessions.manage.allowance', { name: i.display_name })}
              </label>
              <input
                id={`allowance-${i.user_id}`}
                name={`allowance:${i.user_id}`}
                inputMode="decimal"
                defaultValue={i.allowance_cents !== null ? (i.allowance_cents / 100).toFixed(2) : ''}
              />
            </div>
          </li>
        ))}
      </ul>
      <button type="submit">{t('sessions.manage.saveAttendance')}</button>
    </Form>
  );
}
