import { describe, expect, it } from 'vitest';
import { visitorPageHost } from './visitor-page';

describe('visitorPageHost', () => {
  const page = { url: 'https://kauppa.example:8443/tuotteet?x=1', title: 'Tuotteet' };

  it('is the host name of the page the visitor is on now, else of the one they asked from, without its port', () => {
    expect(visitorPageHost({ page, nowOn: { url: 'https://WWW.Kauppa.example/kassa', title: 'Kassa' } })).toBe('www.kauppa.example');
    expect(visitorPageHost({ page })).toBe('kauppa.example');
  });

  it('passes over a page that is not a URL with a host, and is none when neither is', () => {
    expect(visitorPageHost({ page, nowOn: { url: 'about:blank', title: '' } })).toBe('kauppa.example');
    expect(visitorPageHost({ page: { url: 'ei osoite', title: '' } })).toBeUndefined();
  });
});
