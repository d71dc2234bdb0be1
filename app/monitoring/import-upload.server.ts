import {
  unstable_createMemoryUploadHandler as createMemoryUploadHandler,
  unstable_parseMultipartFormData as parseMultipartFormData,
  MaxPartSizeExceededError,
} from '@remix-run/node';
import { MAX_IMPORT_BYTES } from './limits';

// Room for the multipart wrapping around the file.
const MAX_REQUEST_BYTES = MAX_IMPORT_BYTES + 16 * 1024;

export type CsvUpload =
  | { ok: true; fileName: string; text: string }
  | { ok: false; problem: 'tooLarge' | 'missing' | 'notText'; fileName: string };

/**
 * Reads an uploaded CSV without ever holding more than the limit (a declared size over it is refused
 * before reading; an undeclared one is cut off as it passes), and decodes it as UTF-8, refusing bytes
 * that are not (a spreadsheet saved in another encoding would otherwise import garbled names).
 */
export async function readCsvUpload(request: Request): Promise<CsvUpload> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > MAX_REQUEST_BYTES) return { ok: false, problem: 'tooLarge', fileName: '' };
  let form: FormData;
  try {
    form = await parseMultipartFormData(
      request,
      createMemoryUploadHandler({ maxPartSize: MAX_IMPORT_BYTES, filter: ({ name }) => name === 'file' }),
    );
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return { ok: false, problem: 'tooLarge', fileName: '' };
    throw error;
  }
  const file = form.get('file');
  if (!(file instanceof Blob) || file.size === 0) return { ok: false, problem: 'missing', fileName: '' };
  const fileName = ('name' in file && typeof file.name === 'string' ? file.name : 'import.csv').slice(0, 255);
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer());
    return { ok: true, fileName, text };
  } catch {
    return { ok: false, problem: 'notText', fileName };
  }
}
