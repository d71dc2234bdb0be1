import type { ReactNode } from 'react';

/**
 * A table wider than a phone scrolls sideways inside its own box instead of widening the page; the
 * box is a named region that takes keyboard focus, so it can be scrolled without a pointer, and the
 * first column stays in view (see .table-scroll in app.css).
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
