// How much of an element a visitor can see, for the layout tests of the widget's panel.
import type { Locator } from 'playwright-core';

/** The share of the element's height that shows: inside the window and every box that clips it (the list, the panel). */
export const shown = (element: Locator): Promise<number> =>
  element.evaluate((el) => {
    const r = el.getBoundingClientRect();
    let top = Math.max(r.top, 0);
    let bottom = Math.min(r.bottom, innerHeight);
    for (let e: Element | null = el.parentElement ?? (el.getRootNode() as ShadowRoot).host; e; e = e.parentElement ?? ((e.getRootNode() as ShadowRoot).host ?? null)) {
      if (getComputedStyle(e).overflowY === 'visible') continue;
      const c = e.getBoundingClientRect();
      top = Math.max(top, c.top);
      bottom = Math.min(bottom, c.bottom);
    }
    return Math.max(0, bottom - top) / r.height;
  });
