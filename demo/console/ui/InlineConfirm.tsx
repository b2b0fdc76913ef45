// A question that takes its button's place rather than a dialog over the page: the agent still
// reads what is behind it while deciding. Focus goes to Cancel, so a double click or a second
// Enter does not do it, and comes back to the button when cancelled (Escape cancels too).
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';

/**
 * The state of an inline question: `asking` holds why it is asked (null: not asked). `still`
 * false hides an asked question whose reason went meanwhile; focus follows only what is drawn.
 */
export function useInlineConfirm<Why>(still = true) {
  const [asking, setAsking] = useState<Why | null>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  /** Where the focus goes once the question is drawn, or gone. */
  const focusNext = useRef<typeof cancelRef | null>(null);
  const showing = asking !== null && still;
  useLayoutEffect(() => {
    const next = focusNext.current;
    focusNext.current = null;
    next?.current?.focus();
  }, [showing]);
  return {
    asking: showing ? asking : null,
    buttonRef,
    cancelRef,
    ask(why: Why) {
      focusNext.current = cancelRef;
      setAsking(why);
    },
    /** Not asking any more: cancelled, or done (focus back on the button, which stays until the change is made). */
    back() {
      if (asking !== null) focusNext.current = buttonRef;
      setAsking(null);
    },
  };
}

interface QuestionProps {
  id: string;
  question: ComponentChildren;
  confirm: ComponentChildren;
  cancel: ComponentChildren;
  onConfirm: () => void;
  onCancel: () => void;
  cancelRef: ReturnType<typeof useInlineConfirm>['cancelRef'];
  pending?: boolean;
}

export function InlineQuestion({ id, question, confirm, cancel, onConfirm, onCancel, cancelRef, pending }: QuestionProps) {
  return (
    <span
      role="group"
      class="confirm"
      aria-labelledby={id}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        // Taken: what holds the question (the phone's Menu) is not closed by the same key.
        e.preventDefault();
        onCancel();
      }}
    >
      <span id={id}>{question}</span>
      <span class="confirm-buttons">
        <button type="button" class="danger" onClick={onConfirm} aria-disabled={pending}>
          {confirm}
        </button>
        <button type="button" ref={cancelRef} onClick={onCancel}>
          {cancel}
        </button>
      </span>
    </span>
  );
}
