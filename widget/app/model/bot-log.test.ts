import { afterEach, describe, expect, it, vi } from 'vitest';
import { beaconTo } from './bot-log';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the FAQ figures beacon', () => {
  // README: "no visitor id, no text, no cookie". navigator.sendBeacon sends the browser's cookies
  // for the server's site whatever it is asked, so it must not be what sends the figures.
  it('sends the entry shown without the cookies of the site, without a preflight, and as the page goes', async () => {
    const fetch = vi.fn(async () => new Response(null, { status: 204 }));
    const sendBeacon = vi.fn(() => true);
    vi.stubGlobal('fetch', fetch);
    vi.stubGlobal('navigator', { ...navigator, sendBeacon });
    beaconTo('https://chat.example.fi')({ kind: 'shown', faqId: 'returns-fi' });
    expect(sendBeacon).not.toHaveBeenCalled();
    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('https://chat.example.fi/api/faq-stats');
    expect(init).toMatchObject({ method: 'POST', credentials: 'omit', keepalive: true });
    // A string body goes as text/plain, which the server takes, with no preflight's extra request.
    expect(init.headers).toBeUndefined();
    expect(JSON.parse(init.body as string)).toEqual({ kind: 'shown', faqId: 'returns-fi' });
  });

  it("puts no error in the page's handler when the server cannot be reached", async () => {
    const fetch = vi.fn(async () => Promise.reject(new TypeError('Failed to fetch')));
    vi.stubGlobal('fetch', fetch);
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
      beaconTo('https://chat.example.fi')({ kind: 'helped', faqId: 'returns-fi' });
      await new Promise((r) => setTimeout(r, 10));
      expect(fetch).toHaveBeenCalledTimes(1);
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });
});
