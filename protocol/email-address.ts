// Where a visitor can be emailed. The widget tells a visitor nobody is online to write their
// address in a message if they want the reply by email too, so the server (which sends it) and
// the console (which says where it will go) read it out of the visitor's messages alike.

// Deliberately plain: a local part, @, and a domain with a dot, as people type them in chat.
const ADDRESS = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

/** Every whole email address in a text, in the order written (dots around one are punctuation, not part of it). */
export function emailAddresses(text: string): string[] {
  return (text.match(ADDRESS) ?? []).map((found) => found.replace(/^\.+|\.+$/g, ''));
}

/** The last email address in the texts (the visitor's latest word on where to reach them), or null. */
export function lastEmailAddress(texts: readonly string[]): string | null {
  for (let i = texts.length - 1; i >= 0; i--) {
    const found = emailAddresses(texts[i]!);
    if (found.length > 0) return found[found.length - 1]!;
  }
  return null;
}
