/** How long a signal's text may be: the form's maxLength and the schema's limit. */
export const SIGNAL_BODY_MAX = 2000;
