// Where the transcript scrolls as lines arrive. An agent at the bottom stays there; one who
// scrolled up to read is left where they are, told that new lines came ("New messages ↓"),
// unless they sent the line themselves. Moved to the bottom by every event (a `seen` too, which
// draws nothing), an agent could not read back through a busy conversation.
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';

/** Within this many pixels of the bottom counts as at the bottom (a wheel notch is more). */
const AT_BOTTOM_PX = 24;

/** The element that scrolls the transcript: the conversation column around it. */
function scrollerOf(transcript: HTMLElement | null): HTMLElement | null {
  return transcript?.closest<HTMLElement>('.conversation') ?? null;
}

function toBottom(scroller: HTMLElement): void {
  scroller.scrollTop = scroller.scrollHeight;
}

/** How much of the column's bottom the composer covers, stuck there: the button goes above it. */
function coveredBelow(scroller: HTMLElement): number {
  const composer = scroller.querySelector<HTMLElement>('.composer');
  return composer && getComputedStyle(composer).position === 'sticky' ? composer.offsetHeight : 0;
}

/**
 * `lines`: how many lines the transcript draws; `own`: the ids of the agent's messages and files
 * on their way. Returns where the button goes (its distance from the column's bottom; null while
 * there is nothing new below) and what it does: to the newest line, and the focus to the Message
 * box (or the heading, where the agent may not write), since the button goes.
 */
export function useFollowBottom(box: { readonly current: HTMLElement | null }, lines: number, own: readonly string[]): { newBelow: number | null; toNewest: () => void } {
  /** Whether the agent was at the bottom before the transcript last grew: what they were doing, not where the new line left them. */
  const atBottom = useRef(true);
  const drawn = useRef({ lines: 0, own: new Set<string>() });
  const [newBelow, setNewBelow] = useState<number | null>(null);

  // The conversation column is what scrolls, and the composer sticks to its bottom: scrolled to
  // its very bottom, the composer sits in its own place below the transcript and covers nothing.
  // In the same task as the lines came (a layout effect): after a paint, a scroll event could
  // find the column grown and not yet followed, and take the agent for one who scrolled up.
  useLayoutEffect(() => {
    const scroller = scrollerOf(box.current);
    const before = drawn.current;
    drawn.current = { lines, own: new Set(own) };
    if (!scroller) return;
    const sent = own.some((id) => !before.own.has(id));
    if (!sent && lines <= before.lines) return;
    if (atBottom.current || sent) {
      toBottom(scroller);
      atBottom.current = true;
      setNewBelow(null);
    } else setNewBelow(coveredBelow(scroller));
  }, [lines, own.join(' ')]);

  // A picture drawn after its fetch, or a line that wraps anew, makes the transcript taller:
  // an agent who was at the bottom stays there; one reading further up is left alone.
  useEffect(() => {
    const scroller = scrollerOf(box.current);
    const list = box.current?.firstElementChild;
    if (!scroller || !list) return;
    const onScroll = () => {
      atBottom.current = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight <= AT_BOTTOM_PX;
      if (atBottom.current) setNewBelow(null);
    };
    scroller.addEventListener('scroll', onScroll, { passive: true });
    const grown = typeof ResizeObserver === 'function' ? new ResizeObserver(() => atBottom.current && toBottom(scroller)) : null;
    grown?.observe(list);
    return () => {
      scroller.removeEventListener('scroll', onScroll);
      grown?.disconnect();
    };
  }, []);

  function toNewest(): void {
    const scroller = scrollerOf(box.current);
    if (!scroller) return;
    toBottom(scroller);
    atBottom.current = true;
    setNewBelow(null);
    const message = scroller.querySelector<HTMLTextAreaElement>('#composer-text');
    if (message && !message.disabled) message.focus({ preventScroll: true });
    else scroller.querySelector<HTMLElement>('#conversation-title')?.focus({ preventScroll: true });
  }

  return { newBelow, toNewest };
}
