// Close conversation, asking first when the visitor is typing or waits for a reply: a message
// the visitor sends as the conversation closes is refused (no open conversation), and lost.
// The question takes the button's place in the header (InlineConfirm.tsx).
import { awaitsReply } from '../model/transcript';
import { useConsole } from './context';
import { InlineQuestion, useInlineConfirm } from './InlineConfirm';

export function CloseConversation({ conversationId, onClose }: { conversationId: string; onClose: () => void }) {
  const model = useConsole();
  const t = model.t.value;
  const confirm = useInlineConfirm<'typing' | 'unanswered'>();
  const pending = model.isPending('close', conversationId);

  const close = () => {
    // Back on the button, as when nothing was asked, until the server has closed it (ConversationPane moves on from there).
    confirm.back();
    onClose();
  };
  const ask = () => {
    const why = model.visitorTyping.value[conversationId] ? 'typing' : awaitsReply(model.transcripts.value[conversationId] ?? []) ? 'unanswered' : null;
    if (why) confirm.ask(why);
    else close();
  };

  if (!confirm.asking) {
    return (
      <button type="button" class="danger" ref={confirm.buttonRef} onClick={ask} aria-disabled={pending}>
        {t.closeConversation}
      </button>
    );
  }
  return (
    <InlineQuestion
      id="close-question"
      question={confirm.asking === 'typing' ? t.closeWhileTyping : t.closeUnanswered}
      confirm={t.closeAnyway}
      cancel={t.cancel}
      onConfirm={close}
      onCancel={confirm.back}
      cancelRef={confirm.cancelRef}
      pending={pending}
    />
  );
}
