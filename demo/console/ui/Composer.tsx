import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import type { Draft } from '../model/drafts';
import type { Insertable } from '../model/faq-answers';
import { FILE_TYPES } from '../../../protocol/files';
import { LIMITS } from '../../../protocol/limits';
import { LOOKUP_STATUS_DELAY_MS } from '../config';
import { markdownAsText } from '../markdown-text';
import { fillPlaceholders } from '../placeholders';
import { loadProblemText } from '../strings';
import { useConsole } from './context';
import { Icon } from './Icon';
import { useLiveText } from './live-text';

/** The role the message box takes while a '/' lookup is open (see the textarea below). */
const COMBOBOX: Readonly<Record<string, string>> = { role: 'combobox' };

interface Props {
  conversationId: string;
  /** Whether the agent may reply (the conversation is theirs); a note any agent may write. */
  enabled: boolean;
  /** Why the agent cannot reply. */
  hint: string;
  /** The visitor's language: FAQ answers in it come first. */
  lang: 'fi' | 'en';
}

/**
 * Writing a reply. A draft that starts with `/` looks up FAQ answers instead (`/palautus`): the
 * arrows pick one, Enter or Tab puts its text in the draft to edit and send, Esc writes the `/`
 * text as a message after all. While looking up, Enter never sends.
 *
 * With *Note* pressed, the same box writes a note for colleagues instead: in any conversation,
 * whoever has it, the visitor never sees it, and the visitor is not told the agent types.
 *
 * *Attach a file* sends a file to the visitor, so only where the agent may reply and never as a
 * note: a note is text for colleagues, and a file always reaches the visitor.
 */
export function Composer({ conversationId, enabled, hint, lang }: Props) {
  const model = useConsole();
  const t = model.t.value;
  // The draft and its mode live in the model: the composer is made anew per conversation and gone while the Report shows.
  const { text: draft, note: noting } = model.drafts.of(conversationId);
  const write = (patch: Partial<Draft>) => model.drafts.write(conversationId, patch);
  const writable = enabled || noting;
  /**
   * A draft the agent may no longer send (a colleague took the conversation over, the visitor
   * ended it) stays readable: read-only, not disabled, which would let them neither select nor
   * copy it, with why beside it. Only an empty box is disabled (nothing in it to read).
   */
  const readOnly = !writable && draft !== '';
  /** The option the arrows are on. */
  const active = useSignal(0);
  /** The draft Esc was pressed on: no lookup for it. */
  const dismissed = useSignal<string | null>(null);
  const box = useRef<HTMLTextAreaElement>(null);
  const picker = useRef<HTMLInputElement>(null);
  const wasEnabled = useRef(enabled);
  const noteButton = useRef<HTMLButtonElement>(null);
  /**
   * The box is being disabled or made read-only under the agent's typing (the visitor ended the chat, a colleague took
   * it over): read before this render does it, for a disabled box drops the focus to <body>, where the next keys go nowhere.
   */
  const losing = useRef(false);
  // Read-only too: the next keys would go nowhere, without a word.
  if (!writable && box.current && !box.current.disabled && !box.current.readOnly && document.activeElement === box.current) losing.current = true;

  const lookup = enabled && !noting && draft.startsWith('/') && dismissed.value !== draft ? draft.slice(1).trim() : null;
  const found: Insertable[] = lookup === null ? [] : model.findAnswers(lookup, lang);
  const current = Math.min(active.value, found.length - 1);
  /** The saved replies or FAQ answers not there to match, and why: not "nothing matches". */
  const failed = model.answersFailed.value;
  const notLoaded = failed && `${t.answersFailed[failed.what]} ${loadProblemText(t, failed.problem)}`;
  /** Why the list is empty; said to a screen reader once the agent pauses, not at each keystroke. */
  const empty = lookup !== null && found.length === 0 ? (notLoaded || (lookup.length < 2 ? t.typeAFewWords : t.noAnswerMatches(lookup))) + t.escWrites : '';
  // What could not be loaded is asked for again as the agent looks something up: the retry its words ask for.
  useEffect(() => {
    if (lookup !== null) model.answersAgain();
  }, [lookup]);
  const emptySaid = useLiveText(empty, LOOKUP_STATUS_DELAY_MS);
  /**
   * Characters past what one message takes, counted as the model and the server count them (trimmed).
   * The box takes any length (no maxLength, no cut on insert): a browser cuts a paste at maxLength
   * without a word, and the end of what the agent pasted would be gone unseen. Instead the text stays
   * whole, this says by how much it is over, and it is not sent until it fits.
   */
  const over = Math.max(0, draft.trim().length - LIMITS.text);
  const overText = over > 0 ? t.textTooLong(over, LIMITS.text) : '';
  // Once the agent pauses, as the lookup's words: at each keystroke of shortening it, the count read out would never stop.
  const overSaid = useLiveText(overText, LOOKUP_STATUS_DELAY_MS);

  // Just claimed: the agent's next move is to write, so the cursor goes there. Not on opening
  // a conversation (the composer remounts per conversation), which would pull keyboard users out of the queue.
  useEffect(() => {
    if (enabled && !wasEnabled.current) box.current?.focus();
    wasEnabled.current = enabled;
  }, [enabled]);
  // To Note, beside the draft and the line saying why: Note opens the box again, for the draft to be kept as a note.
  // And Note pressed there: the box opens again with the draft, and takes the focus once it can (not disabled any more).
  useEffect(() => {
    if (losing.current) noteButton.current?.focus();
    else if (writable && document.activeElement === noteButton.current) box.current?.focus();
    losing.current = false;
  }, [writable]);

  function submit(event?: Event) {
    event?.preventDefault();
    // Enter in a read-only draft: it is not the agent's to send any more.
    if (!writable) return;
    // The model empties the draft once the text is on its way.
    model.sendText(conversationId, draft, { note: noting });
  }

  function insert({ entry, saved }: Insertable) {
    const text = markdownAsText(entry.answer);
    const c = model.selected.value;
    // Only the team's own replies have placeholders; an FAQ answer's braces are its own.
    // Whole, however long: over the limit, the line under the box says so (`over`).
    write({ text: saved ? fillPlaceholders(text, { name: c?.visitor.name, agent: model.agent.value?.name }) : text });
    active.value = 0;
    model.typed(conversationId);
    box.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.isComposing) return;
    if (lookup !== null) {
      const pick = found[current];
      // With Alt the arrows move between conversations (App.tsx), not through the answers.
      if ((event.key === 'ArrowDown' || event.key === 'ArrowUp') && !event.altKey) {
        if (found.length > 0) active.value = (current + (event.key === 'ArrowDown' ? 1 : found.length - 1)) % found.length;
      } else if ((event.key === 'Enter' && !event.shiftKey) || (event.key === 'Tab' && pick)) {
        if (pick) insert(pick);
      } else if (event.key === 'Escape') dismissed.value = draft;
      else return;
      event.preventDefault();
      return;
    }
    // Enter sends, Shift+Enter breaks the line.
    if (event.key === 'Enter' && !event.shiftKey) submit(event);
  }

  /** A file chosen, pasted (a screenshot) or dropped on the composer: to the visitor, where the agent may reply. */
  function take(files: FileList | null | undefined): boolean {
    const file = enabled && !noting ? files?.[0] : undefined;
    return file !== undefined && model.sendFile(conversationId, file);
  }

  function attach(event: Event & { currentTarget: HTMLInputElement }) {
    take(event.currentTarget.files);
    // Emptied, so that choosing the same file again (after a failure) is a change too.
    event.currentTarget.value = '';
  }

  function toggleNote() {
    write({ note: !noting });
    box.current?.focus();
  }

  return (
    <form
      class={`composer${noting ? ' noting' : ''}`}
      onSubmit={submit}
      onDragOver={(event) => enabled && !noting && event.preventDefault()}
      onDrop={(event) => {
        event.preventDefault();
        take(event.dataTransfer?.files);
      }}
    >
      <label for="composer-text" class="sr-only">
        {noting ? t.noteLabel : t.message}
      </label>
      <textarea
        id="composer-text"
        ref={box}
        rows={3}
        disabled={!writable && !readOnly}
        readOnly={readOnly}
        placeholder={noting ? t.notePlaceholder : enabled ? t.replyPlaceholder : hint}
        aria-describedby={[writable ? '' : 'composer-hint', over > 0 ? 'composer-over' : ''].filter(Boolean).join(' ') || undefined}
        aria-invalid={over > 0 || undefined}
        // A combobox while a '/' lookup is open, as the widget's question field is: a screen reader
        // then says there is a list and whether it shows. Else a plain message box (Enter sends),
        // which is what a textarea is. ARIA in HTML (and so Preact's types) allows a textarea no
        // role but textbox: hence the spread, and only while a lookup is open.
        {...(lookup !== null ? COMBOBOX : {})}
        aria-expanded={lookup !== null ? found.length > 0 : undefined}
        aria-autocomplete="list"
        aria-controls={found.length > 0 ? 'composer-faq' : undefined}
        aria-activedescendant={found.length > 0 ? `composer-faq-${current}` : undefined}
        value={draft}
        onInput={(e) => {
          const text = e.currentTarget.value;
          write({ text });
          active.value = 0;
          // Looking up an answer, or writing a note, is not writing to the visitor.
          if (text.trim() && !text.startsWith('/') && !noting) model.typed(conversationId);
        }}
        onKeyDown={onKeyDown}
        onPaste={(event) => take(event.clipboardData?.files) && event.preventDefault()}
      />
      {lookup !== null &&
        (found.length > 0 ? (
          <ul id="composer-faq" class="faq-picker" role="listbox" aria-label={t.answersToInsert}>
            {found.map((item, i) => (
              <li
                key={`${item.saved ? 'saved' : 'faq'}:${item.entry.id}`}
                id={`composer-faq-${i}`}
                // In its own language (a Finnish saved reply in an English console), and what the console says of it in the console's.
                lang={item.entry.lang}
                role="option"
                aria-selected={i === current}
                // Mouse down, not click: the text box keeps the focus.
                onMouseDown={(event) => {
                  event.preventDefault();
                  insert(item);
                }}
              >
                {item.entry.question} <span class="faq-picker-lang" lang={model.lang.value}>{item.saved ? t.savedReply(t.lang[item.entry.lang] ?? item.entry.lang) : t.lang[item.entry.lang]}</span>
              </li>
            ))}
          </ul>
        ) : (
          // Seen at once; a screen reader has the same words from the region below, once they settle.
          <p class="faq-picker faq-picker-empty" aria-hidden="true">
            {empty}
          </p>
        ))}
      <p class="sr-only" id="composer-lookup-status" aria-live="polite" aria-atomic="true">
        {emptySaid}
      </p>
      {/* Seen at once; a screen reader has it as the box's description, and from the region below once the agent pauses. */}
      {over > 0 && (
        <p id="composer-over" class="composer-hint" aria-hidden="true">
          {overText}
        </p>
      )}
      <p class="sr-only" aria-live="polite" aria-atomic="true">
        {overSaid}
      </p>
      {/* An empty box shows why as its placeholder; a draft left in it greyed needs the words seen beside it. */}
      {!writable && (
        <p id="composer-hint" class={draft ? 'composer-hint' : 'sr-only'}>
          {draft ? `${hint} ${t.draftKept}` : hint}
        </p>
      )}
      <div class="composer-buttons">
        {enabled && !noting && (
          <>
            <input ref={picker} type="file" hidden accept={FILE_TYPES.join(',')} onChange={attach} />
            <button type="button" class="attach" onClick={() => picker.current?.click()}>
              <Icon name="paperclip" />
              {t.attachFile}
            </button>
          </>
        )}
        <button type="button" class="note-toggle" ref={noteButton} aria-pressed={noting} aria-describedby={writable ? undefined : 'composer-hint'} onClick={toggleNote}>
          {t.note}
        </button>
        <button type="submit" class="primary" disabled={!writable || !draft.trim() || lookup !== null || over > 0}>
          {noting ? t.addNote : t.send}
        </button>
      </div>
    </form>
  );
}
