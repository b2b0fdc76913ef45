import { afterEach, describe, expect, it, vi } from 'vitest';
import { browserEnv } from './env';

const quotaExceeded = () => {
  throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
};

describe("the console's storage in the browser", () => {
  afterEach(() => {
    vi.restoreAllMocks();
    sessionStorage.clear();
  });

  it('keeps the older copy when the storage is full, and the console goes on', () => {
    const { storage } = browserEnv();
    storage.setItem('kohtaamo.console.keptFor', 'a-1');
    vi.spyOn(window.sessionStorage, 'setItem').mockImplementation(quotaExceeded);
    expect(() => storage.setItem('kohtaamo.console.keptFor', 'a-2')).not.toThrow();
    expect(storage.getItem('kohtaamo.console.keptFor')).toBe('a-1');
  });

  it('reads nothing and writes nothing where the browser forbids storage, without throwing', () => {
    vi.spyOn(window, 'sessionStorage', 'get').mockImplementation(() => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    });
    vi.spyOn(window, 'localStorage', 'get').mockImplementation(() => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    });
    const { storage, settings } = browserEnv();
    expect(() => storage.setItem('kohtaamo.console.session', '{}')).not.toThrow();
    expect(storage.getItem('kohtaamo.console.session')).toBeNull();
    expect(() => storage.removeItem('kohtaamo.console.session')).not.toThrow();
    expect(() => settings.setItem('kohtaamo.console.sound', 'on')).not.toThrow();
    expect(settings.getItem('kohtaamo.console.sound')).toBeNull();
  });
});
