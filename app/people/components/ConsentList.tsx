import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '~/i18n/format';

interface ConsentState {
  purpose: string;
  current: { id: string; given_at: string } | null;
  history: { id: string; given_at: string; withdrawn_at: string | null }[];
}

/** Each purpose on its own: what it means, since when it is given, one button to give or withdraw. */
export function ConsentList({ consents }: { consents: ConsentState[] }) {
  const { t, i18n } = useTranslation();
  const date = (iso: string) => formatDate(iso, i18n.language, 'long');
  return (
    <ul className="consent-list">
      {consents.map(({ purpose, current, history }) => {
        const lastWithdrawn = history.find((h) => h.withdrawn_at);
        return (
          <li key={purpose} className="card">
            <h3>{t(`people.consent.purposes.${purpose}`)}</h3>
            <p className="hint">{t(`people.consent.explain.${purpose}`)}</p>
            <p>
              {current
                ? t('people.consent.givenOn', { date: date(current.given_at) })
                : lastWithdrawn?.withdrawn_at
                  ? t('people.consent.withdrawnOn', { date: date(lastWithdrawn.withdrawn_at) })
                  : t('people.consent.notGiven')}
            </p>
            <Form method="post">
              <input type="hidden" name="purpose" value={purpose} />
              {current ? (
                <>
                  <input type="hidden" name="consentId" value={current.id} />
                  <button type="submit" name="intent" value="withdraw" className="secondary">
                    {t('people.consent.withdraw', { purpose: t(`people.consent.purposes.${purpose}`) })}
                  </button>
                </>
              ) : (
                <button type="submit" name="intent" value="give">
                  {t('people.consent.give', { purpose: t(`people.consent.purposes.${purpose}`) })}
                </button>
              )}
            </Form>
          </li>
        );
      })}
    </ul>
  );
}
