// Shared by the session's test files (session*.test.ts, one idea each): a session on a fake
// socket and memory storage, and the server's welcome. Not a test itself; nothing runs on import.
import { FakeSocket } from '../net/fake-socket';
import { memoryPersist } from './storage';
import { createSession, type Session } from './session';

export const page = { url: 'https://kauppa.example/', title: 'Kauppa' };
/** The session under test: the one `make` (or `use`) gave last, disposed after each test. */
export let session: Session;

/** A test that builds its own session (another page, its own options) makes it the one under test. */
export const use = (next: Session) => (session = next);

export function make(persist = memoryPersist(), visitor?: () => { name: string; email: string } | undefined) {
  FakeSocket.all = [];
  session = createSession({
    server: 'https://chat.example',
    lang: () => 'fi',
    page: () => page,
    visitor,
    WebSocket: FakeSocket,
    persist,
    settings: { ackTimeoutMs: 10_000 },
  });
  return persist;
}
/**
 * The server's welcome names the conversation the widget is in, as a real one does while it lasts.
 * Settles the write that keeps its token: a new visitor's frames go only after it (session.ts).
 */
export const welcome = async (s: FakeSocket, conversation = current()) => {
  s.open();
  s.receive({ type: 'welcome', visitorId: 'v1', token: 'k'.repeat(32), conversation, heartbeatMs: 0, staffed: true });
  await settled();
};

/** Lets the storage's promised writes settle (fake timers or not): what waits for one then goes. */
export async function settled() {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}
const current = () => {
  const { id, status, lastSeq } = session.conversation;
  return id.value ? { id: id.value, status: status.value === 'none' ? 'queued' : status.value, lastSeq: lastSeq.value, rated: false } : null;
};
