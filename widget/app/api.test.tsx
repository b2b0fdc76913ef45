// The site's calls to window.Kohtaamo as a visitor feels them: the language it asks for wins
// however the words arrive, and closing the panel leaves the visitor's focus where it is.
import { act, fireEvent, waitFor } from '@testing-library/preact';
import { afterEach, expect, it, onTestFinished, vi } from 'vitest';
import type { Lang } from '../../protocol/limits';
import en from './i18n/en';
import fi from './i18n/fi';
import { setup } from './test-kit';

/** Each language's words arrive when the test says, as two chunks over the network would. */
const arriving: { lang: Lang; arrive: () => void; fail: () => void }[] = [];
vi.mock('./i18n/strings', async (original) => ({
  ...(await original<typeof import('./i18n/strings')>()),
  loadStrings: (lang: Lang) =>
    new Promise((resolve, reject) =>
      arriving.push({ lang, arrive: () => resolve(lang === 'en' ? en : fi), fail: () => reject(new TypeError('Failed to fetch dynamically imported module')) }),
    ),
}));

let kit: ReturnType<typeof setup>;
afterEach(() => {
  kit.cleanup();
  arriving.length = 0;
});

it("speaks the language the site asked for with Kohtaamo('lang'), whichever language's words arrive first", async () => {
  kit = setup(undefined, 'fi');
  act(() => kit.api.command('lang', 'en'));
  act(() => kit.api.command('open'));
  // Opening asks again for words not yet come (after a failure that is the retry; the browser fetches a chunk once).
  expect(arriving.map((a) => a.lang)).toEqual(['fi', 'en', 'en']);
  await act(async () => arriving[1]!.arrive());
  await act(async () => arriving[0]!.arrive());
  await waitFor(() => expect(kit.ui.getByRole('dialog').getAttribute('aria-label')).toBe('Customer service'));
  expect(kit.launcher.getAttribute('aria-label')).toBe('Minimise chat');
  // Marked as English, for a screen reader to read it so, although the page is Finnish.
  expect(((kit.launcher.getRootNode() as ShadowRoot).host as HTMLElement).lang).toBe('en');
});

it('marks the panel as in the language of its words, whatever the page is, and as they change', async () => {
  document.documentElement.lang = 'sv';
  onTestFinished(() => void (document.documentElement.lang = ''));
  kit = setup(undefined, 'fi');
  const host = (kit.launcher.getRootNode() as ShadowRoot).host as HTMLElement;
  await act(async () => arriving[0]!.arrive());
  const dialog = kit.ui.getByRole('dialog', { hidden: true });
  expect(dialog.closest('[lang]')).toBeNull();
  expect(host.lang).toBe('fi');
  act(() => kit.api.command('lang', 'en'));
  // Until the English words come, the Finnish ones stay, and so does their mark.
  expect(host.lang).toBe('fi');
  await act(async () => arriving[1]!.arrive());
  await waitFor(() => expect(dialog.getAttribute('aria-label')).toBe('Customer service'));
  expect(host.lang).toBe('en');
});

it("leaves the visitor's focus in the site's own field when the site calls Kohtaamo('close')", async () => {
  kit = setup();
  await act(async () => arriving.splice(0).forEach((a) => a.arrive()));
  const field = document.createElement('input');
  document.body.append(field);
  try {
    field.focus();
    act(() => kit.api.command('close'));
    expect(document.activeElement).toBe(field);
  } finally {
    field.remove();
  }
});

it('opens at the next click after its words failed to come, and no error reaches the page', async () => {
  // An unhandled rejection would go to the page's handler (often the site's error tracker); the test run fails on one.
  kit = setup(undefined, 'fi');
  await act(async () => arriving[0]!.fail());
  // The visitor clicks while the network is still down: no panel, and the launcher says so.
  fireEvent.click(kit.launcher);
  expect(arriving.map((a) => a.lang)).toEqual(['fi', 'fi']);
  await act(async () => arriving[1]!.fail());
  expect(kit.launcher.getAttribute('aria-expanded')).toBe('false');
  expect(kit.ui.queryByRole('dialog')).toBeNull();
  // The network is back: the next click opens the panel.
  await act(async () => arriving.slice(2).forEach((a) => a.arrive()));
  fireEvent.click(kit.launcher);
  await act(async () => arriving.slice(2).forEach((a) => a.arrive()));
  expect(await kit.ui.findByRole('dialog', { name: 'Asiakaspalvelu' })).toBeTruthy();
  expect(kit.launcher.getAttribute('aria-expanded')).toBe('true');
});

it('keeps the words it has when another language failed to come, and the panel stays open', async () => {
  kit = setup(undefined, 'fi');
  await act(async () => arriving[0]!.arrive());
  act(() => kit.api.command('open'));
  act(() => kit.api.command('lang', 'en'));
  await act(async () => arriving.find((a) => a.lang === 'en')!.fail());
  expect(kit.ui.getByRole('dialog', { name: 'Asiakaspalvelu' }).hidden).toBe(false);
  // Opened again later, it tries the other language again.
  act(() => kit.api.command('close'));
  act(() => kit.api.command('open'));
  await act(async () => arriving.filter((a) => a.lang === 'en').at(-1)!.arrive());
  await waitFor(() => expect(kit.ui.getByRole('dialog').getAttribute('aria-label')).toBe('Customer service'));
});

it("tells the site owner in the browser's console of a call it does not know, or a language it does not speak, and goes on", async () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  onTestFinished(() => warn.mockRestore());
  kit = setup(undefined, 'fi');
  act(() => kit.api.command('opne'));
  expect(warn).toHaveBeenLastCalledWith("Kohtaamo('opne'): no such command");
  act(() => kit.api.command('lang', 'sv'));
  expect(warn).toHaveBeenLastCalledWith("Kohtaamo('lang', 'sv'): fi or en");
  act(() => kit.api.command('open'));
  arriving.find((a) => a.lang === 'fi')?.arrive();
  // Still Finnish, and open.
  expect(await kit.ui.findByRole('dialog', { name: fi.title })).toBeTruthy();
  expect(warn).toHaveBeenCalledTimes(2);
  // Named like what every object has, it is no command either: said, and nothing thrown at the site.
  for (const name of ['toString', 'hasOwnProperty', 'valueOf', '__proto__', 'constructor']) {
    expect(() => kit.api.command(name)).not.toThrow();
    expect(warn).toHaveBeenLastCalledWith(`Kohtaamo('${name}'): no such command`);
  }
});
