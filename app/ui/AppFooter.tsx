import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

/** The footer of every page: the glossary, where every domain word is explained in the reader's language. */
export function AppFooter() {
  const { t } = useTranslation();
  return (
    <footer className="app-footer">
      <nav aria-label={t('glossary.footerLabel')}>
        <Link to="/glossary">{t('glossary.footerLink')}</Link>
      </nav>
    </footer>
  );
}
