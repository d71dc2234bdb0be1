import type { GlossaryKey } from '~/ui/glossary';

/** The board templates named after a domain word, so their names can carry its explanation. */
const TEMPLATE_TERMS: Readonly<Record<string, GlossaryKey>> = {
  brede_intake: 'bredeIntake',
  pip: 'pip',
  map: 'map',
  knm: 'knm',
  pvt: 'pvt',
  golden_tips: 'goudenTip',
};

/** The glossary word a template is named after, if any (a stored board may have an old template key). */
export function templateTerm(templateKey: string): GlossaryKey | null {
  return Object.hasOwn(TEMPLATE_TERMS, templateKey) ? TEMPLATE_TERMS[templateKey]! : null;
}
