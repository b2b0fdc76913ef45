// The FAQ's code (stemming, matching, the decision) and data arrive together, in parallel, as a separate
// chunk: the panel opens without waiting for them.
import type { FaqKit } from './model/faq';

export async function loadFaq(server: string): Promise<FaqKit> {
  const [faq, res] = await Promise.all([import('../../faq/client'), fetch(`${server}/api/faq`)]);
  if (!res.ok) throw new Error(`GET /api/faq: ${res.status}`);
  const body = (await res.json()) as { bundle: Parameters<typeof faq.searchFromBundle>[0] };
  return { search: faq.searchFromBundle(body.bundle), parse: faq.parseMarkdown };
}
