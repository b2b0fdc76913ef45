import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { LIMITS } from '../../../protocol/limits';
import { useConsole } from './context';

interface Props {
  conversationId: string;
  enabled: boolean;
  /** Why the composer is disabled. */
  hint: string;
}

export function Composer({ conversationId, enabled, hint }: Props) {
  const model = useConsole();
  const draft = useSignal('');
  const box = useRef<HTMLTextAreaElement>(null);
  const wasEnabled = useRef(enabled);

  // Just claimed: the agent's next move is to write, so the cursor goes there. Not on opening
  // a conversation (the composer remounts per conversation), which would pull keyboard users out of the queue.
  useEffect(() => {
    if (enabled && !wasEnabled.current) box.current?.focus();
    wasEnabled.current = enabled;
  }, [enabled]);

  function submit(event?: Event) {
    event?.preventDefault();
    if (model.sendText(conversationId, draft.value)) draft.value = '';
  }

  function onKeyDown(event: KeyboardEvent) {
    // Enter sends, Shift+Enter breaks the line; IME composition is left alone.
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) submit(event);
  }

  return (
    <form class="composer" onSubmit={submit}>
      <label for="composer-text" class="sr-only">
        Message
      </label>
      <textarea
        id="composer-text"
        ref={box}
        rows={3}
        maxLength={LIMITS.text}
        disabled={!enabled}
        placeholder={enabled ? 'Write a reply… (Enter sends, Shift+Enter for a new line)' : hint}
        aria-describedby={enabled ? undefined : 'composer-hint'}
        value={draft.value}
        onInput={(e) => {
          draft.value = e.currentTarget.value;
          if (draft.value.trim()) model.typed(conversationId);
        }}
        onKeyDown={onKeyDown}
      />
      {!enabled && (
        <span id="composer-hint" class="sr-only">
          {hint}
        </span>
      )}
      <button type="submit" class="primary" disabled={!enabled || !draft.value.trim()}>
        Send
      </button>
    </form>
  );
}
