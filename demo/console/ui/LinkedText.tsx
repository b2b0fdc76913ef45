// A chat message as text, with the web addresses and email addresses in it as links, so an agent
// can open the order page a visitor pasted or write to the address they left. Everything else
// stays text: only http(s) and mailto links are made, and never from markup. The widget links agents'
// messages by its own rule (widget/app/ui/Markdown.tsx): keep where the two end an address alike.
// A web address holds no "<", ">" or '"', ends before trailing punctuation (". , : ; ! ?", quotes,
// "] } »" and "。") and before a ")" that closes no "(" of its own: "(https://kauppa.fi/a)." links
// https://kauppa.fi/a, https://fi.wikipedia.org/wiki/A_(b) keeps its ")".
const LINKABLE = /\bhttps?:\/\/(?:[^\s()<>"]|\([^\s()<>"]*\))*(?:[^\s()<>".,:;!?'”’\]}»。]|\([^\s()<>"]*\))|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b/giu;

export function LinkedText({ text }: { text: string }) {
  const parts: (string | { href: string; label: string })[] = [];
  let at = 0;
  for (const match of text.matchAll(LINKABLE)) {
    const label = match[0];
    parts.push(text.slice(at, match.index), { href: label.includes('@') && !/^https?:/i.test(label) ? `mailto:${label}` : label, label });
    at = match.index + label.length;
  }
  parts.push(text.slice(at));
  return (
    <>
      {parts.map((part, i) =>
        typeof part === 'string' ? (
          part
        ) : (
          <a key={i} href={part.href} {...(part.href.startsWith('mailto:') ? {} : { target: '_blank', rel: 'noopener noreferrer' })}>
            {part.label}
          </a>
        ),
      )}
    </>
  );
}
