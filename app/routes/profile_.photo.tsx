import type { ActionFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { requireUser } from '~/auth/auth.server';
import { flash } from '~/auth/session.server';
import { withUser } from '~/db/db.server';
import { readPhotoUpload } from '~/people/photo-upload.server';
import { removePhoto, savePhoto } from '~/people/profile.server';

/** Upload or remove one's photo; the profile page shows the outcome as a message. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const upload = await readPhotoUpload(request);
  if (upload.intent === 'remove') {
    await withUser(user, (tx) => removePhoto(tx, user.id));
    return redirect('/profile', { headers: await flash(request, 'people.flash.photoRemoved') });
  }
  if (!upload.ok) {
    return redirect('/profile', { headers: await flash(request, `people.photo.errors.${upload.problem}`) });
  }
  await withUser(user, (tx) => savePhoto(tx, user.id, upload.type, upload.bytes));
  return redirect('/profile', { headers: await flash(request, 'people.flash.photoSaved') });
}

export const loader = () => redirect('/profile');
