// A message half written goes with the visitor to the site's next page and through a reload, in
// this tab only (sessionStorage), and only back into the conversation it was written in: one
// written before the server took the handoff (no id yet) into the one that handoff opens.
// Written as the visitor types, never by a page as it loads. Storage blocked: a draft lives as
// long as the page.
const KEY = 'kohtaamo.draft';

/** The draft kept for conversation `id` (null: not yet taken by the server), or ''. */
export function keptDraft(id: string | null): string {
  try {
    const [of, text] = JSON.parse(sessionStorage[KEY]) as [string, string];
    return of === (id ?? '') || of === '' ? text : '';
  } catch {
    return '';
  }
}

/** Keeps `text` as conversation `id`'s draft. */
export function keepDraft(id: string | null, text: string): void {
  try {
    sessionStorage[KEY] = JSON.stringify([id ?? '', text]);
  } catch {}
}

/** The site's logout, or another customer's login: no draft of the last one stays in the tab. */
export function dropDraft(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {}
}
