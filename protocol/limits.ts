// Every size limit of the wire protocol, in one place. Server and widget import these
// so a limit is never checked with a different number on each side.
export const LIMITS = Object.freeze({
  /** Characters in one chat message. */
  text: 4000,
  /** Characters of one visitor query kept in the bot transcript (the rest is story, not question). */
  query: 500,
  /** Bytes of one WebSocket frame; `maxPayload` on the server. A handoff carries the bot transcript. */
  frameBytes: 64 * 1024,
  /** Characters of a client-generated message id. */
  clientId: 64,
  /** Characters of a visitor or agent token. */
  token: 128,
  /** Characters of an id of ours (conversation, visitor, FAQ entry). */
  id: 100,
  url: 2048,
  title: 300,
  name: 100,
  email: 254,
  comment: 1000,
  /** Bot steps carried in one handoff; older ones are dropped by the widget first. */
  botSteps: 40,
  /** FAQ results recorded per bot query. */
  results: 5,
  /** Events sent in one `events` frame when replaying; the rest follow in further frames. */
  replayBatch: 200,
  /**
   * Bytes of one `events` frame the server sends; the events past it follow in further frames.
   * One event over it goes alone: the largest is a handoff of a whole frameBytes, with the seq, id
   * and time the server adds. Clients take the server's frames whatever their size: frameBytes is
   * what the server takes from them.
   */
  eventsBytes: 64 * 1024,
  /** Characters of an agent's search for conversations, and the conversations one search returns. */
  searchQuery: 100,
  searchResults: 20,
  /** Bytes of one file a visitor sends: a phone's photo of a damaged product, a receipt as PDF. */
  fileBytes: 10 * 1024 * 1024,
  /** Characters of a sent file's name, as shown. */
  fileName: 200,
});

/** Languages the UI and the FAQ speak. */
export const LANGS = ['fi', 'en'] as const;
export type Lang = (typeof LANGS)[number];
