import {
  unstable_createMemoryUploadHandler as createMemoryUploadHandler,
  unstable_parseMultipartFormData as parseMultipartFormData,
  MaxPartSizeExceededError,
} from '@remix-run/node';
import { detectImageType, type ImageType } from './image-type';

export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;
// Room for the multipart wrapping and the other small fields around the photo.
const MAX_REQUEST_BYTES = MAX_PHOTO_BYTES + 64 * 1024;

export type PhotoUpload =
  | { intent: 'remove' }
  | { intent: 'upload'; ok: true; type: ImageType; bytes: Uint8Array }
  | { intent: 'upload'; ok: false; problem: 'tooLarge' | 'notAnImage' | 'missing' };

/**
 * Reads a photo upload without ever holding more than the limit: a declared size over it is refused
 * before the body is read, and a body without a declared size is cut off as soon as it passes it.
 * The type is decided by the file's own first bytes, not by what the browser says it is.
 */
export async function readPhotoUpload(request: Request): Promise<PhotoUpload> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > MAX_REQUEST_BYTES) return { intent: 'upload', ok: false, problem: 'tooLarge' };
  let form: FormData;
  try {
    form = await parseMultipartFormData(
      request,
      createMemoryUploadHandler({
        maxPartSize: MAX_PHOTO_BYTES,
        filter: ({ name }) => ['photo', 'intent'].includes(name),
      }),
    );
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return { intent: 'upload', ok: false, problem: 'tooLarge' };
    throw error;
  }
  if (form.get('intent') === 'remove') return { intent: 'remove' };
  const file = form.get('photo');
  if (!(file instanceof Blob) || file.size === 0) return { intent: 'upload', ok: false, problem: 'missing' };
  const bytes = new Uint8Array(await file.arrayBuffer());
  const type = detectImageType(bytes);
  if (!type) return { intent: 'upload', ok: false, problem: 'notAnImage' };
  return { intent: 'upload', ok: true, type, bytes };
}
