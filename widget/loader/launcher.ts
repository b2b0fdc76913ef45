// The launcher button, drawn inside a Shadow DOM host so the page's CSS cannot reach it and
// ours cannot leak out. The host page themes it through CSS custom properties on the host
// element, e.g. `#kohtaamo { --kohtaamo-accent: #0b6e4f }`.
import type { Lang } from '../../protocol/limits';
import { addShadowStyles } from '../shadow-styles';

export const LAUNCHER_LABEL: Readonly<Record<Lang, string>> = { fi: 'Avaa chat', en: 'Open chat' };

// The page's rules reach the host element itself (`div{position:relative}`, `*{all:revert}`,
// `div:empty{display:none}`). There the page's normal declarations beat `:host`'s, but `:host`'s
// important ones beat the page's: hence `all:initial!important`, and every declaration after it
// important too, or that `all` would win over it. Custom properties are not part of `all`, so a
// site still themes us; `direction` is not either, so on an RTL page ours keeps Finnish LTR.
// The focus ring is a dark outline around a white ring: over any page one of them stands out.
// Forced colours (Windows' contrast themes) drop the accent ground, which was the button's only
// edge; they draw borders, transparent ones too, in the text's colour: the border is that edge,
// unseen otherwise (a media query for forced-colors would cost the loader more bytes). The badge
// is placed from inside that border, 2px further out for it; its min-width is its content's, 20px
// with the padding, a circle for one digit; its line's 20px is its height, and the browser's own
// `[hidden]{display:none}` hides it (none of ours sets its display). The icon's size and colour
// are its attributes (drawLauncher); the hover's growth is animated only for a visitor who has not asked
// for reduced motion (in the one query, not in two). On a site that draws under a phone's
// notch and home indicator (viewport-fit=cover) the launcher keeps the site's offset from the
// safe area's edge, not the screen's: env() is 0 elsewhere.
// A site with its own thing in that corner puts us on the left with `--kohtaamo-left: 24px`, the
// gap to the left edge (the panel follows, app/ui/styles.ts). Unset, `left` has a var() with no
// fallback and `right` an empty one: left is invalid, so auto, and right is as before. Set, left
// is the gap and right has a length after its calc(), invalid, so auto. Exactly one inset is set
// either way: with both the host would stretch, and which one wins would depend on the page's
// direction. A length, not `--kohtaamo-side: left`: without JS or container style queries (not
// in every browser) CSS cannot compare a keyword, and any value would have meant left, `right`
// too. The empty fallback has a space, which browsers before empty fallbacks needed there. The
// rules are strings the minifier joins into one line: brotli packs that smaller than a template
// literal's line breaks, which moved the loader's size by up to 20 B as they fell (bundle-size.test.ts).
const CSS =
  ':host{all:initial!important;position:fixed!important;z-index:2147483000!important;' +
  'bottom:calc(var(--kohtaamo-offset,20px) + env(safe-area-inset-bottom))!important;' +
  'left:calc(var(--kohtaamo-left) + env(safe-area-inset-left))!important;' +
  'right:calc(var(--kohtaamo-offset,20px) + env(safe-area-inset-right))var(--kohtaamo-left, )!important;' +
  'font-family:var(--kohtaamo-font,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif)!important;' +
  'color-scheme:light!important;direction:ltr!important}' +
  '.launcher{position:relative;width:56px;height:56px;border-radius:50%;border:2px solid transparent;' +
  'cursor:pointer;display:grid;place-items:center;background:var(--kohtaamo-accent,#0b5f8a);' +
  'color:var(--kohtaamo-on-accent,#fff);box-shadow:0 4px 14px #00000040}' +
  '.launcher:hover{transform:scale(1.06)}' +
  '.launcher:focus-visible{outline:3px solid var(--kohtaamo-focus,#1f2a33);outline-offset:3px;' +
  'box-shadow:0 0 0 3px #fff}' +
  '.badge{position:absolute;top:-6px;right:-6px;min-width:10px;padding:0 5px;border-radius:10px;' +
  'background:#c62828;color:#fff;font:700 12px/20px system-ui,sans-serif}' +
  '@media (prefers-reduced-motion:no-preference){.launcher{transition:transform .15s}}';

const SVG = 'http://www.w3.org/2000/svg';

/**
 * An element and its attributes. Made one by one, not from markup: a page that enforces Trusted
 * Types (`require-trusted-types-for 'script'`) refuses any string given to innerHTML, even ours,
 * and lets a script make the elements it refuses to parse.
 */
function make(doc: Document, tag: string, attributes: Record<string, string>, ns?: string): Element {
  const element = ns ? doc.createElementNS(ns, tag) : doc.createElement(tag);
  // Own entries only: a page's old scripts may have added to Object.prototype (host-scripts.test.ts).
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  return element;
}

export interface Launcher {
  host: HTMLElement;
  root: ShadowRoot;
  button: HTMLButtonElement;
}

export function drawLauncher(doc: Document, lang: Lang): Launcher {
  const host = doc.createElement('div');
  host.id = 'kohtaamo';
  // Our words are in our language, not necessarily the page's (a Swedish page of a Finnish site).
  host.lang = lang;
  const root = host.attachShadow({ mode: 'open' });
  // The button with its icon and its unread badge, hidden until the app counts a message; its label is the language's.
  const button = make(doc, 'button', { type: 'button', class: 'launcher', 'aria-expanded': 'false', 'aria-label': LAUNCHER_LABEL[lang] }) as HTMLButtonElement;
  const icon = make(doc, 'svg', { width: '28', height: '28', fill: 'currentColor', viewBox: '0 0 24 24', 'aria-hidden': 'true' }, SVG);
  icon.append(make(doc, 'path', { d: 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z' }, SVG));
  button.append(icon, make(doc, 'span', { class: 'badge', hidden: '', 'aria-hidden': 'true' }));
  root.append(button);
  addShadowStyles(root, CSS);
  // Beside <body>, not in it: a page that replaces its body (innerHTML, Turbo's visits) keeps the
  // launcher, and a body with a transform or filter would hold position:fixed to itself.
  doc.documentElement.append(host);
  return { host, root, button };
}
