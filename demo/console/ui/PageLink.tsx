// The page the visitor was on. The server only accepts http(s) addresses, but a link is where
// text becomes behaviour, so anything else is shown as text here too.
import type { Page } from '../../../protocol/fields';

export function PageLink({ page }: { page: Page }) {
  const label = page.title || page.url;
  if (!/^https?:\/\//i.test(page.url)) return <span>{label}</span>;
  return (
    <a href={page.url} target="_blank" rel="noopener noreferrer">
      {label}
    </a>
  );
}
