import * as z from 'zod';
import { optionalText, requiredText } from '~/input/fields.server';
import { INDICATOR_CODES } from './framework';

/** An admin's change of one indicator's names and descriptions. */
export const indicatorTextSchema = z.object({
  code: z.enum(INDICATOR_CODES as [string, ...string[]]),
  name_nl: requiredText(120),
  name_en: requiredText(120),
  name_ar: requiredText(120),
  description_nl: optionalText(2000),
  description_en: optionalText(2000),
  description_ar: optionalText(2000),
});
