// A file the agent is sending lives only in this page (a File cannot be kept in sessionStorage, as
// drafts and replies on their way are): a reload, the update note's Reload or a closed tab cut it
// off, and the line saying "Sending…" was gone without a word, the visitor given nothing. While one
// is on its way the browser asks first ("Leave site?"), as it does for a form half sent.
import { useEffect } from 'preact/hooks';
import { useConsole } from './context';

export function LeaveWarning() {
  const model = useConsole();
  const sending = model.uploads.items.value.some((u) => u.status === 'sending');
  useEffect(() => {
    if (!sending) return;
    const ask = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      // Browsers before preventDefault() was enough (Chrome 119) ask only for a returnValue.
      e.returnValue = true;
    };
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [sending]);
  return null;
}
