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
   * Kohtaamo.loaded, not any id="kohtaamo" of the page's).
   */
  loader: 1_536,
  /**
   * Brotli bytes of dist/widget/app.js and its static imports (measured 22 258): files in the
   * chat took it from 20 316 — 190 B the file event's schema (protocol/events.ts, files.ts), 489 B
   * the visitor's paperclip, upload and pending file (ui/ChatView.tsx, model/uploads.ts,
   * net/upload.ts), 235 B saving an agent's file (ui/Transcript.tsx, net/download.ts) — and 164 B
   * asking for an address where the server emails replies (protocol/email-address.ts). Telling
   * agents which replies the visitor has seen, only while the page is visible, took it to 21 526
   * (+119 B: model/session.ts `tellSeen`, main.tsx visibility); the phone's panel as a modal
   * dialog with Tab kept inside it, to 21 668 (+142 B: ui/App.tsx); "Seen" under the visitor's
   * message the agent has read, to 21 783 (+115 B: the `read` event's schema, ui/Transcript.tsx);
   * a file not yet sent kept for the next page, to 21 817 (+34 B: model/uploads.ts, session.ts).
   * The error codes without the server's messages for developers took it to 21 534 (−283 B:
   * protocol/errors.ts); a drawn paperclip in place of the 📎 emoji, which is an empty box
   * without an emoji font, to 21 713 (+179 B: ui/Paperclip.tsx, styles.ts); five delivery fixes
   * (resuming after the last event rather than an ack, leaving a conversation the server no
   * longer has …), to 21 805 (+92 B: model/session.ts, conversation.ts); another tab's message or
   * file still on its way kept when this tab saves, to 21 896 (+91 B: session.ts, storage.ts);
   * a review's fixes in the FAQ part and the API (the question with a handoff when the FAQ is
   * unavailable, Enter only on a shown suggestion, same-site links, the answer announced, focus
   * kept, the language asked for winning), to 21 997 (+101 B: ui/BotView.tsx, main.tsx). The
   * budget went from 22 016 to 22 272 with them: fixes of faults are worth their bytes, and the
   * next one needs room. Six more in the chat part (a failed request for a person shown with a
   * retry, a forgotten visitor back to the FAQ, a refused file not kept …), to 22 046 (+49 B);
   * the email claim's event kind, to 22 050. A security review's fixes: the address scan reading
   * each run of letters once, without a lookbehind Safari before 16.4 cannot parse, to 22 017
   * (−33 B: protocol/email-address.ts); times past the last Date refused, to 22 042 (+25 B) and
   * a visitor's name on one line, to 22 108 (+66 B: both protocol/fields.ts). It reads 22 149
   * after a change in the FAQ chunk alone: app.js names that chunk by a hash of its contents, and
   * brotli's output moves by tens of bytes with those 8 letters. The phone's 44 px tap targets, long
   * names that wrap and a short screen's layout (ui/styles.ts) made it 22 157; Escape closing the
   * suggestions before the panel, 22 200 (ui/BotView.tsx). What the visitor sends written at once,
   * and the last write as the page goes queued without a read first, 22 258 (model/saver.ts,
   * storage.ts): a message sent the moment before a link click had been lost. With it the budget
   * went from 22 272 to 22 528: the delivery guarantee is worth its bytes, and the next fix needs room.
   */
  app: 22_528,
  /** Brotli bytes of the FAQ chunk, engine with stemmer and Markdown (issue 3: at most 12 KB; measured 7 625). */
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
