// The console: the queue, the conversation and its details, or the login form. Alt+↑/↓ move
// between conversations from anywhere, the message box included (as in Slack), with Shift to the
// nearest with new messages, so an agent with several chats never reaches for the mouse. Not on
// a select, where Alt+↓ opens the list.
// On a phone (under 600 px, styles.css) the queue and the conversation take the screen by turns
// (`model.pane`): opening a conversation shows it, with Back to the queue in the top bar.
import { useEffect, useRef } from 'preact/hooks';
import type { ConsoleModel } from '../model/console';
import { ConsoleContext } from './context';
import { ConversationPane, type FocusOnOpen } from './ConversationPane';
import { LoginForm } from './LoginForm';
import { LeaveWarning } from './LeaveWarning';
import { isNarrow, useNarrow } from './narrow';
import { QueueNews } from './QueueNews';
import { QueuePanel } from './QueuePanel';
import { ReportView } from './ReportView';
import { SidePanel } from './SidePanel';
import { TopBar } from './TopBar';
import { UpdateNote } from './UpdateNote';

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

  const pane = model.pane.value;
  // The model reads nothing on screen that a phone's queue hides (the visitor would see "Seen").
  const narrow = useNarrow();
  useEffect(() => {
    model.narrow.value = narrow;
  }, [model, narrow]);
  const reporting = model.report.state.value !== null;
  /**
   * The login form goes, with the focus in it, and on a wide screen nothing took it: the keyboard
   * starts from the queue's heading, as on a phone (below), not from the page's body.
   */
  useEffect(() => {
    const active = document.activeElement;
    if (!loggedIn || isNarrow() || (active && active !== document.body && active.isConnected)) return;
    const title = document.getElementById('queue-title');
    if (!title) return;
    title.tabIndex = -1;
    title.focus();
  }, [loggedIn]);
  /**
   * On a phone, what the agent tapped or pressed went with the pane it was in: the focus goes to
   * the heading of the conversation (or Report) now shown, or back in the queue to the card of the
   * conversation left, at the top of the screen either way. Where the focus is still in sight
   * (Alt+↓ from the message box gave it to the next one's), it stays.
   */
  useEffect(() => {
    if (!loggedIn || !isNarrow()) return;
    const active = document.activeElement;
    if (active instanceof HTMLElement && active !== document.body && active.isConnected && active.getClientRects().length > 0) return;
    const target =
      pane === 'conversation'
        ? document.querySelector<HTMLElement>('#report-title, #conversation-title') ?? document.querySelector<HTMLElement>('.columns > main')
        : document.querySelector<HTMLElement>('.queue-open[aria-current="true"]') ?? document.getElementById('queue-title');
    if (!target) return;
    if (!target.matches('button, [tabindex]')) target.tabIndex = -1;
    if (pane === 'conversation') window.scrollTo(0, 0);
    target.focus({ preventScroll: pane === 'conversation' });
    if (pane === 'queue') target.scrollIntoView({ block: 'center' });
  }, [loggedIn, pane, reporting]);

  return (
    <ConsoleContext.Provider value={model}>
      {loggedIn ? (
        <div class={`shell pane-${pane}`}>
          <TopBar />
          <LeaveWarning />
          <UpdateNote />
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
