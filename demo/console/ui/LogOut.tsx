// Log out, asking first while the agent has conversations of their own: logging out returns them
// to the queue at once (the server does, so no visitor is told Aino helps them while nobody is
// there), and the agent should know that before, not find it out after. The question takes the
// button's place, as Close conversation's does (InlineConfirm.tsx).
import { useConsole } from './context';
import { InlineQuestion, useInlineConfirm } from './InlineConfirm';

export function LogOut() {
  const model = useConsole();
  const t = model.t.value;
  const held = model.groups.value.mine.length;
  // Their last conversation gone meanwhile (passed on, taken over): nothing is left to ask about.
  const confirm = useInlineConfirm<true>(held > 0);

  if (!confirm.asking) {
    return (
      <button type="button" class="ghost" ref={confirm.buttonRef} onClick={() => (held === 0 ? model.logout() : confirm.ask(true))}>
        {t.logOut}
      </button>
    );
  }
  return (
    <InlineQuestion
      id="logout-question"
      question={t.logOutHolding(held)}
      confirm={t.logOutAnyway}
      cancel={t.cancel}
      onConfirm={model.logout}
      onCancel={confirm.back}
      cancelRef={confirm.cancelRef}
    />
  );
}
