import { useEffect, type ReactNode } from 'react';

/** Sets the document title so browser history and screen readers name the page. */
export function TitledRoute({ title, children }: { title: string; children: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · CRM`;
  }, [title]);
  return children;
}
