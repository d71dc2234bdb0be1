import ar from './ar';
import en from './en';
import nl from './nl';

/** Every language, for the server (pages, mails, exports); a browser gets only its page's language. */
export const translations = { nl, en, ar };
