// The app chunk, fetched by the loader on the visitor's first intent. `mount` renders the panel
// into the loader's shadow root and returns the API behind `window.Kohtaamo(...)`.
//
// Reload, next page or a new tab mid-chat: while a conversation with a person is queued or active,
// the app keeps a flag in localStorage and the loader of the site's next page loads the app at once
// (elsewhere it loads on intent: hover, focus, click). On mount the app reads IndexedDB (only if
// our database already exists), shows the saved transcript at once and reconnects with the stored
// token and the last seen seq, so the server replays what was missed and the conversation
// continues. While the panel is closed the socket stays up and agent messages raise an unread
// badge on the launcher, so nothing said while the visitor looks at the page goes unnoticed.
import { effect, signal, untracked } from '@preact/signals';
import { render } from 'preact';
import type { MountOptions, WidgetApi } from '../contract';
import type { VisitorInfo } from '../../protocol/fields';
import { LANGS, LIMITS, type Lang } from '../../protocol/limits';
import { deadline } from '../deadline';
import { loadStrings, type Strings } from './i18n/strings';
import { createFaqModel } from './model/faq';
import { createSession, type SessionOptions } from './model/session';
import { flaggingWho, idbPersist, live, markChatLive } from './model/storage';
import { loadFaq } from './faq-source';
import { readIdentity } from './identity';
import { App } from './ui/App';
import { dropDraft } from './model/draft';
import { CSS } from './ui/styles';

/** What tests replace: the socket, the storage and the FAQ source. */
export type MountDeps = Partial<Pick<SessionOptions, 'WebSocket' | 'persist'>> & {
  loadFaq?: typeof loadFaq;
};

export function mount(o: MountOptions, deps: MountDeps = {}): WidgetApi {
  const lang = signal<Lang>(o.lang);
  const open = signal(false);
  const strings = signal<Strings | null>(null);
  let visitor: VisitorInfo | undefined;
  const session = createSession({
    server: o.server,
    lang: () => lang.value,
    // Without its query and #fragment, which carry what is not ours to keep: a password reset's
    // token, an OAuth sign-in's #access_token=, an email a form put there. Agents, webhooks and
    // emails get the page, not the secrets in its address.
    page: () => ({ url: (location.origin + location.pathname).slice(0, LIMITS.url), title: document.title.slice(0, LIMITS.title) }),
    visitor: () => visitor,
    // The site's logout (null), or another customer's login, here or in another tab: the next
    // finds the panel closed, the question field empty, as a new visitor does.
    forgot: () => (faq.clear(), close(), dropDraft()),
    // Not told to an agent as the one here, until the site says again.
    stale: () => (visitor = undefined),
    WebSocket: deps.WebSocket ?? WebSocket,
    // What the loader of the site's next page needs to know (contract.ts): whose the chat kept is,
    // and whether one goes on.
    persist: flaggingWho(deps.persist ?? idbPersist(), () => session.conversation.status.value),
  });
  const faq = createFaqModel(() => (deps.loadFaq ?? loadFaq)(o.server), () => lang.value);
  // Mounted on intent (hover, focus, click), the FAQ comes now, so answers are ready on open. For a
  // chat going on, or the site's word of who is here (contract.ts), it waits for the panel to open
  // (the effect below): such pages, every page of a named customer's visit, rarely open it.
  if (o.intent) faq.ensure();
  void session.restore();

  const container = o.root.ownerDocument.createElement('div');
  o.root.append(container);
  const launcher = o.launcher;
  const badge = launcher.querySelector<HTMLElement>('.badge');

  // Focus goes back to the launcher only from inside the panel: a site's own Kohtaamo('close')
  // (on a route change, say) must not pull the visitor out of a field they are typing in.
  const close = () => {
    open.value = false;
    if (o.root.activeElement) launcher.focus();
  };
  // Until the panel was first shown (its words on their way), a tap opens it and never closes it: on a
  // slow link a visitor who sees nothing taps again, and the two would cancel out (as in the loader).
  const toggle = () => (open.value = !(open.value && strings.value));
  launcher.addEventListener('click', toggle);
  // A message sent or read just before the visitor clicks a link is saved, not lost with the page.
  const onPageHide = () => session.flush();
  addEventListener('pagehide', onPageHide);
  // A reply counts as read (and agents see "Seen") only while the page is in front of the visitor.
  // Shown again (the tab brought back, or the page back from the back/forward cache), one still in
  // the FAQ takes up a conversation another tab started meanwhile.
  const visible = signal(!document.hidden);
  const onVisibility = () => (visible.value = !document.hidden) && session.shown();
  document.addEventListener('visibilitychange', onVisibility);

  o.addStyles(CSS);
  /** The language whose words are shown. */
  let loaded: Lang | undefined;
  const disposers = [
    effect(() => {
      const l = lang.value;
      // Opening the panel fetches the FAQ where the mount did not, and again what failed to come (a
      // network blip): the FAQ (untracked, or its failing would set off the next try at once) and
      // these words, without which there is no panel.
      if (open.value) untracked(faq.ensure);
      if (loaded === l) return;
      const own = l === o.lang ? o.texts : undefined;
      deadline(loadStrings(l)).then(
        // Switched again before these words arrived: the later language's words win, whichever comes first.
        // The host says which language they are (lang), for the panel and the launcher's name in
        // it: not the page's, which may be Swedish on a bilingual site, or Finnish under Kohtaamo('lang', 'en').
        (t) => lang.peek() === l && ((loaded = l), ((o.root.host as HTMLElement).lang = l), (strings.value = { ...t, title: own?.title || t.title, greeting: own?.greeting || t.greeting })),
        // Not the page's error: its unhandledrejection handler may report to the site's error tracker.
        // With no words there is no panel, so the launcher says closed again: its next click opens and tries again.
        // So too for words that never come (a stalled request): the browser joins the retry to that import, which
        // may yet end.
        () => loaded || (open.value = false),
      );
    }),
    effect(() => {
      const t = strings.value;
      // Components track their own signals; this effect re-renders only when the words change.
      if (t) untracked(() => render(<App t={t} open={open} session={session} faq={faq} close={close} />, container));
    }),
    // The launcher says what a click will do, and how many agent messages wait unread.
    effect(() => {
      const t = strings.value;
      const unread = session.conversation.unread.value;
      launcher.setAttribute('aria-expanded', String(open.value));
      if (t) {
        launcher.setAttribute(
          'aria-label',
          open.value ? t.launcherClose : unread > 0 ? t.launcherUnread(unread) : t.launcherOpen,
        );
      }
      if (badge) {
        badge.hidden = open.value || unread === 0;
        badge.textContent = String(unread);
      }
    }),
    // Set at once as a person is asked for; removed only as what is kept says the chat is over
    // (flaggingWho): not as the app starts, before the read of a chat going on, nor at a logout
    // before its write is done.
    effect(() => {
      if (live(session.conversation.status.value)) markChatLive(true);
    }),
    effect(() => {
      if (open.value && visible.value && session.phase.value === 'chat' && session.conversation.lastSeq.value > 0) {
        session.conversation.markRead();
      }
    }),
  ];

  /** Says to the site owner, in the browser's console, what is wrong with a call. */
  const misused = (call: string, problem: string) => console.warn(`Kohtaamo(${call}): ${problem}`);
  const commands: Record<string, ((...args: unknown[]) => void) | null> = {
    // Without a prototype: Kohtaamo('valueOf') is no command, and threw at the site (and lost the
    // calls queued behind it) when it was found on Object.prototype.
    __proto__: null,
    open: () => (open.value = true),
    close,
    toggle,
    // A mistyped call is said to the site owner in the browser's console, not silently dropped.
    lang: (next) => {
      if ((LANGS as readonly unknown[]).includes(next)) lang.value = next as Lang;
      else misused(`'lang', '${next}'`, 'fi or en');
    },
    identify: (info) => {
      const read = readIdentity(info);
      visitor = read.visitor;
      // The site's logout (null), or another customer's login: what was kept of the last one goes (forgot).
      session.identify();
      for (const problem of read.problems) misused("'identify'", problem);
    },
  };

  return {
    command(cmd, ...args) {
      const run = commands[cmd];
      if (run) run(...args);
      else misused(`'${cmd}'`, 'no such command');
    },
    dispose() {
      launcher.removeEventListener('click', toggle);
      removeEventListener('pagehide', onPageHide);
      document.removeEventListener('visibilitychange', onVisibility);
      for (const d of disposers) d();
      render(null, container);
      container.remove();
      session.dispose();
      faq.dispose();
    },
  };
}
