import type { Locale } from './locales';
import ar from './ar';
import en from './en';
import fa from './fa';
import nl from './nl';
import ti from './ti';
import tr from './tr';

/** Every language, for the server (pages, mails, exports); a browser gets only its page's language. */
export const translations: Record<Locale, Record<string, unknown>> = { nl, en, ar, ti, fa, tr };
