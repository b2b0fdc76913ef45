// A tiny in-memory chat server speaking protocol/, for testing the chaos clients and the
// checks on their own: idempotent insert by client id, per-conversation seq, ack, replay
// after `afterSeq`, live fan-out. Sabotage switches break the guarantee on purpose so the
// tests can show the checks notice.
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ConversationEvent, EventBody, Role } from '../../protocol';

export interface Sabotage {
  /** Store a resent message again instead of answering with its first seq. */
  duplicateResends?: boolean;
  /** Acknowledge every n-th message without storing it. */
  loseEvery?: number;
  /** Store every n-th message but send no ack for it (the first time). */
  withholdAckEvery?: number;
}

export interface FakeServer {
  origin: string;
  port: number;
  close(): Promise<void>;
}

interface Conversation {
  id: string;
  events: ConversationEvent[];
  listeners: Set<WebSocket>;
}

type Frame = { type: string; [key: string]: unknown };

export async function startFakeServer(options: { heartbeatMs?: number; sabotage?: Sabotage } = {}): Promise<FakeServer> {
  const heartbeatMs = options.heartbeatMs ?? 10_000;
  const sabotage = options.sabotage ?? {};
  const conversations = new Map<string, Conversation>();
  const visitors = new Map<string, Conversation | null>();
  let written = 0;

  const httpServer = http.createServer((req, res) => {
    if (req.method === 'POST' && req.url === '/api/login') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ token: 'agent-token-0123456789', agent: { id: 'demo', name: 'Aino' } }));
    } else res.writeHead(404).end();
  });
  const wss = new WebSocketServer({ server: httpServer });

  const replay = (ws: WebSocket, c: Conversation, afterSeq: number) => {
    c.listeners.add(ws);
    const events = c.events.filter((e) => e.seq > afterSeq);
    if (events.length > 0) ws.send(JSON.stringify({ type: 'events', conversationId: c.id, events }));
  };

  /** Idempotent append: the same client id answers with the seq it got the first time. */
  const append = (c: Conversation, id: string, role: Role, body: EventBody): number => {
    const existing = c.events.find((e) => e.id === id);
    if (existing && !sabotage.duplicateResends) return existing.seq;
    const seq = c.events.length + 1;
    written++;
    if (sabotage.loseEvery && written % sabotage.loseEvery === 0) return seq;
    const event: ConversationEvent = { seq, id, at: Date.now(), role, body };
    c.events.push(event);
    for (const ws of c.listeners) ws.send(JSON.stringify({ type: 'events', conversationId: c.id, events: [event] }));
    return seq;
  };

  const withheld = new Set<string>();
  const ack = (ws: WebSocket, id: string, c: Conversation, seq: number) => {
    if (sabotage.withholdAckEvery && !withheld.has(id) && written % sabotage.withholdAckEvery === 0) {
      withheld.add(id);
      return;
    }
    ws.send(JSON.stringify({ type: 'ack', id, conversationId: c.id, seq }));
  };

  const visitor = (ws: WebSocket, frame: Frame, self: { token?: string }) => {
    if (frame.type === 'hello') {
      const known = typeof frame.token === 'string' && visitors.has(frame.token);
      const token = known ? (frame.token as string) : randomBytes(16).toString('hex');
      if (!known) visitors.set(token, null);
      self.token = token;
      const c = visitors.get(token) ?? null;
      const view = c && { id: c.id, status: 'queued', lastSeq: c.events.length, rated: false };
      ws.send(JSON.stringify({ type: 'welcome', visitorId: `v_${token}`, token, conversation: view, heartbeatMs, staffed: true }));
      if (c) replay(ws, c, Number(frame.afterSeq ?? 0));
      return;
    }
    const c = self.token === undefined ? null : (visitors.get(self.token) ?? null);
    if (frame.type === 'handoff') {
      let conversation = c;
      if (!conversation) {
        conversation = { id: `c_${randomBytes(6).toString('hex')}`, events: [], listeners: new Set([ws]) };
        conversations.set(conversation.id, conversation);
        visitors.set(self.token ?? '', conversation);
      }
      const body = { kind: 'handoff', reason: 'asked_for_person', page: frame.page, lang: 'fi' } as EventBody;
      ack(ws, frame.id as string, conversation, append(conversation, frame.id as string, 'system', body));
    } else if (frame.type === 'msg' && c) {
      ack(ws, frame.id as string, c, append(c, frame.id as string, 'visitor', { kind: 'text', text: frame.text as string }));
    }
  };

  const agent = (ws: WebSocket, frame: Frame) => {
    if (frame.type === 'hello') return ws.send(JSON.stringify({ type: 'welcome', agent: { id: 'demo', name: 'Aino' }, heartbeatMs }));
    const c = conversations.get(frame.conversationId as string);
    if (!c) return;
    if (frame.type === 'open') replay(ws, c, frame.afterSeq as number);
    else if (frame.type === 'claim') ack(ws, frame.id as string, c, append(c, frame.id as string, 'system', { kind: 'joined', agent: 'Aino' }));
    else if (frame.type === 'msg') ack(ws, frame.id as string, c, append(c, frame.id as string, 'agent', { kind: 'text', text: frame.text as string }));
  };

  wss.on('connection', (ws, req) => {
    const self: { token?: string } = {};
    ws.on('error', () => {});
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as Frame;
      if (frame.type === 'ping') return ws.send(JSON.stringify({ type: 'pong', t: frame.t }));
      if (req.url === '/ws/visitor') visitor(ws, frame, self);
      else agent(ws, frame);
    });
    ws.on('close', () => {
      for (const c of conversations.values()) c.listeners.delete(ws);
    });
  });

  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const port = (httpServer.address() as { port: number }).port;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise((resolve) => {
        for (const ws of wss.clients) ws.terminate();
        wss.close();
        httpServer.close(() => resolve());
      }),
  };
}
