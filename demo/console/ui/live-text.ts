// The words of a live region that is in the page before them. A region rendered together with its
// words is often not read at all; one that was there empty, and then gets them, is. `delayMs`
// waits for the words to settle (while the agent types): each keystroke's words read out would
// never stop. Emptied at once: silence needs no wait.
import { useEffect, useState } from 'preact/hooks';

export function useLiveText(text: string, delayMs = 0): string {
  const [said, setSaid] = useState('');
  useEffect(() => {
    if (text === '' || delayMs === 0) return setSaid(text);
    const timer = setTimeout(() => setSaid(text), delayMs);
    return () => clearTimeout(timer);
  }, [text, delayMs]);
  return said;
}
