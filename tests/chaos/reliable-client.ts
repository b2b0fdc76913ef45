// Node chat clients that do what the widget and the console do, over `ws`: a visitor that
// hands off and chats, and an agent that claims, opens and chats. They record what they
// sent, what was acknowledged and what arrived, so the chaos test can check the delivery
// guarantee from both ends. The reliable machinery they share is in chat-client.ts.
import type { AgentClientMessage, VisitorClientMessage } from '../../protocol';
import { CLOSE } from '../../protocol';
import { ChatClient, type ClientOptions, type ServerFrame } from './chat-client';
import type { AgentSession } from './agent-session';

const PAGE = Object.freeze({ url: 'https://kauppa.example/tilaukset', title: 'Tilaukset' });

/** A visitor that hands off to a person and then chats. */
export class VisitorClient extends ChatClient {
  token: string | undefined;
  private handoffAcked = false;
  private readonly handoffId: string;
  private resolveHandoff: (conversationId: string) => void = () => {};
  /** The conversation id, once the handoff is stored. */
  readonly handedOff = new Promise<string>((resolve) => (this.resolveHandoff = resolve));

  constructor(options: ClientOptions & { name: string }) {
    super(options);
    this.handoffId = `h-${options.name}`;
  }

  protected hello(): void {
    const resume = this.token ? { token: this.token, afterSeq: this.transcript.lastSeq } : {};
    this.sendNow({ type: 'hello', ...resume, lang: 'fi', page: { ...PAGE } });
  }

  protected messageFrame(id: string, text: string): VisitorClientMessage {
    return { type: 'msg', id, text };
  }

  protected onFrame(frame: ServerFrame): void {
    if (frame.type === 'welcome') {
      this.token = frame.token as string;
      const conversation = frame.conversation as { id: string } | null;
      if (conversation) this.handoffDone(conversation.id);
      else if (this.handoffAcked) this.counters.anomalies.push('welcome without the conversation the handoff created');
      this.link.markReady(frame.heartbeatMs as number);
      if (!this.handoffAcked) this.sendHandoff();
      return this.flush();
    }
    if (frame.type === 'ack' && frame.id === this.handoffId) {
      this.handoffDone(frame.conversationId as string);
      return this.flush();
    }
    // The handoff's events are published before its ack arrives: adopt the conversation then.
    if (frame.type === 'events' && this.conversationId === null) this.conversationId = frame.conversationId as string;
    this.common(frame);
  }

  private handoffDone(conversationId: string): void {
    if (this.conversationId !== null && this.conversationId !== conversationId) {
      this.counters.anomalies.push(`conversation changed from ${this.conversationId} to ${conversationId}`);
    }
    this.conversationId = conversationId;
    this.handoffAcked = true;
    this.canSend = true;
    this.resolveHandoff(conversationId);
  }

  private sendHandoff(): void {
    this.sendNow({
      type: 'handoff',
      id: this.handoffId,
      reason: 'asked_for_person',
      lang: 'fi',
      page: { ...PAGE },
      steps: [{ at: Date.now(), body: { kind: 'bot.query', query: 'haluan puhua ihmisen kanssa', decision: 'none', intent: 'handoff', results: [] } }],
    });
  }
}

/** An agent working one conversation: claims it (unless only reading), opens it, chats. */
export class AgentClient extends ChatClient {
  private claimAcked: boolean;
  private readonly claimId: string;
  private readonly session: AgentSession;
  private token = '';

  constructor(options: ClientOptions & { name: string; conversationId: string; session: AgentSession; claim?: boolean }) {
    super(options, {
      prepare: async () => {
        this.token = await options.session.token();
      },
    });
    this.session = options.session;
    this.conversationId = options.conversationId;
    this.claimId = `claim-${options.name}`;
    this.claimAcked = options.claim === false;
  }

  protected hello(): void {
    this.sendNow({ type: 'hello', token: this.token });
  }

  protected messageFrame(id: string, text: string): AgentClientMessage {
    return { type: 'msg', id, conversationId: this.conversationId ?? '', text };
  }

  protected override closed(code: number): void {
    if (code === CLOSE.unauthorized) this.session.invalidate(this.token);
  }

  protected onFrame(frame: ServerFrame): void {
    const conversationId = this.conversationId ?? '';
    if (frame.type === 'welcome') {
      this.link.markReady(frame.heartbeatMs as number);
      this.sendNow({ type: 'open', conversationId, afterSeq: this.transcript.lastSeq });
      if (this.claimAcked) this.canSend = true;
      else this.sendNow({ type: 'claim', id: this.claimId, conversationId });
      return this.flush();
    }
    if (frame.type === 'ack' && frame.id === this.claimId) {
      this.claimAcked = true;
      this.canSend = true;
      return this.flush();
    }
    this.common(frame);
  }
}
