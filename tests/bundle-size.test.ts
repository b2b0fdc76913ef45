// The widget's byte budget (issue 2, "Done when"): the loader every page pays for stays tiny
// and Preact-free; the app fetched on intent stays within its budget. Budgets sit a little
// above what the build measures today, so growth is a decision, not an accident.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { LEXICON } from '../faq/lexicon-data';
import { beforeAll, describe, expect, it } from 'vitest';
import { APP, LOADER, PREACT_MARKERS, ROOT, ensureWidgetBuilt, faqChunk, sizes, withStaticImports } from '../bench/bundle-files';

const BUDGET = Object.freeze({
  /**
   * Brotli bytes of dist/widget.js (measured 1 479: a click before the app opens, and Kohtaamo('lang') names the launcher;
   * 1 506 with the host's placing `!important` and LTR, which a page's CSS had moved, hidden or mirrored; 1 488 with
   * the host beside <body>, where a replaced body no longer takes it along; 1 487 with the double-include guard asking
   * Kohtaamo.loaded, not any id="kohtaamo" of the page's; 1 502 with the host's lang, the widget's language, not the page's; 1 512 with a two-tone focus ring;
   * 1 529 with the launcher clear of a phone's notch and home indicator, the badge and the transition trimmed to pay for it;
   * 1 572, from 1 522, with an app chunk that never comes given up after 20 s and asked for again as app.js? on the next
   * tap: a stalled request left the launcher dead for the rest of the page, and only the loader can end it; 1 584 with
   * `--kohtaamo-left`, the chat on the left for a site with its own thing in the bottom-right corner: 1 572 before, 1 584
   * after, within the budget only with the host's rule broken into lines where brotli likes it, 1 587 to 1 602 elsewhere);
   * 1 453 after a trim that kept every behaviour, step by step in its commits (the launcher drawn from one constant of
   * markup, the CSS without what the browser did anyway and on one line, shorter code), the budget left where it was;
   * 1 523 with the launcher built element by element again: a page enforcing Trusted Types refuses markup given
   * to innerHTML, and the widget never appeared there (tests/e2e/trusted-types.test.ts); 1 538 with the attributes
   * taken as own entries, not for…in, which gave the button whatever a page's scripts added to Object.prototype);
   * 1 625 with the flag's storage event heard, so a page already open when another tab's handoff makes the chat live
   * brings the app and hears the reply, without the identify calls it queued till then (who was here as it loaded):
   * 1 569 before, 1 595 with the first version, which a review found replaying them; 1 611 with a second, which a
   * review found dropping a logout said by script while the app came, 1 614 with a third, which a review found
   * taking any key's storage event after a failed fetch for the flag's; the budget from 1 584 to 1 632);
   * 1 670 with a console warning naming the app address that did not load, and data-server and
   * type="module" as the likely causes: a site owner's mistake there left a launcher that did
   * nothing, and nothing of Kohtaamo's said why (budget to 1 680); 1 686 with it said once a
   * page and not while offline (a review: hover, focus and click each said it, and an offline
   * visitor's browser raised a false setup alarm in a site that collects its console; budget to 1 696).
   */
  loader: 1_696,
  /**
   * Brotli bytes of dist/widget/app.js and its static imports. What each feature and fix cost is
   * in the commits that made it (`git log -p tests/bundle-size.test.ts` lists the figures); the
   * budget stays a little above the build, so growth is a decision. It went from 22 016 to
   * 22 528 in two steps of 256 B for fixes of the delivery guarantee (a message sent the moment
   * before a link click, another tab's pending message, resuming after the last event) and of a
   * review's faults, and to 22 784 (from a build of 22 420 B) for a browser review's delivery
   * faults (two tabs, photos waiting offline) and the visitor's accessibility (announcements
   * while the panel is closed, forced colours, 400 % zoom); those came to 22 798 B, and leaving
   * the minifier's 296 /* @__PURE__ *\/ hints out of the shipped files (nothing bundles them
   * again) took it to 22 523 B, so the budget came back to 22 656. It went to 22 848 for a phone
   * review's fixes (the newest message kept in view as the keyboard opens, the notch and home
   * indicator, the keyboard's Send key, touch-screen sizes; 22 710 B before them, 22 836 B after),
   * and to 22 912 for a privacy review's shared computer (the last customer's chat forgotten at
   * the site's logout, not at a name becoming an email): 22 859 B, and to 23 072 for clickable
   * links in agents' messages: 22 860 B before, 22 997 B after (23 055 B with the last rated
   * conversation kept readable, the 20 s load limits and the links' ends as the console's),
   * and to 23 360 for the visitor ending the chat: 23 055 B before, 23 339 B after, and to 23 424
   * for messages and photos the server's full disk refused ('unavailable') going again by
   * themselves until stored: 23 352 B before, 23 396 B after, and to 23 488 for the panel opening on
   * the left where the site puts the chat there (`--kohtaamo-left`): 23 423 B before, 23 437 B after,
   * the smallest of the rule's equivalent spellings tried (up to 23 492 B). It went to 23 552 for
   * a tab left on a closed chat woken by another tab's handoff (the live-chat flag's storage
   * event), after the socket of a closed conversation was let go: 23 477 B before, 23 532 B after;
   * and to 23 616 for the flag of a named customer's chat (`NAMED_KEY`), so that the loader
   * fetches the app for the site's identify only where a logout or another's login has something
   * to forget, not for every visitor who once typed in the FAQ: 23 532 B before, 23 605 B after;
   * and to 23 680 for the other open tabs of the site forgetting a named customer's chat at a
   * logout or another's login in one (the flag's storage event; till then they kept it on screen
   * and wrote its live-chat flag back): 23 594 B before, 23 650 B after (the FAQ waiting for the
   * panel where the app came without intent had taken 23 605 B to 23 594 B); and to 23 776 for
   * the two flags taken away only once what is kept says so (the named customer's after the
   * logout's write is done, the live chat's not before the page's read): a tab closed in those
   * moments left the next person the last customer's chat, or the visitor no reply's badge.
   * 23 685 B before, 23 744 B after, on 35376ae; on 6565d82, 23 764 B without them and 23 788 B
   * with them (the widget's other changes since 35376ae are not counted here); and to 23 808
   * for the live-chat flag left where this tab's chat is live as an earlier write is done
   * (611e5cd): 23 769 B before, 23 795 B after, measured on fb4d3f5, a build without 68fa6c6; and
   * to 23 936 for a visual review's faults, measured together (commits were made in parallel and
   * each fitted alone): a bare web address in an FAQ answer a link (+52 B), End chat's question
   * on its own line (+23 B), 44 px touch suggestions with their words centred (+56 B), the hint
   * clear of the focus ring in a short window and the list shading its bottom under html zoom 2
   * (+81 B), less a trim (-37 B): 23 879 B at fa3c48a, 23 866 B at the next mend; and to
   * 24 000 for a handoff whose page went before the server's ack: the live-chat flag kept up
   * while something kept is on its way (23 873 B before, 23 894 B after), and a new visitor's
   * frames sent only once their token is kept, within a second (23 982 B after); a page whose
   * customer logged out in another tab no longer names him to an agent (23 994 B); and to
   * 24 064 for a review's faults in those: the flag not raised for a handoff kept before the first
   * token (a tab opened meanwhile sent it as a second new visitor: two conversations), and the
   * page's identify kept where the other tab's login wrote the customer it names (24 027 B). A
   * tab's write as its page goes given what it last wrote, not only what it last read (24 005 B:
   * brotli's luck, another spelling measured 24 094 B); a visitor's message longer than the
   * server takes sent whole as several, not cut short unseen by the box: 24 049 B; and to
   * 24 096 for a logged-in visitor waiting at night told the answer goes to the address the site
   * gave, as the server sends it, not asked to write one (24 079 B); and to 24 256 for a site
   * owner's and an email review's faults: the visitor welcome's `siteMailDomain` read and
   * `lastEmailAddress` skipping the site's own addresses (24 137 B, fcea609), a mistyped call or
   * language said in the browser's console rather than dropped unsaid (24 185 B, ac2f2c5), and
   * the wait note never naming the shop's own support address as where the answer goes (24 239 B);
   * and to 24 320 for a review of that rule (acd7ce6: a From at gmail.com skipped every gmail
   * address, one at mg.kauppa.example not tuki@kauppa.example): the From address itself and the
   * page's domain are the site's, read from the welcome's `siteMail` (24 278 B); and to 24 384
   * for a phone review's faults: the panel scrolling in a window under 251 px (a phone sideways
   * with its keyboard open), the message box growing to min(120px, 20vh) with a long message
   * (24 240 B before, 24 314 B after, `too_many_waiting` among the codes included), and the
   * language chunks' new hashed names for that code's words (24 339 B); and to 24 448 for a
   * handoff review's faults: a message half written kept through the site's next page and a
   * reload (sessionStorage, this tab, its conversation only, gone at the site's logout), and
   * "Ei" taking the words typed under an answer along (24 337 B before, 24 413 B after); and to
   * 24 480 for two windows of one visitor side by side: the one in the FAQ takes up the chat the
   * other started, and its own handoff joins it, not a second visitor (43f5b65, ddce8c6:
   * 24 419 B before, 24 451 B after); and to 24 544 for brotli's luck with the FAQ chunk's hashed
   * name: the same app.js measured 24 471 to 24 532 B with six names in its place (24 502 B as
   * built after the person-wish rules changed the chunk, 01808dd); and to 24 576 for a logged-out
   * page taking another window's customer login for what it is (3fc3065, 2fc2412): 24 512 B
   * before, 24 536 to 24 555 B after with seven names for the FAQ chunk (24 555 B as built).
   * Brotli's output moves by tens of bytes when only the FAQ chunk's hashed name in app.js
   * changes (the language chunks' names too): compare builds of the same chunks.
   */
  app: 24_576,
  /** Brotli bytes of the FAQ chunk, engine with stemmer and Markdown (issue 3: at most 12 KB; measured 9 254 with the wish for a person or customer service in general Finnish and English (d53774f, +773 B; its reviews' fixes, +186 B at 01808dd, 9 438 B at fb536fe, 9 404 B at 0ea5b1e, 9 433 B at fcd63f3), 8 161 before, 7 941 before a search that keeps its per-topic totals between searches, which checks a big FAQ six times faster). */
  faq: 12_288,
});

beforeAll(ensureWidgetBuilt, 120_000);

describe('widget bundle', () => {
  it(`loader is at most ${BUDGET.loader} bytes brotli`, () => {
    expect(sizes(readFileSync(LOADER)).brotli).toBeLessThanOrEqual(BUDGET.loader);
  });

  it('loader contains no Preact', () => {
    const code = readFileSync(LOADER, 'utf8');
    for (const marker of PREACT_MARKERS) expect(code).not.toMatch(marker);
  });

  it('the Preact markers do find Preact (the check above can fail)', () => {
    const code = readFileSync(APP, 'utf8');
    expect(PREACT_MARKERS.some((m) => m.test(code))).toBe(true);
  });

  it(`app entry with its static imports is at most ${BUDGET.app} bytes brotli`, () => {
    expect(sizes(withStaticImports(APP)).brotli).toBeLessThanOrEqual(BUDGET.app);
  });

  it('ships each file precompressed, as the server sends it to browsers that accept it', () => {
    for (const file of [LOADER, APP, faqChunk()!]) {
      const code = readFileSync(file);
      expect(brotliDecompressSync(readFileSync(`${file}.br`)).equals(code), `${file}.br`).toBe(true);
      expect(gunzipSync(readFileSync(`${file}.gz`)).equals(code), `${file}.gz`).toBe(true);
    }
  });

  it(`FAQ chunk is at most ${BUDGET.faq} bytes brotli and leaves the lexicon on the server`, () => {
    const chunk = faqChunk();
    expect(chunk, 'dist/widget/chunks/client-*.js').toBeDefined();
    const code = readFileSync(chunk!, 'utf8');
    expect(sizes(code).brotli).toBeLessThanOrEqual(BUDGET.faq);
    const group = LEXICON.split('\n').find((line) => line.includes(','))!;
    expect(code).not.toContain(group);
  });

  it('holds no regular-expression lookbehind, which Safari before 16.4 cannot parse: a whole chunk would fail there', () => {
    const chunks = readdirSync(join(ROOT, 'dist/widget/chunks')).filter((f) => f.endsWith('.js')).map((f) => join(ROOT, 'dist/widget/chunks', f));
    for (const file of [LOADER, APP, ...chunks]) expect(readFileSync(file, 'utf8'), file).not.toMatch(/\(\?<[=!]/);
  });
});
