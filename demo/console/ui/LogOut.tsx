// Log out, asking first while the agent has conversations of their own: logging out returns them
// to the queue at once (the server does, so no visitor is told Aino helps them while nobody is
// there), and the agent should know that before, not find it out after. The question takes the
// button's place, as Close conversation's does (CloseConversation.tsx): focus goes to Cancel, so a
// double click or a second Enter does not log out, and comes back to Log out when cancelled.
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { useConsole } from './context';

export function LogOut() {
  const model = useConsole();
  const t = model.t.value;
  const held = model.groups.value.mine.length;
  const [asking, setAsking] = useState(false);
  const cancel = useRef<HTMLButtonElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  /** Where the focus goes once the question is drawn, or gone. */
  const focusNext = useRef<'cancel' | 'button' | null>(null);
  // Their last conversation gone meanwhile (passed on, taken over): nothing is left to ask about.
  const showing = asking && held > 0;
  useLayoutEffect(() => {
    const next = focusNext.current;
    focusNext.current = null;
    (next === 'cancel' ? cancel : next === 'button' ? button : null)?.current?.focus();
  }, [showing]);

  const ask = () => {
    if (held === 0) return model.logout();
    focusNext.current = 'cancel';
    setAsking(true);
  };
  const back = () => {
    focusNext.current = 'button';
    setAsking(false);
  };

  if (!showing) {
    return (
      <button type="button" class="ghost" ref={button} onClick={ask}>
        {t.logOut}
      </button>
    );
  }
  return (
    <span role="group" class="confirm" aria-labelledby="logout-question" onKeyDown={(e) => e.key === 'Escape' && back()}>
      <span id="logout-question">{t.logOutHolding(held)}</span>
      <span class="confirm-buttons">
        <button type="button" class="danger" onClick={model.logout}>
          {t.logOutAnyway}
        </button>
        <button type="button" ref={cancel} onClick={back}>
          {t.cancel}
        </button>
      </span>
    </span>
  );
}
