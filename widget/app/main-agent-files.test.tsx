// The agent's files in the chat: a button in their bubble that saves the file, fetched with the
// visitor's token, and what the visitor sees when that fails. The visitor's own: main-files.test.tsx.
import { act, fireEvent, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi, type MockInstance } from 'vitest';
import { event } from './test-kit';
import { handedOff, kit } from './main-test-kit';

afterEach(() => kit.cleanup());

describe('a file from the agent', () => {
  const KB = 1024;
  const label = { fileId: 'f2', name: 'palautuslappu.pdf', type: 'application/pdf', size: 12 * KB } as const;
  const TOKEN = 't'.repeat(32);

  // happy-dom saves nothing: what the browser would save is the blob behind the URL the anchor is
  // given, under the anchor's download name, when it is clicked.
  let toUrl: MockInstance<(obj: Blob | MediaSource) => string>;
  let revoke: MockInstance<(url: string) => void>;
  let click: MockInstance<() => void>;
  beforeEach(() => {
    toUrl = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:http://kauppa.example/1');
    revoke = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
  });
  afterEach(() => {
    toUrl.mockRestore();
    revoke.mockRestore();
    click.mockRestore();
  });
  /** What the visitor's browser saved: each clicked anchor's file name and what its URL held. */
  const saved = () =>
    Promise.all(
      click.mock.contexts.map(async (a) => {
        const anchor = a as HTMLAnchorElement;
        const blob = toUrl.mock.calls[toUrl.mock.results.findIndex((r) => r.value === anchor.href)]![0] as Blob;
        return { name: anchor.download, text: await blob.text() };
      }),
    );
  const pdf = (text = '%PDF-1.7 palautuslappu') => new Response(text, { status: 200, headers: { 'Content-Type': 'application/pdf' } });

  it("is a button in the agent's bubble that fetches the file with the visitor's token and saves it under its name", async () => {
    const { socket } = await handedOff();
    act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [event(2, 'agent', { kind: 'file', ...label }, 'Aino')] }));
    const button = await kit.ui.findByRole('button', { name: 'Lataa palautuslappu.pdf (12 kt)' });
    expect(button.closest('li')!.querySelector('.who')!.textContent).toBe('Aino');

    kit.fetch.mockResolvedValueOnce(pdf());
    const later = vi.spyOn(globalThis, 'setTimeout');
    onTestFinished(() => later.mockRestore());
    fireEvent.click(button);
    await waitFor(() => expect(click).toHaveBeenCalledOnce());
    const [url, init] = kit.fetch.mock.calls[0]!;
    expect(url).toBe('http://chat.example/api/files/f2');
    expect(new Headers(init?.headers).get('Authorization')).toBe(`Bearer ${TOKEN}`);
    expect(await saved()).toEqual([{ name: 'palautuslappu.pdf', text: '%PDF-1.7 palautuslappu' }]);
    // The blob is let go once the download has surely begun, not kept for the life of the page.
    expect(revoke).not.toHaveBeenCalled();
    const free = later.mock.calls.find(([, ms]) => ms === 40_000)?.[0] as (() => void) | undefined;
    free?.();
    expect(revoke).toHaveBeenCalledWith('blob:http://kauppa.example/1');
    expect(kit.ui.queryByText('Lataus epäonnistui.')).toBeNull();
  });

  it('says so when the file could not be fetched, and the button tries again', async () => {
    const { socket } = await handedOff();
    act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [event(2, 'agent', { kind: 'file', ...label }, 'Aino')] }));
    const button = await kit.ui.findByRole('button', { name: 'Lataa palautuslappu.pdf (12 kt)' });
    // The kit's fetch fails as a network does.
    fireEvent.click(button);
    expect(await kit.ui.findByText('Lataus epäonnistui.')).toBeTruthy();
    // The server's refusal is a failure too, not a file: its JSON is never saved as the PDF.
    kit.fetch.mockResolvedValueOnce(new Response(JSON.stringify({ error: { code: 'not_found', message: 'no such file' } }), { status: 404 }));
    fireEvent.click(button);
    await waitFor(() => expect(kit.fetch).toHaveBeenCalledTimes(2));
    expect(await kit.ui.findByText('Lataus epäonnistui.')).toBeTruthy();
    expect(click).not.toHaveBeenCalled();

    kit.fetch.mockResolvedValueOnce(pdf());
    fireEvent.click(kit.ui.getByRole('button', { name: 'Lataa palautuslappu.pdf (12 kt)' }));
    await waitFor(() => expect(click).toHaveBeenCalledOnce());
    expect(await saved()).toEqual([{ name: 'palautuslappu.pdf', text: '%PDF-1.7 palautuslappu' }]);
    expect(kit.ui.queryByText('Lataus epäonnistui.')).toBeNull();
  });

  it("leaves the visitor's own file as text: only the agent's is a button", async () => {
    const { socket } = await handedOff();
    act(() =>
      socket.receive({
        type: 'events',
        conversationId: 'k1',
        events: [
          event(2, 'visitor', { kind: 'file', fileId: 'f1', name: 'sohva.jpg', type: 'image/jpeg', size: 300 * KB }),
          event(3, 'agent', { kind: 'file', ...label }, 'Aino'),
        ],
      }),
    );
    await kit.ui.findByText('sohva.jpg (300 kt)');
    expect(kit.ui.getAllByRole('button', { name: /^Lataa / }).map((b) => b.textContent)).toEqual(['Lataa palautuslappu.pdf (12 kt)']);
    expect(kit.ui.queryByRole('button', { name: /sohva/ })).toBeNull();
  });

  it('speaks English to an English visitor', async () => {
    const { socket } = await handedOff('en');
    act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [event(2, 'agent', { kind: 'file', ...label, name: 'return-label.pdf' }, 'Aino')] }));
    fireEvent.click(await kit.ui.findByRole('button', { name: 'Download return-label.pdf (12 KB)' }));
    expect(await kit.ui.findByText('Download failed.')).toBeTruthy();
  });
});
