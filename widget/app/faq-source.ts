// The FAQ's code (stemming, matching, the decision) and data arrive together, in parallel, as a separate
// chunk: the panel opens without waiting for them. `v=2` asks for the lean bundle (faq/wire.ts);
// the plain one stays at /api/faq for widgets loaded before it and for the console.
import type { FaqKit } from './model/faq';

export async function loadFaq(server: string): Promise<FaqKit> {
  const [faq, res] = await Promise.all([import('../../faq/client'), fetch(`${server}/api/faq?v=2`)]);
  return faq.faqFrom(res);
}
