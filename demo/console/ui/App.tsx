// The console: the queue, the conversation and its details, or the login form. Alt+↑/↓ move
// between conversations from anywhere, the message box included (as in Slack), with Shift to the
// nearest with new messages, so an agent with several chats never reaches for the mouse. Not on
// a select, where Alt+↓ opens the list.
import { useEffect, useRef } from 'preact/hooks';
import type { ConsoleModel } from '../model/console';
import { ConsoleContext } from './context';
import { ConversationPane, type FocusOnOpen } from './ConversationPane';
import { LoginForm } from './LoginForm';
import { QueueNews } from './QueueNews';
import { QueuePanel } from './QueuePanel';
import { ReportView } from './ReportView';
import { SidePanel } from './SidePanel';
import { TopBar } from './TopBar';

export function App({ model }: { model: ConsoleModel }) {
  const loggedIn = model.auth.session.value !== null;
  /** Where the focus goes once Alt+↑/↓ has opened the next conversation (ConversationPane takes it). */
  const focusOnOpen = useRef<FocusOnOpen>(null);
  useEffect(() => {
    if (!loggedIn) return;
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey || (e.key !== 'ArrowDown' && e.key !== 'ArrowUp')) return;
      // On a list (FAQ match, colleague, period) Alt+↓ is the browser's own: it opens the list.
      if (e.target instanceof HTMLSelectElement) return;
      e.preventDefault();
      const before = model.selectedId.peek();
      const from = document.activeElement;
      model.step(e.key === 'ArrowDown' ? 1 : -1, e.shiftKey);
      if (model.selectedId.peek() === before) return;
      // The composer is made anew for the next conversation (and the pane's buttons change, the
      // Report goes): the focus would fall to the page. From the composer it goes on to the next
      // one's Message box, from elsewhere in the pane to its heading; in the queue it stays.
      focusOnOpen.current = from?.closest('.composer') ? 'message' : from === null || from === document.body || from.closest('.conversation') ? 'heading' : null;
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [model, loggedIn]);

  return (
    <ConsoleContext.Provider value={model}>
      {loggedIn ? (
        <div class="shell">
          <TopBar />
          <QueueNews />
          <div class="columns">
            <QueuePanel />
            {model.report.state.value ? <ReportView /> : <ConversationPane focusOnOpen={focusOnOpen} />}
            <SidePanel />
          </div>
        </div>
      ) : (
        <LoginForm />
      )}
    </ConsoleContext.Provider>
  );
}
