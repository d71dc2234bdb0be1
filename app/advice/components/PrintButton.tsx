import { useTranslation } from 'react-i18next';

/** Opens the browser's print dialog (print or save as PDF); the print stylesheet does the layout. */
export function PrintButton() {
  const { t } = useTranslation();
  return (
    <button type="button" className="secondary" onClick={() => window.print()}>
      {t('advice.report.print')}
    </button>
  );
}
