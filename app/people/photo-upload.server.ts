import { readFormBody } from '~/input/request.server';
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
 * The type is decided by the file's own first bytes, not by what the browser says it is (nor by its
 * name, which is not kept).
 */
export async function readPhotoUpload(request: Request): Promise<PhotoUpload> {
  const body = await readFormBody(request, MAX_REQUEST_BYTES);
  if (!body.ok) return { intent: 'upload', ok: false, problem: body.problem === 'tooLarge' ? 'tooLarge' : 'missing' };
  if (body.form.get('intent') === 'remove') return { intent: 'remove' };
  const file = body.form.get('photo');
  if (!(file instanceof File) || file.size === 0) return { intent: 'upload', ok: false, problem: 'missing' };
  if (file.size > MAX_PHOTO_BYTES) return { intent: 'upload', ok: false, problem: 'tooLarge' };
  const bytes = new Uint8Array(await file.arrayBuffer());
  const type = detectImageType(bytes);
  if (!type) return { intent: 'upload', ok: false, problem: 'notAnImage' };
  return { intent: 'upload', ok: true, type, bytes };
}
