import { z } from 'zod';
import { searchText } from '~/input/fields.server';

/** A municipality search as typed into a place filter; what is not text is no search (all of them). */
export const municipalitySearchSchema = z.object({ q: searchText(80) });
