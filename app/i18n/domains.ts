/** The interface's texts, one JSON file per domain and language (`mail.json` is the server's alone). */
export const TEXT_DOMAINS = [
  'common',
  'glossary',
  'advice',
  'boards',
  'monitoring',
  'notifications',
  'organisations',
  'people',
  'questionnaires',
  'sessions',
  'signals',
] as const;
export type TextDomain = (typeof TEXT_DOMAINS)[number];

/** Every page has these: the header, the footer, the error page and the glossary's words use them. */
export const SHELL_TEXTS: readonly TextDomain[] = ['common', 'glossary'];

export function isTextDomain(value: string): value is TextDomain {
  return (TEXT_DOMAINS as readonly string[]).includes(value);
}
