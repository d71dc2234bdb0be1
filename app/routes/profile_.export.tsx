import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireUser } from '~/auth/auth.server';
import { withUser } from '~/db/db.server';
import { exportMyData } from '~/people/my-data.server';

/** "Download everything stored about me" (AVG/GDPR right of access), as one JSON file. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const data = await withUser(user, (tx) => exportMyData(tx, user));
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': 'attachment; filename="expertpool-mijn-gegevens.json"',
      'Cache-Control': 'no-store',
    },
  });
}
