import { useTranslation } from 'react-i18next';

/** A one-time confirmation after a form was sent, read out by screen readers. */
export function Flash({ messageKey }: { messageKey: string }) {
  const { t } = useTranslation();
  return (
    <p className="flash" role="status">
      {t(messageKey)}
    </p>
  );
}
