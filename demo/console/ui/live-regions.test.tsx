// What the console's live regions say to a screen reader, and how often: once per thing that
// happened, never the same words again for a step the agent did not need to hear.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConversationEvent } from '../../../protocol/events';
import { CLOSE } from '../../../protocol/errors';
import { renderConsole, stopConsoles } from '../test-render';
import { timeText } from '../format';
import { botPart, EVENTS_DAY, json, ME, summary, textEvent } from '../test-support';

afterEach(stopConsoles);

// The transcript's times read as the events' own day's (test-support.ts): plain "20:12".
beforeEach(() => vi.setSystemTime(EVENTS_DAY));
afterEach(() => vi.useRealTimers());

const claimed = (overrides = {}) => summary({ status: 'active', agent: ME, ...overrides });
/** The politeness a screen reader applies to this element: its own aria-live, or the nearest region's. */
const liveness = (el: Element | null) => el?.closest('[aria-live]')?.getAttribute('aria-live') ?? null;

/** The words of `el` the log reads out as it comes: those in no silent part. */
function spokenIn(el: Element): string[] {
  const words: string[] = [];
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent?.trim();
    if (text && liveness(node.parentElement) === 'polite') words.push(text);
  }
  return words;
}

describe("the agent's own file in the transcript", () => {
  it('is read once, as the stored file: not as it goes, nor as the server has it; only why it failed, with Retry', async () => {
    const answers: ((response: Response) => void)[] = [];
    const c = renderConsole({ fetch: (url) => (url.endsWith('/api/files') ? new Promise<Response>((resolve) => answers.push(resolve)) : json(404, {})) });
    c.connect();
    c.receive({ type: 'queue', conversations: [claimed()] });
    fireEvent.click(screen.getByRole('button', { name: /Missä tilaukseni on/ }));
    c.receive({ type: 'events', conversationId: 'k1', events: botPart() });
    const log = screen.getByRole('log', { name: 'Transcript' });
    const choose = (name: string) => {
      const input = screen.getByRole('button', { name: 'Attach a file' }).parentElement?.querySelector('input[type="file"]') as HTMLInputElement;
      fireEvent.change(input, { target: { files: [new File(['%PDF-1.7'], name, { type: 'application/pdf' })] } });
    };
    const answer = (response: Response) =>
      act(async () => {
        answers.shift()?.(response);
        await new Promise((resolve) => setTimeout(resolve, 0));
      });

    choose('return label.pdf');
    const going = within(log).getByText('Sending return label.pdf…').closest('li')!;
    expect(spokenIn(going)).toEqual([]);
    await answer(json(200, { conversationId: 'k1', seq: 5, fileId: 'file-5' }));
    expect(spokenIn(going)).toEqual([]);
    const id = new Headers(c.requests.find((r) => r.url.endsWith('/api/files'))?.init?.headers).get('x-kohtaamo-id')!;
    const at = Date.UTC(2026, 10, 23, 20, 5);
    c.receive({ type: 'events', conversationId: 'k1', events: [{ seq: 5, id, at, role: 'agent', name: ME.name, body: { kind: 'file', fileId: 'file-5', name: 'return label.pdf', type: 'application/pdf', size: 8 } }] });
    const stored = within(log).getByRole('button', { name: /Download return label\.pdf/ }).closest('li')!;
    expect(spokenIn(stored)).toEqual([ME.name, timeText(at), 'Download return label.pdf (1 KB)']);

    choose('notes.pdf');
    await answer(json(415, { error: { code: 'bad_file' } }));
    const failed = within(log).getByText('notes.pdf').closest('li')!;
    expect(spokenIn(failed).join(' ')).toBe('— Only JPEG, PNG, WebP or GIF pictures and PDF files can be sent. Dismiss');
  });
});

describe("the agent's own message in the transcript", () => {
  it('is read once: its delivery states and "Seen" are not, and the server\'s copy takes the same element', () => {
    const c = renderConsole();
    c.connect();
    c.receive({ type: 'queue', conversations: [claimed()] });
    fireEvent.click(screen.getByRole('button', { name: /Missä tilaukseni on/ }));
    c.receive({ type: 'events', conversationId: 'k1', events: botPart() });
    const log = screen.getByRole('log', { name: 'Transcript' });
    const box = screen.getByRole('textbox', { name: 'Message' });
    fireEvent.input(box, { target: { value: 'Hei! Katsotaan.' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    const msg = c.last().sentOf('msg')[0];
    const line = within(log).getByText('Hei! Katsotaan.').closest('li');
    expect(liveness(within(log).getByText('Sending…'))).toBe('off');

    c.receive({ type: 'ack', id: String(msg?.id), conversationId: 'k1', seq: 5 });
    expect(liveness(within(log).getByText('Sent'))).toBe('off');
    c.receive({ type: 'events', conversationId: 'k1', events: [textEvent(5, 'agent', 'Hei! Katsotaan.', String(msg?.id))] });
    // Not removed and added anew, which the log would read as a new message.
    expect(within(log).getByText('Hei! Katsotaan.').closest('li')).toBe(line);
    expect(liveness(within(log).getByText('Sent'))).toBe('off');

    const seen: ConversationEvent = { seq: 6, id: 'seen.5', at: Date.UTC(2026, 10, 23, 20, 12), role: 'system', body: { kind: 'seen', through: 5 } };
    c.receive({ type: 'events', conversationId: 'k1', events: [seen] });
    expect(liveness(within(log).getByText(/Seen by the visitor/))).toBe('off');
  });

  it('says why it failed, with Retry, as the log says a new line', () => {
    const c = renderConsole();
    c.connect();
    c.receive({ type: 'queue', conversations: [claimed()] });
    fireEvent.click(screen.getByRole('button', { name: /Missä tilaukseni on/ }));
    c.receive({ type: 'events', conversationId: 'k1', events: botPart() });
    const box = screen.getByRole('textbox', { name: 'Message' });
    fireEvent.input(box, { target: { value: 'Hei' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    c.receive({ type: 'error', code: 'rate_limited', message: 'x', id: String(c.last().sentOf('msg')[0]?.id) });
    const log = screen.getByRole('log', { name: 'Transcript' });
    expect(liveness(within(log).getByText(/Too many messages/))).toBe('polite');
  });
});

describe('the transcript, on opening another conversation', () => {
  /** The lines added to the log and its aria-live changes, in the order they happened. */
  function watch(log: Element) {
    const observer = new MutationObserver(() => {});
    observer.observe(log, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-live'], attributeOldValue: true });
    return () =>
      observer.takeRecords().flatMap((r) => {
        if (r.type === 'attributes') return [`aria-live ${r.oldValue} → ${(r.target as Element).getAttribute('aria-live')}`];
        return r.target.nodeName === 'OL' ? [...r.addedNodes].map((n) => `added ${n.textContent?.slice(0, 12)}`) : [];
      });
  }
  const log = () => screen.getByRole('log', { name: 'Transcript' });

  it('is a new log, silent until the history is in, then reads out only what comes after', () => {
    const c = renderConsole();
    c.connect();
    c.receive({ type: 'queue', conversations: [claimed({ lastSeq: 5 }), claimed({ id: 'k2', visitorId: 'v2', questions: ['Lahjakortti?'], lastSeq: 2 })] });
    c.receive({ type: 'events', conversationId: 'k2', events: [textEvent(1, 'visitor', 'Hei'), textEvent(2, 'visitor', 'Onko lahjakortti voimassa?')] });
    fireEvent.keyDown(document.body, { key: 'ArrowDown', altKey: true });
    const first = log();
    expect(first.getAttribute('aria-live')).toBe('off');
    const changes = watch(first);
    // The replay comes in two frames: still history, not read out.
    c.receive({ type: 'events', conversationId: 'k1', events: botPart() });
    expect(first.getAttribute('aria-live')).toBe('off');
    c.receive({ type: 'events', conversationId: 'k1', events: [textEvent(5, 'visitor', 'Haloo?')] });
    c.receive({ type: 'events', conversationId: 'k1', events: [textEvent(6, 'visitor', 'Onko siellä ketään?')] });
    expect(changes()).toEqual([
      'added Anonymous vi',
      'added Bot showed a',
      'added The visitor ',
      'added Handed off t',
      'added Anonymous vi',
      'aria-live off → polite',
      'added Anonymous vi',
    ]);

    // Alt+↓ to one the console already holds: another log, its lines there from its start, and live after.
    fireEvent.keyDown(document.body, { key: 'ArrowDown', altKey: true });
    expect(screen.getByRole('main').querySelector('h2')?.textContent).toBe('Anonymous visitor');
    expect(log()).not.toBe(first);
    expect(within(log()).getByText('Onko lahjakortti voimassa?')).toBeTruthy();
    expect(log().getAttribute('aria-live')).toBe('polite');
  });
});

describe("the '/' lookup, while the agent types", () => {
  afterEach(() => vi.useRealTimers());

  it('says that nothing matches once the typing pauses, not at each keystroke, in a region there before', async () => {
    vi.useFakeTimers();
    const c = renderConsole();
    c.connect();
    c.receive({ type: 'queue', conversations: [claimed()] });
    fireEvent.click(screen.getByRole('button', { name: /Missä tilaukseni on/ }));
    // The FAQ and the saved replies come in.
    await act(async () => void (await vi.advanceTimersByTimeAsync(0)));
    const region = document.getElementById('composer-lookup-status')!;
    expect(region.getAttribute('aria-live')).toBe('polite');
    expect(region.textContent).toBe('');
    const box = screen.getByRole('textbox', { name: 'Message' });
    for (const typed of ['/w', '/wo', '/wom', '/womb', '/wombat']) {
      fireEvent.input(box, { target: { value: typed } });
      act(() => void vi.advanceTimersByTime(200));
      expect(region.textContent).toBe('');
    }
    act(() => void vi.advanceTimersByTime(500));
    expect(region.textContent).toBe('No saved reply or FAQ answer matches “wombat”. Esc writes it as a message.');
    expect(document.getElementById('composer-lookup-status')).toBe(region);
    // Something matches: the list says it (the active option), and the region is quiet at once.
    fireEvent.input(box, { target: { value: '/toimitus' } });
    expect(screen.getByRole('listbox', { name: 'Answers to insert' })).toBeTruthy();
    expect(region.textContent).toBe('');
  });
});

describe('a live region', () => {
  /**
   * Records what is put into the page from now on. `filledLater(region)`: whether the region's
   * words came into a region already in the page (read out), not with it (often not read).
   */
  function watchPage() {
    const records: MutationRecord[] = [];
    const observer = new MutationObserver((delivered) => records.push(...delivered));
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    return {
      filledLater(region: Element): boolean {
        records.push(...observer.takeRecords());
        return records.some((r) => (r.target === region || r.target.parentNode === region) && (r.type === 'characterData' || r.addedNodes.length > 0) && region.textContent !== '');
      },
    };
  }

  it('on the login form gets "Your session has expired" after the form is in the page', async () => {
    const page = watchPage();
    const c = renderConsole();
    c.last().open();
    act(() => c.last().drop(CLOSE.unauthorized));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/session has expired/));
    expect(page.filledLater(screen.getByRole('alert'))).toBe(true);
  });

  it("for a notice on the conversation is there before it, and the notice's words come into it", () => {
    const c = renderConsole();
    c.connect();
    c.receive({ type: 'queue', conversations: [summary()] });
    fireEvent.click(screen.getByRole('button', { name: /Missä tilaukseni on/ }));
    const region = screen.getByRole('alert');
    expect(region.textContent).toBe('');
    const page = watchPage();
    fireEvent.click(screen.getByRole('button', { name: 'Claim' }));
    c.receive({ type: 'error', code: 'already_claimed', message: 'x', id: String(c.last().sentOf('claim')[0]?.id) });
    expect(screen.getByRole('alert')).toBe(region);
    expect(region.textContent).toContain('Another agent has already claimed this conversation.');
    expect(page.filledLater(region)).toBe(true);
  });

  it('of the search is there before the search, and says "Searching…" in it', () => {
    renderConsole().connect();
    const region = document.getElementById('search-status')!;
    expect(region.getAttribute('aria-live')).toBe('polite');
    expect(region.textContent).toBe('');
    fireEvent.input(screen.getByRole('searchbox', { name: 'Search conversations' }), { target: { value: 'Matti' } });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    expect(document.getElementById('search-status')).toBe(region);
    expect(region.textContent).toBe('Searching…');
  });

  it("of the Report gets \"Loading the figures…\" after the Report is in the page", () => {
    const c = renderConsole({ fetch: () => new Promise<Response>(() => {}) });
    c.connect();
    const page = watchPage();
    fireEvent.click(screen.getByRole('button', { name: 'Report', pressed: false }));
    const region = within(screen.getByRole('main', { name: 'How visitors were served' })).getByRole('status');
    expect(region.textContent).toBe('Loading the figures…');
    expect(page.filledLater(region)).toBe(true);
  });
});
