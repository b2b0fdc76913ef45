import { useEffect, useRef, useState } from 'preact/hooks';
import { useConsole } from './context';
import { LangSwitch } from './LangSwitch';
import { LogOut } from './LogOut';
import { useNarrow } from './narrow';

export function TopBar() {
  const model = useConsole();
  const t = model.t.value;
  const next = useRef<HTMLButtonElement>(null);
  const blocked = useRef<HTMLSpanElement>(null);
  /**
   * "Notify me of new chats" goes once the browser has the agent's answer, and the focus with
   * it: the keyboard carries on from the next button, where Tab would have gone, or from the
   * words saying the browser blocks them.
   */
  const refocus = useRef(false);
  /** On a phone, the controls past the brand are behind Menu (on a desktop they are all in the bar). */
  const [menuOpen, setMenuOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const narrow = useNarrow();
  /**
   * Closes Menu when the focus goes on past it and its button (Tab from its last control, a tap
   * elsewhere), as a disclosure's menu does: left open, it covered the page the agent had tabbed
   * on to. Not when the window itself loses the focus (another app): the menu is as it was.
   */
  const closeMenuOnLeave = (e: FocusEvent) => {
    // The window losing the focus says so at once; Shift+Tab out to the browser's own bar does not.
    if (!menuOpen || !document.hasFocus()) return;
    const inside = (node: EventTarget | null) => node instanceof Node && (menu.current?.contains(node) || menuButton.current?.contains(node));
    if (e.relatedTarget !== null) return void (inside(e.relatedTarget) || setMenuOpen(false));
    // Going nowhere is a tap on the page, or the control pressed making way for what takes its
    // place (Log out for its question, Notify me once answered), which the focus goes on to: told
    // apart once the page has been drawn again.
    const left = e.target;
    setTimeout(() => {
      if (inside(document.activeElement)) return;
      if (document.activeElement === document.body && left instanceof Node && !left.isConnected) return;
      setMenuOpen(false);
    });
  };
  /**
   * Escape closes an open Menu, the focus on its button (where it stays if it was there); not an
   * Escape that something in it took (Log out's question, cancelled by it: the menu stays).
   */
  const closeMenuOnEscape = (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || e.defaultPrevented || !menuOpen || !menu.current || getComputedStyle(menu.current).display === 'contents') return;
    setMenuOpen(false);
    menuButton.current?.focus();
  };
  useEffect(() => {
    if (!refocus.current || model.alerts.permission.value === 'default') return;
    refocus.current = false;
    const active = document.activeElement;
    // Refused: on the words that say so, which a screen reader then reads.
    if (active === null || active === document.body || !active.isConnected) (blocked.current ?? next.current)?.focus();
  });
  return (
    <header class="topbar">
      {/* Only on a phone, where the conversation takes the queue's place: the way back to it. */}
      {narrow && model.pane.value === 'conversation' && (
        <button type="button" class="ghost back-to-queue" onClick={() => (model.pane.value = 'queue')}>
          <span aria-hidden="true">← </span>
          {t.backToQueue}
        </button>
      )}
      <h1 class="brand">
        Kohtaamo <span class="muted">{t.brand}</span>
      </h1>
      <ConnectionState />
      <span class="spacer" />
      <button
        type="button"
        class="ghost topbar-menu-toggle"
        ref={menuButton}
        aria-expanded={menuOpen}
        aria-controls="topbar-menu"
        onClick={() => setMenuOpen(!menuOpen)}
        onKeyDown={closeMenuOnEscape}
        onFocusOut={closeMenuOnLeave}
      >
        {t.menu}
        {model.paused.value && <span class="menu-paused"> · {t.pausedShort}</span>}
      </button>
      {/* On a desktop its controls are the bar's own (display: contents); on a phone, Menu shows them. */}
      <div
        id="topbar-menu"
        class={`topbar-menu${menuOpen ? ' open' : ''}`}
        ref={menu}
        // A tap on the menu's words rather than its controls keeps the focus in it, not on the page.
        tabIndex={-1}
        onKeyDown={closeMenuOnEscape}
        onFocusOut={closeMenuOnLeave}
      >
        <PauseSwitch />
        <button
          type="button"
          id="report-toggle"
          class="ghost"
          aria-pressed={model.report.state.value !== null}
          onClick={() => {
            if (model.report.state.value) return model.report.close();
            // On a phone the Report shows in the conversation's place, the menu out of its way.
            model.pane.value = 'conversation';
            setMenuOpen(false);
            void model.report.open();
          }}
        >
          {t.report}
        </button>
        {/* On by default, as in the chat tools agents come from; pressed while on. */}
        <button type="button" class="ghost" aria-pressed={model.sound.on.value} onClick={() => model.sound.set(!model.sound.on.value)}>
          {t.sound}
        </button>
        {model.alerts.permission.value === 'default' && (
          <button
            type="button"
            class="ghost"
            onClick={() => {
              refocus.current = true;
              void model.alerts.enable();
            }}
          >
            {t.notifyMe}
          </button>
        )}
        {model.alerts.permission.value === 'denied' && (
          <span class="notify-blocked" ref={blocked} tabIndex={-1}>
            {t.notificationsBlocked}
          </span>
        )}
        <LangSwitch class="ghost" buttonRef={next} />
        <span class="agent-name">
          <span class="sr-only">{t.signedInAs}</span>
          {model.agent.value?.name}
        </span>
        <LogOut />
      </div>
    </header>
  );
}

function ConnectionState() {
  const model = useConsole();
  const t = model.t.value;
  const status = model.status.value;
  const retryAt = model.connection.value?.retryAt.value ?? null;
  const seconds = useCountdown(status === 'waiting' ? retryAt : null);
  /**
   * Lost, from the drop until the console is back or stops: each retry goes through
   * `connecting` again, and a status saying "Connecting…" and "Reconnecting…" by turns was read
   * out on every attempt while the server was down. Once said, it stays said.
   */
  const lost = useRef(false);
  if (status === 'waiting') lost.current = true;
  else if (status === 'online' || status === 'stopped') lost.current = false;
  const label = status === 'online' ? t.connected : lost.current ? t.reconnecting : status === 'connecting' ? t.connecting : t.disconnected;
  return (
    <span class={`connection ${status}`}>
      <span class="dot" aria-hidden="true" />
      <span role="status">{label}</span>
      {/* Hidden from screen readers: a status that changes every second would never stop talking. */}
      {seconds > 0 && <span aria-hidden="true">{t.inSeconds(seconds)}</span>}
      {(status === 'waiting' || status === 'stopped') && (
        <button type="button" class="link" onClick={model.retryNow}>
          {t.reconnectNow}
        </button>
      )}
    </span>
  );
}

/** Whole seconds until `until` (a `performance.now()` time), refreshed every second while there is something to count. */
function useCountdown(until: number | null): number {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (until === null) return;
    const timer = setInterval(() => setTick((n) => n + 1), 1_000);
    return () => clearInterval(timer);
  }, [until]);
  return until === null ? 0 : Math.max(0, Math.ceil((until - performance.now()) / 1_000));
}

/** A toggle with one name; while pressed, the bar says what it means for visitors. */
function PauseSwitch() {
  const model = useConsole();
  const t = model.t.value;
  const paused = model.paused.value;
  return (
    <span class="pause">
      {paused && <span class="paused-note">{t.pausedNote}</span>}
      <button type="button" class="ghost" aria-pressed={paused} onClick={() => model.setAvailable(paused)}>
        {t.pauseNewChats}
      </button>
    </span>
  );
}
