import { readFormBody } from '~/input/request.server';
import { uploadedFileName } from '~/input/text';
import { MAX_IMPORT_BYTES } from './limits';

// Room for the multipart wrapping around the file.
const MAX_REQUEST_BYTES = MAX_IMPORT_BYTES + 16 * 1024;

/** The file's text, and the form's other fields (a choice sent with the file). */
export type CsvUpload =
  | { ok: true; fileName: string; text: string; form: FormData }
  | { ok: false; problem: 'tooLarge' | 'missing' | 'notText'; fileName: string; form?: FormData };

/**
 * Reads an uploaded CSV without ever holding more than the limit (a declared size over it is refused
 * before reading; an undeclared one is cut off as it passes), and decodes it as UTF-8, refusing bytes
 * that are not (a spreadsheet saved in another encoding would otherwise import garbled names).
 */
export async function readCsvUpload(request: Request): Promise<CsvUpload> {
  const body = await readFormBody(request, MAX_REQUEST_BYTES);
  if (!body.ok) return { ok: false, problem: body.problem === 'tooLarge' ? 'tooLarge' : 'missing', fileName: '' };
  const { form } = body;
  const file = form.get('file');
  if (!(file instanceof File) || file.size === 0) return { ok: false, problem: 'missing', fileName: '', form };
  const fileName = uploadedFileName(file.name, 'import.csv');
  if (file.size > MAX_IMPORT_BYTES) return { ok: false, problem: 'tooLarge', fileName, form };
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer());
    return { ok: true, fileName, text, form };
  } catch {
    return { ok: false, problem: 'notText', fileName, form };
  }
}
