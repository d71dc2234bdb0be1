import { ErrorPage } from '~/root';
import { notFound } from '~/http.server';

/** Any path no route claims: a proper 404 through the error page. */
export async function loader() {
  throw notFound();
}

export default function NotFound() {
  return null;
}

export const ErrorBoundary = ErrorPage;
