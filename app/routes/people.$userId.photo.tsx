import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireUser } from '~/auth/auth.server';
import { withUser } from '~/db/db.server';
import { notFound } from '~/http.server';
import { requireId } from '~/input/params.server';
import { getPhoto } from '~/people/profile.server';

/** A person's photo, for whoever RLS lets see it; everyone else gets the same 404 as for no photo. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const userId = requireId(params.userId);
  const photo = await withUser(user, (tx) => getPhoto(tx, userId));
  if (!photo) throw notFound();
  // pg and PGlite both hand bytea over as a Uint8Array over a plain ArrayBuffer.
  return new Response(photo.data as Uint8Array<ArrayBuffer>, {
    headers: {
      'Content-Type': photo.content_type,
      'Content-Length': String(photo.data.byteLength),
      'Cache-Control': 'private, max-age=3600',
      'X-Content-Type-Options': 'nosniff',
      'Content-Disposition': 'inline',
    },
  });
}
