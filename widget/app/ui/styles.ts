// The panel's styles, inside the shadow root. Colours come from the same custom properties the
// launcher uses, so a site themes both with one rule on `#kohtaamo`. On a phone the panel takes
// the whole screen, as a floating box would leave no room to read (a swipe on it does not scroll
// the page behind, which would be out of place when the panel closes), its header and its bottom
// clear of the notch and the home indicator where the site draws under them (viewport-fit=cover).
// There and on any touch screen (a coarse pointer: a phone held sideways, a tablet) the fields are
// 16px, below which iOS zooms the page in when one is focused, and the buttons are 44px to tap
// (a suggestion too: its box is those 44px with its padding, its words in the middle). On
// a short screen (a small window, or zoomed to 200 % or 400 %) the suggestions come under the
// question field, so the field does not move out of sight as they appear, the hint between them
// clear of the field's focus ring. A short window wider
// than a phone's (a laptop's, one zoomed to 200 %) gives the panel the height the launcher had
// too, 8px from the window's top and bottom whatever the site's offset, and its conversation gives
// way and scrolls, so the header with its close button stays in view (the launcher's place is
// above the home indicator there, launcher.ts, and the panel's height leaves it out). At a phone's
// width (400 %) the conversation keeps 60 % of the window, which keeps an answer readable, and the
// whole panel scrolls instead, as it does in a window under 251px (a phone held sideways with its
// keyboard open: there the header, the end-chat row and the message box filled it, the conversation
// gave way to nothing, and the box was cut off). The font family is the host's (launcher.ts), inherited.
// overflow-wrap is set once on the panel and inherited: a long link, code or word breaks anywhere,
// in a message, an answer or a suggestion, rather than running off the right edge. A link in a
// message is underlined in the bubble's own text colour, readable on the visitor's accent too. The focus ring
// has two tones, a dark outline around a white ring, far enough apart that one of them stands out
// 3:1 on any ground: white fields, the grey conversation, the header and the visitor's bubbles in
// the accent colour. The active suggestion has a frame in the text's colour (12:1), not only a
// pale ground (1.18:1). Forced colours (Windows' contrast themes) drop grounds and shadows but
// draw outlines and borders, transparent ones too, in the text's colour: there the panel's
// transparent outline is its edge, the active suggestion keeps its frame, and the chosen star is
// told from the others by its thicker border. The panel is fixed to the window and takes the
// host's insets (`inset:inherit`, through the app's <div> in the shadow root), so it stands where
// the launcher does, 72px above it: on the right, or where the site puts the chat on the left
// (`--kohtaamo-left` on the host, launcher.ts) on the left, opening rightwards, its other inset
// auto as the host's is. A phone's panel sets all four and covers the screen. Its size is in % of
// the window, not in vh and vw: a page zoomed with `html{zoom:1.5}` (some sites, some
// accessibility extensions) zooms our host too, which is in <html>, and Chromium multiplies
// viewport units by that zoom, not percentages: a panel of `100vh - 110px` was 1.5 windows tall,
// its header with the close button above the window (tests/e2e/host-zoom.test.ts). There the
// media queries see the window unzoomed, so a short window's layout does not come, and the
// suggestions' 22vh is zoomed: the list gives way (the foot and the combobox's box may shrink,
// and the list scrolls) before the question field leaves the panel. In a short window they keep
// their height, and the panel scrolls or the conversation gives way, as above. The conversation's
// room above and below its lines is its first and last 4px (with the gap), not its padding, so
// that where it gives way wholly it is gone, not a strip with half a line of the greeting in it
// (at `html{zoom:2}` that strip had been the room of a second suggestion); and the list shades its
// bottom while more suggestions are below (a ground fixed to its box, covered by a white one at the
// end of its content), as a scrollbar that shows only as one scrolls does not tell.
// The message box grows with what is written, up to 120px, then scrolls: a visitor reads a long
// message over before sending it (field-sizing; a browser without it keeps the one line). In a
// short window it grows to a fifth of it at most: to 120px there it squeezed the conversation,
// which gives way in a short window, to 2px.
// The log's lines out of sight are not laid out until they come near (content-visibility), each
// then keeping its own height: a conversation of 3,000 long messages spent over a second laying
// them all out as it opened. A screen reader still gets every line (tests/e2e/long-chat-restored).
// There is no form: a page without a doctype (quirks mode) would give it a bottom margin of 1em, in the shadow root too.

/** Where the panel covers the whole page (App.tsx makes it a modal dialog there). */
export const PHONE = '(max-width:480px)';

export const CSS = `
:host>div,.panel{inset:inherit}
.panel{margin-bottom:72px;position:fixed;width:min(380px,calc(100% - 32px));height:min(600px,calc(100% - 110px));
display:flex;flex-direction:column;background:var(--kohtaamo-bg,#fff);color:var(--kohtaamo-ink,#1f2a33);border-radius:16px;
box-shadow:0 12px 40px rgba(0,0,0,.22);outline:1px solid transparent;overflow:hidden;font-size:15px;line-height:1.45;overflow-wrap:anywhere}
.panel[hidden]{display:none}
.head{display:flex;align-items:center;gap:8px;padding:14px 12px 14px 18px;background:var(--kohtaamo-accent,#0b5f8a);color:var(--kohtaamo-on-accent,#fff)}
.head h2{font-size:16px;margin:0}.head p{margin:0;font-size:12.5px;opacity:.9}.head div{flex:1;min-width:0}
.x{background:none;border:0;color:inherit;font-size:22px;line-height:1;width:36px;height:36px;border-radius:8px;cursor:pointer}
.x:hover{background:rgba(255,255,255,.15)}
button:focus-visible,input:focus-visible,textarea:focus-visible,a:focus-visible{outline:3px solid var(--kohtaamo-focus,#1f2a33);outline-offset:2px;box-shadow:0 0 0 2px #fff}
.body{flex:1;overflow-y:auto;overscroll-behavior:contain;padding:0 14px;display:flex;flex-direction:column;gap:10px;background:var(--kohtaamo-surface,#f5f7f9)}
.body:before,.body:after{content:'';min-height:4px}
.log{contain:layout;list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:8px}
.log>*{content-visibility:auto;contain-intrinsic-size:auto 40px}
.msg{max-width:85%;padding:8px 12px;border-radius:14px;white-space:pre-wrap;background:#fff;box-shadow:0 1px 2px rgba(0,0,0,.08)}
.msg a{color:inherit}.msg.visitor{align-self:flex-end;background:var(--kohtaamo-accent,#0b5f8a);color:var(--kohtaamo-on-accent,#fff);border-bottom-right-radius:4px}
.msg.agent,.msg.bot{align-self:flex-start;border-bottom-left-radius:4px}
.who{display:block;font-size:12px;font-weight:600;color:#52606b;margin-bottom:2px}
.note{align-self:center;font-size:12.5px;color:#52606b;text-align:center;padding:2px 8px;max-width:100%}
.meta{display:block;font-size:11.5px;opacity:.85;margin-top:3px;text-align:right}
.meta.failed{color:#ffe0e0;font-weight:600}.card .meta.failed{color:#b3261e}
.linkish{background:none;border:0;color:inherit;text-decoration:underline;font:inherit;cursor:pointer;padding:0 0 0 6px}
.msg>.linkish{text-align:left;padding:0}
.card{background:#fff;border-radius:12px;padding:12px 14px;box-shadow:0 1px 3px rgba(0,0,0,.1)}
.card h3{font-size:15px;margin:0 0 6px}.card p,.card ul,.card ol{margin:0 0 8px}.card a{color:var(--kohtaamo-link,#0b5f8a)}
.card code{background:#eef1f4;border-radius:4px;padding:0 4px}
.row{display:flex;gap:8px;align-items:center;flex-wrap:wrap}
.end{justify-content:flex-end;margin:0;padding:6px 12px;font-size:12.5px;border-bottom:1px solid #e3e8ec}
.ask{font-size:15px}.ask p{width:100%;margin:0}
.btn{font:inherit;font-weight:600;border-radius:10px;padding:7px 14px;cursor:pointer;border:1px solid var(--kohtaamo-accent,#0b5f8a);
background:#fff;color:var(--kohtaamo-accent,#0b5f8a)}
.btn.primary{background:var(--kohtaamo-accent,#0b5f8a);color:var(--kohtaamo-on-accent,#fff)}
.btn:disabled{opacity:.5;cursor:default}
.clip{width:1.2em;height:1.2em;vertical-align:-.25em}
.msg .clip{margin-right:.3em}
.foot{border-top:1px solid #e3e8ec;padding:10px 12px;gap:8px;background:#fff}.foot,.combo{display:flex;flex-direction:column;min-height:0}
.compose{flex-direction:row;align-items:flex-end}.compose .field{flex:1;width:auto;max-height:min(120px,20vh);field-sizing:content}
.field{width:100%;box-sizing:border-box;font:inherit;border:1px solid #b8c2ca;border-radius:10px;padding:9px 12px;resize:none;color:inherit;background:#fff}
.listbox{list-style:none;margin:0 0 6px;padding:4px;border:1px solid #d4dbe1;border-radius:10px;max-height:min(220px,22vh);overflow-y:auto}
.listbox{background:linear-gradient(#fff 0 0) bottom/100% 1em local no-repeat,linear-gradient(#fff0,#0003) bottom/100% 1em no-repeat #fff}
.option{padding:8px 10px;border-radius:8px;cursor:pointer;box-sizing:border-box;display:flex;align-items:center}
.option[aria-selected=true],.option:hover{background:#e4eef5}.option[aria-selected=true]{outline:2px solid;outline-offset:-2px}
.hint{font-size:12.5px;color:#52606b;margin:0 0 6px}
.person{align-self:center}
.banner{margin:0;font-size:12.5px;padding:6px 12px;background:#fff4d6;color:#5c4500;text-align:center}
.typing{font-size:12.5px;color:#52606b;font-style:italic}
.stars{display:flex;gap:6px}
.stars button{width:40px;height:40px;border-radius:50%;border:1px solid #b8c2ca;background:#fff;font:inherit;font-weight:700;cursor:pointer}
.stars button[aria-pressed=true]{background:var(--kohtaamo-accent,#0b5f8a);color:#fff;border:3px solid transparent}
fieldset{border:0;margin:0;padding:0;display:flex;flex-direction:column;gap:8px}legend{font-weight:600;margin-bottom:6px}
.banner:empty,.hint:empty,.typing:empty{position:absolute;padding:0}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media ${PHONE}{.panel{inset:0;margin:0;width:auto;height:auto;border-radius:0;overscroll-behavior:contain;padding-bottom:env(safe-area-inset-bottom)}
.head{padding-top:calc(14px + env(safe-area-inset-top))}}
@media ${PHONE},(pointer:coarse){.field{font-size:16px}.x,.stars button{width:44px;height:44px}.btn,.option,.msg>.linkish,.end .linkish{min-height:44px}}
@media (max-height:500px){.panel{overflow-y:auto}.body{min-height:60%}.foot,.combo{min-height:auto}.combo{display:flex;flex-direction:column-reverse}.hint{margin:6px 0}}
@media (max-height:500px) and (min-width:481px){.panel{top:8px;height:calc(100% - 16px - env(safe-area-inset-bottom))}}
@media (max-height:500px) and (min-width:481px) and (min-height:251px){.panel{overflow:hidden}.body{min-height:0}}
`;
