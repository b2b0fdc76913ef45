// Whether the console is on a phone's width, where the queue and the conversation take the
// screen by turns (the last @media of styles.css, which must say the same width).
import { useEffect, useState } from 'preact/hooks';

export const NARROW = '(max-width: 600px)';

export function isNarrow(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia(NARROW).matches;
}

/** `isNarrow`, kept up to date as the window is resized or the phone turned. */
export function useNarrow(): boolean {
  const [narrow, setNarrow] = useState(isNarrow);
  useEffect(() => {
    if (typeof window.matchMedia !== 'function') return;
    const query = window.matchMedia(NARROW);
    const onChange = () => setNarrow(query.matches);
    onChange();
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);
  return narrow;
}
