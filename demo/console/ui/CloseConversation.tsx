// Close conversation, asking first when the visitor is typing or waits for a reply: a message
// the visitor sends as the conversation closes is refused (no open conversation), and lost.
// The question takes the button's place in the header, not a dialog over the page: the agent
// still reads the transcript while deciding. Focus goes to Cancel, so a double click or a
// second Enter does not close, and comes back to Close conversation when cancelled.
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { awaitsReply } from '../model/transcript';
import { useConsole } from './context';

export function CloseConversation({ conversationId, onClose }: { conversationId: string; onClose: () => void }) {
  const model = useConsole();
  const t = model.t.value;
  const [asking, setAsking] = useState<'typing' | 'unanswered' | null>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  /** Where the focus goes once the question is drawn, or gone. */
  const focusNext = useRef<'cancel' | 'close' | null>(null);
  useLayoutEffect(() => {
    const next = focusNext.current;
    focusNext.current = null;
    (next === 'cancel' ? cancel : next === 'close' ? closeButton : null)?.current?.focus();
  }, [asking]);

  const close = () => {
    // Back on the button, as when nothing was asked, until the server has closed it (ConversationPane moves on from there).
    if (asking) focusNext.current = 'close';
    setAsking(null);
    onClose();
  };
  const ask = () => {
    const why = model.visitorTyping.value[conversationId] ? 'typing' : awaitsReply(model.transcripts.value[conversationId] ?? []) ? 'unanswered' : null;
    if (!why) return close();
    focusNext.current = 'cancel';
    setAsking(why);
  };
  const back = () => {
    focusNext.current = 'close';
    setAsking(null);
  };

  if (!asking) {
    return (
      <button type="button" class="danger" ref={closeButton} onClick={ask} aria-disabled={model.isPending('close', conversationId)}>
        {t.closeConversation}
      </button>
    );
  }
  return (
    <span role="group" class="confirm" aria-labelledby="close-question" onKeyDown={(e) => e.key === 'Escape' && back()}>
      <span id="close-question">{asking === 'typing' ? t.closeWhileTyping : t.closeUnanswered}</span>
      <span class="confirm-buttons">
        <button type="button" class="danger" onClick={close} aria-disabled={model.isPending('close', conversationId)}>
          {t.closeAnyway}
        </button>
        <button type="button" ref={cancel} onClick={back}>
          {t.cancel}
        </button>
      </span>
    </span>
  );
}
