import type { Locale } from './locales';
import ar from './ar';
import arMail from './ar/mail.json';
import en from './en';
import enMail from './en/mail.json';
import fa from './fa';
import faMail from './fa/mail.json';
import nl from './nl';
import nlMail from './nl/mail.json';
import ti from './ti';
import tiMail from './ti/mail.json';
import tr from './tr';
import trMail from './tr/mail.json';

/**
 * Every language, for the server (pages, mails, exports); a browser gets only its page's language, and
 * without `mail.json`: the texts of mails only the server writes stay out of every page's download.
 */
export const translations: Record<Locale, Record<string, unknown>> = {
  nl: { ...nl, ...nlMail },
  en: { ...en, ...enMail },
  ar: { ...ar, ...arMail },
  ti: { ...ti, ...tiMail },
  fa: { ...fa, ...faMail },
  tr: { ...tr, ...trMail },
};
