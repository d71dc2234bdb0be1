import { useEffect, useState, type ReactNode } from 'react';

/** Renders its children only in the browser: charts measure their box, which the server cannot. */
export function ClientOnly({ children, fallback = null }: { children: () => ReactNode; fallback?: ReactNode }) {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return <>{mounted ? children() : fallback}</>;
}
