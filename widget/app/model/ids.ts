// Client ids for outgoing messages: the server inserts idempotently by this id, so a message
// re-sent after a reconnect is stored once.

/**
 * 128 random bits as four numbers (`3510592815-80912-…`: digits and `-`, as a client id may be).
 * Not `crypto.randomUUID`, which a plain-http site lacks (it needs a secure context).
 */
export const clientId = (): string => crypto.getRandomValues(new Uint32Array(4)).join('-');
