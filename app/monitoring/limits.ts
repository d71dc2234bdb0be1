/** How large an import may be; shared by the upload reader, the checker and the import page's text. */
export const MAX_IMPORT_BYTES = 512 * 1024;
export const MAX_IMPORT_ROWS = 5000;

/** At most this many breakdown dimensions per management indicator (the database checks the same). */
export const MAX_DIMENSIONS = 5;
