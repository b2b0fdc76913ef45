// A message half written goes with the visitor to the site's next page and through a reload, in
// this tab only (sessionStorage), and only back into the conversation it was written in. Storage
// blocked: a draft lives as long as the page.
const KEY = 'kohtaamo.draft';

/** The draft kept for conversation `id`, or ''. */
export function keptDraft(id: string): string {
  try {
    const [of, text] = JSON.parse(sessionStorage[KEY]) as [string, string];
    return of === id ? text : '';
  } catch {
    return '';
  }
}

/** Keeps `text` as conversation `id`'s draft; without an id (the site's logout), lets any go. */
export function keepDraft(id?: string | null, text?: string): void {
  try {
    if (id) sessionStorage[KEY] = JSON.stringify([id, text]);
    else sessionStorage.removeItem(KEY);
  } catch {}
}
