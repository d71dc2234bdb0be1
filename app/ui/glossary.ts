/**
 * The domain words members meet, in the order the glossary page lists them. Each has a `term` (the word as
 * a reader of that language knows it, with the Dutch name where people will hear it) and a `definition`
 * (one or two short B1 sentences) under `glossary.terms.<key>` in app/i18n/<lang>/glossary.json.
 */
export const GLOSSARY_TERMS = [
  'expertpool',
  'inburgering',
  'bredeIntake',
  'pip',
  'leerroute',
  'b1Route',
  'onderwijsroute',
  'zRoute',
  'knm',
  'map',
  'pvt',
  'advies',
  'inzicht',
  'kans',
  'goudenTip',
] as const;

export type GlossaryKey = (typeof GLOSSARY_TERMS)[number];

/** The anchor of a term on the glossary page, so a tooltip can link to the whole list. */
export const glossaryAnchor = (key: GlossaryKey) => `term-${key}`;
