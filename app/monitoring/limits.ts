/** How large an import may be; shared by the upload reader, the checker and the import page's text. */
export const MAX_IMPORT_BYTES = 512 * 1024;
export const MAX_IMPORT_ROWS = 5000;
