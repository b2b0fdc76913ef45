// The FAQ (its search chunk and /api/faq) is fetched for a visitor who asked for the chat, not for
// every page that brings the app along without them: a chat going on, or the site's identify of a
// named customer whose chat is kept. There it comes when the panel opens, and answers as before.
import { act, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { drawLauncher } from '../loader/launcher';
import { addShadowStyles } from '../shadow-styles';
import { FakeSocket } from './net/fake-socket';
import { memoryPersist, type SavedState } from './model/storage';
import type { FaqKit } from './model/faq';
import { mount } from './main';
import { handedOff, kit, type } from './main-test-kit';
import { fakeFaq, welcome } from './test-kit';

let page: ReturnType<typeof mountAs> | undefined;
afterEach(() => {
  page?.cleanup();
  page = undefined;
});

/** A page of the site where the loader mounted the app, on the visitor's intent or without it; the FAQ held until `arrive()`. */
function mountAs(intent: boolean, saved?: SavedState) {
  FakeSocket.all = [];
  const launcher = drawLauncher(document, 'fi');
  let arrive = () => {};
  const loadFaq = vi.fn(() => new Promise<FaqKit>((resolve) => (arrive = () => void fakeFaq().then(resolve))));
  const fetch = vi.spyOn(globalThis, 'fetch').mockImplementation(async () => new Response(null, { status: 204 }));
  const api = mount(
    { root: launcher.root, launcher: launcher.button, server: 'http://chat.example', lang: 'fi', addStyles: (css) => addShadowStyles(launcher.root, css), intent },
    { WebSocket: FakeSocket, persist: memoryPersist(saved), loadFaq },
  );
  const shadow = launcher.root as unknown as HTMLElement;
  return {
    api,
    loadFaq,
    ui: within(shadow),
    arrive: () => act(async () => arrive()),
    text: () => shadow.textContent ?? '',
    cleanup() {
      fetch.mockRestore();
      api.dispose();
      launcher.host.remove();
    },
  };
}

/** What a queued chat with a person leaves kept for the site's next page. */
async function liveChatKept(): Promise<SavedState> {
  await handedOff();
  await waitFor(() => expect(kit.persist.saved?.conversation).toMatchObject({ id: 'k1', status: 'queued' }));
  const saved = kit.persist.saved!;
  kit.cleanup();
  return saved;
}

describe('the FAQ on a page the app came to without the visitor asking', () => {
  it('is not fetched for a chat going on until the panel opens, then at once, and suggests as before', async () => {
    page = mountAs(false, await liveChatKept());
    const socket = await waitFor(() => FakeSocket.last());
    await act(() => welcome(socket, { id: 'k1', status: 'queued', lastSeq: 1, rated: false }));
    await new Promise((r) => setTimeout(r, 50));
    expect(page.loadFaq).not.toHaveBeenCalled();

    act(() => page!.api.command('open'));
    expect(page.loadFaq).toHaveBeenCalledTimes(1);
    await page.ui.findByRole('dialog', { name: 'Asiakaspalvelu' });
    expect(page.text()).not.toMatch(/Ladataan vastauksia|En löytänyt/);
  });

  it("is not fetched for the site's identify of a named customer until the panel opens; typed while it comes, it suggests once there", async () => {
    // His chat is over; what is kept is still his, so the loader brought the app for the site's word.
    page = mountAs(false, { v: 1, who: 'matti@example.fi', token: 't'.repeat(32), conversation: { id: null, events: [], status: 'none', rated: false, lastReadSeq: 0 }, outbox: [], steps: [] });
    act(() => page!.api.command('identify', { name: 'Matti', email: 'matti@example.fi' }));
    await new Promise((r) => setTimeout(r, 50));
    expect(page.loadFaq).not.toHaveBeenCalled();

    act(() => page!.api.command('open'));
    expect(page.loadFaq).toHaveBeenCalledTimes(1);
    const input = await page.ui.findByRole('combobox', { name: 'Kysymyksesi' });
    // Open and still empty while the FAQ comes: no hint that would flicker away, no "no answer".
    expect(page.text()).not.toMatch(/Ladataan vastauksia|En löytänyt/);
    await type(input, 'toimitusaika');
    await waitFor(() => expect(page!.text()).toContain('Ladataan vastauksia'));
    expect(page.text()).not.toContain('En löytänyt');
    await page.arrive();
    expect(await page.ui.findByRole('option', { name: /Milloin tilaukseni saapuu/ })).toBeTruthy();
    expect(page.text()).not.toMatch(/Ladataan vastauksia|En löytänyt/);
  });

  it('is fetched at mount when the visitor asked (hover, focus, click), as answers must be ready on open', () => {
    page = mountAs(true);
    expect(page.loadFaq).toHaveBeenCalledTimes(1);
  });
});
