// The live-chat flag (contract.ts) says what is kept: a chat with a person queued or active. It
// is set as the chat becomes so, and taken away only as what is kept says it no longer is, not as
// the app starts before its read of IndexedDB, nor at a logout before its write is done: a tab left
// in either moment lost the flag while the chat went on, or left it saying "no chat" over the
// last customer's, and the loader of the next page did not bring the app.
import { act, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { drawLauncher } from '../loader/launcher';
import { addShadowStyles } from '../shadow-styles';
import { LIVE_CHAT_KEY, NAMED_KEY } from '../contract';
import { FakeSocket } from './net/fake-socket';
import { memoryPersist, type LoadedState, type SavedState } from './model/storage';
import { mount } from './main';
import { handedOff, kit } from './main-test-kit';
import { event, fakeFaq, welcome } from './test-kit';

let page: { cleanup(): void } | undefined;
afterEach(() => {
  page?.cleanup();
  page = undefined;
  kit?.cleanup();
});

/** What a queued chat with a person leaves kept for the site's next page. */
async function liveChatKept(): Promise<SavedState> {
  await handedOff();
  await waitFor(() => expect(kit.persist.saved?.conversation).toMatchObject({ id: 'k1', status: 'queued' }));
  const saved = kit.persist.saved!;
  kit.cleanup();
  return saved;
}

describe('the live-chat flag', () => {
  it("stays while the next page's app reads what was kept slowly, and goes once the chat closed is written", async () => {
    const saved = await liveChatKept();
    expect(localStorage.getItem(LIVE_CHAT_KEY)).toBe('1');
    // The next page, which the flag brought the app to: IndexedDB answers late.
    const memory = memoryPersist(saved);
    let answer = () => {};
    const load = () => new Promise<LoadedState | undefined>((resolve) => (answer = () => void memory.load().then(resolve)));
    FakeSocket.all = [];
    const launcher = drawLauncher(document, 'fi');
    const api = mount(
      { root: launcher.root, launcher: launcher.button, server: 'http://chat.example', lang: 'fi', addStyles: (css) => addShadowStyles(launcher.root, css) },
      { WebSocket: FakeSocket, persist: { ...memory, load }, loadFaq: fakeFaq },
    );
    page = { cleanup: () => (api.dispose(), launcher.host.remove()) };
    // A tab left now (another link, closed) must leave the flag for the pages after it.
    await new Promise((r) => setTimeout(r, 50));
    expect(localStorage.getItem(LIVE_CHAT_KEY)).toBe('1');
    answer();
    const socket = await waitFor(() => FakeSocket.last());
    await act(() => welcome(socket, { id: 'k1', status: 'queued', lastSeq: 1, rated: false }));
    expect(localStorage.getItem(LIVE_CHAT_KEY)).toBe('1');

    act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [event(2, 'system', { kind: 'closed', by: 'agent' })] }));
    await waitFor(() => expect(memory.saved?.conversation.status).toBe('closed'));
    await waitFor(() => expect(localStorage.getItem(LIVE_CHAT_KEY)).toBeNull());
  });

  it("stays, with the named customer's, at a logout whose write is never done", async () => {
    const { socket } = await handedOff();
    act(() => kit.api.command('identify', { name: 'Matti Meikäläinen', email: 'matti@example.fi' }));
    act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [event(2, 'agent', { kind: 'text', text: 'Hei Matti' }, 'Aino')] }));
    await waitFor(() => expect(kit.persist.saved).toMatchObject({ who: 'matti@example.fi', conversation: { id: 'k1' } }));
    await waitFor(() => expect(localStorage.getItem(NAMED_KEY)).toBe('1'));
    expect(localStorage.getItem(LIVE_CHAT_KEY)).toBe('1');

    // The site's logout, whose write IndexedDB has not done yet: a tab closed now must leave the
    // flags, so that the next page's loader still brings the app (for the chat kept, or for the
    // site's identify(null)) to forget it.
    let done = () => {};
    kit.save.mockImplementation(
      (next) =>
        new Promise<void>((resolve) => {
          const made = next(kit.persist.saved);
          done = () => ((kit.persist.saved = made), resolve());
        }),
    );
    act(() => kit.api.command('identify', null));
    await waitFor(() => expect(kit.save).toHaveBeenCalled());
    await new Promise((r) => setTimeout(r, 300));
    expect(localStorage.getItem(LIVE_CHAT_KEY)).toBe('1');
    expect(localStorage.getItem(NAMED_KEY)).toBe('1');
    // Written, both go.
    done();
    await waitFor(() => expect(localStorage.getItem(LIVE_CHAT_KEY)).toBeNull());
    expect(localStorage.getItem(NAMED_KEY)).toBeNull();
    expect(kit.persist.saved).toMatchObject({ who: null, conversation: { id: null } });
  });
});

describe('the live-chat flag, as a write made before the chat began is done', () => {
  it('stays: the chat goes on in this tab, whatever that write kept', async () => {
    // The handoff is written at once, before the server took it; the chat's queued status comes
    // with its ack, and is written with the next batch (150 ms).
    await handedOff();
    expect(localStorage.getItem(LIVE_CHAT_KEY)).toBe('1');
    await new Promise((r) => setTimeout(r, 30));
    expect(kit.persist.saved?.conversation.status).toBe('none');
    // A tab closed now: the next page must still bring the chat along.
    expect(localStorage.getItem(LIVE_CHAT_KEY)).toBe('1');
  });
});
