import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

/**
 * The short "remove" of a row in the monitoring's tables and lists: a form of its own posting `intent`
 * with the row's id as `field`, named for screen readers by `label` (which row it removes).
 */
export function RemoveButton({
  intent,
  field,
  id,
  label,
  busy,
}: {
  intent: string;
  field: string;
  id: string;
  label: string;
  busy?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Form method="post" preventScrollReset className="inline-form">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name={field} value={id} />
      <button type="submit" className="link-button" aria-label={label} disabled={busy}>
        {t('monitoring.values.removeShort')}
      </button>
    </Form>
  );
}
