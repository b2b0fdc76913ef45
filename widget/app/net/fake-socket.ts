// A WebSocket stand-in for tests: records what was sent and lets the test play the server.
import type { SocketLike } from './connection';

export class FakeSocket implements SocketLike {
  static all: FakeSocket[] = [];
  static last(): FakeSocket {
    const s = FakeSocket.all.at(-1);
    if (!s) throw new Error('no socket was opened');
    return s;
  }
  readyState = 0;
  sent: string[] = [];
  onopen: ((ev: Event) => void) | null = null;
  onmessage: ((ev: MessageEvent) => void) | null = null;
  onclose: ((ev: CloseEvent) => void) | null = null;
  onerror: ((ev: Event) => void) | null = null;
  constructor(public url: string) {
    FakeSocket.all.push(this);
  }
  /** Parsed frames the client sent. */
  frames(): { type: string; [k: string]: unknown }[] {
    return this.sent.map((s) => JSON.parse(s) as { type: string });
  }
  send(data: string) {
    this.sent.push(data);
  }
  open() {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }
  receive(message: unknown) {
    this.onmessage?.(new MessageEvent('message', { data: JSON.stringify(message) }));
  }
  /**
   * Through a link that stopped passing data without closing (a stuck proxy): `close()` begins a
   * closing handshake that never ends, as Chromium waits one out for about a minute.
   */
  dead = false;
  close(code = 1000) {
    if (this.readyState >= 2) return;
    this.readyState = this.dead ? 2 : 3;
    if (!this.dead) this.onclose?.({ code } as CloseEvent);
  }
}
