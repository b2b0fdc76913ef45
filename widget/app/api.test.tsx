// The site's calls to window.Kohtaamo as a visitor feels them: the language it asks for wins
// however the words arrive, and closing the panel leaves the visitor's focus where it is.
import { act, waitFor } from '@testing-library/preact';
import { afterEach, expect, it, vi } from 'vitest';
import type { Lang } from '../../protocol/limits';
import en from './i18n/en';
import fi from './i18n/fi';
import { setup } from './test-kit';

/** Each language's words arrive when the test says, as two chunks over the network would. */
const arriving: { lang: Lang; arrive: () => void }[] = [];
vi.mock('./i18n/strings', async (original) => ({
  ...(await original<typeof import('./i18n/strings')>()),
  loadStrings: (lang: Lang) => new Promise((resolve) => arriving.push({ lang, arrive: () => resolve(lang === 'en' ? en : fi) })),
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
  expect(arriving.map((a) => a.lang)).toEqual(['fi', 'en']);
  await act(async () => arriving[1]!.arrive());
  await act(async () => arriving[0]!.arrive());
  await waitFor(() => expect(kit.ui.getByRole('dialog').getAttribute('aria-label')).toBe('Customer service'));
  expect(kit.launcher.getAttribute('aria-label')).toBe('Minimise chat');
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
