// The page the visitor was on. The server only accepts http(s) addresses, but a link is where
// text becomes behaviour, so anything else is shown as text here too. The title is isolated
// (<bdi>): a Hebrew or Arabic one ("מבצעים 2026") took the time after it on the handoff's line
// into its own right-to-left run ("from 22:21 2026 מבצעים").
import type { Page } from '../../../protocol/fields';

export function PageLink({ page }: { page: Page }) {
  const label = <bdi>{page.title || page.url}</bdi>;
  if (!/^https?:\/\//i.test(page.url)) return <span>{label}</span>;
  return (
    <a href={page.url} target="_blank" rel="noopener noreferrer">
      {label}
    </a>
  );
}
