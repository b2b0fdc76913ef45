// Live chat with a person: the visitor's "End chat", the transcript, who is typing, the composer, and
// the rating at the end.
import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { FILE_TYPES } from '../../../protocol/files';
import type { Session } from '../model/session';
import type { Strings } from '../i18n/strings';
import { Transcript } from './Transcript';
import { Rating } from './Rating';
import { Paperclip } from './Paperclip';
import { EndChat } from './EndChat';
import { keepDraft, keptDraft } from '../model/draft';

/** `open`: whether the panel is shown. */
export function ChatView({ session, t, open }: { session: Session; t: Strings; open: boolean }) {
  const draft = useSignal('');
  const body = useRef<HTMLDivElement>(null);
  const picker = useRef<HTMLInputElement>(null);
  const c = session.conversation;
  const id = c.id.value;
  useEffect(() => {
    draft.value ||= keptDraft(id);
    // One written before the server took the handoff is this conversation's now, and no later one's.
    if (id && draft.value) keepDraft(id, draft.value);
  }, [id]);
  const closed = c.status.value === 'closed';
  // A file goes into a conversation the server already has: not before the handoff is taken.
  const live = c.status.value === 'queued' || c.status.value === 'active';
  // Said "End chat": nothing more is written into it (it would follow the end, and be refused).
  const ending = session.outbox.items.value.find((it) => it.frame.type === 'end');
  const typing = c.agentTyping.value;
  const count = c.events.value.length + session.outbox.items.value.length + session.uploads.items.value.length;

  // Keep the newest message in view; and as the panel opens: while hidden it had no height to scroll.
  useEffect(() => {
    const el = body.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [count, typing, closed, open]);
  // And, where the visitor was at the newest line (they last scrolled there, or were taken there),
  // as the box shrinks (a phone's keyboard opening) or the log grows by itself: its lines out of
  // sight are laid out only as they come near (styles.ts), and grow to their own height then.
  // Every browser with Array's findLast (Transcript.tsx, App.tsx) has ResizeObserver.
  useEffect(() => {
    const el = body.current!;
    let bottom = true;
    el.onscroll = () => (bottom = el.scrollHeight - el.scrollTop - el.clientHeight < 8);
    const observer = new ResizeObserver(() => bottom && (el.scrollTop = el.scrollHeight));
    observer.observe(el);
    observer.observe(el.firstElementChild!);
    return () => observer.disconnect();
  }, []);

  /** A file picked, pasted (a screenshot) or dropped on the chat: sent while the conversation is live. */
  const take = (files: FileList | null | undefined) => {
    const file = live && files?.[0];
    if (file) session.uploads.add(file);
    return !!file;
  };

  // A tap on a button moves the focus to it, out of the message box, and a phone's keyboard closes
  // after every message. Not pressed down, they leave the focus where it is; Tab and Enter still work.
  const keepFocus = (e: Event) => e.preventDefault();

  const send = () => {
    if (!draft.value.trim()) return;
    session.send(draft.value);
    keepDraft(id, (draft.value = ''));
  };

  return (
    <>
      {/* Not while a file is on its way (a POST beside the outbox): it would come after the end, and be refused.
          Made anew as the panel closes and opens: a question left asking is not there when the visitor comes back. */}
      {live && !session.uploads.items.value.some((u) => u.status === 'sending') && <EndChat key={open} session={session} t={t} ending={ending} />}
      <div
        class="body"
        ref={body}
        onDragOver={(e) => live && e.preventDefault()}
        onDrop={(e) => {
          e.preventDefault();
          take(e.dataTransfer?.files);
        }}
      >
        <Transcript session={session} t={t} />
        <p class="typing" aria-live="polite">
          {typing && t.agentTyping(typing)}
        </p>
        {closed && <Rating session={session} t={t} />}
      </div>
      {!closed && !ending && (
        // Not a <form>: a sandboxed frame without allow-forms stops its submission before `submit`.
        <div class="foot compose">
          {live && (
            <>
              <button type="button" class="btn" aria-label={t.attach} onMouseDown={keepFocus} onClick={() => picker.current?.click()}>
                <Paperclip />
              </button>
              <input
                ref={picker}
                type="file"
                accept={FILE_TYPES.join()}
                hidden
                onChange={(e) => {
                  take(e.currentTarget.files);
                  // So that picking the same file again (after a failure) is a change too.
                  e.currentTarget.value = '';
                }}
              />
            </>
          )}
          <textarea
            class="field"
            rows={1}
            aria-label={t.messageLabel}
            placeholder={t.messagePlaceholder}
            enterkeyhint="send"
            value={draft.value}
            onInput={(e) => {
              session.interacted();
              keepDraft(id, (draft.value = e.currentTarget.value));
              session.typing(draft.value.trim() !== '');
            }}
            onPaste={(e) => take(e.clipboardData?.files) && e.preventDefault()}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey) {
                e.preventDefault();
                send();
              }
            }}
          />
          <button type="button" class="btn primary" onMouseDown={keepFocus} onClick={send}>
            {t.send}
          </button>
        </div>
      )}
    </>
  );
}
