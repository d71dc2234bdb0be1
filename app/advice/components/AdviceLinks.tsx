import { Link } from '@remix-run/react';
import type { ReactNode } from 'react';

/**
 * A list of advice, each a link to its page with its title isolated (a title in another script keeps
 * its own direction), and optionally a few words after it.
 */
export function AdviceLinks<A extends { id: string; title: string }>({
  advice,
  className,
  after,
}: {
  advice: A[];
  className?: string;
  after?: (advice: A) => ReactNode;
}) {
  return (
    <ul className={className}>
      {advice.map((a) => (
        <li key={a.id}>
          <Link to={`/advice/${a.id}`}>
            <bdi>{a.title}</bdi>
          </Link>
          {after ? <> {after(a)}</> : null}
        </li>
      ))}
    </ul>
  );
}
