// What visitors asked the bot before they were handed to a person, read straight from a data
// directory's SQLite file for `kohtaamo faq gaps`. Read-only and without the server's lock: the
// report may run beside a live server, since WAL lets a reader in while the server writes.
// Only handed-off conversations are here: what the bot settled stays in the visitor's browser.
import Database from 'better-sqlite3';
import * as v from 'valibot';
import { botStepBody, type BotStep } from '../../protocol';
import { checkSqliteSchema } from './schema-version';

export interface HandedOff {
  conversationId: string;
  createdAt: number;
  /** The bot's part of the conversation, oldest first: questions, answers shown, verdicts. */
  steps: BotStep[];
  /** The FAQ entry an agent said answers it, or null: none does (absent: no agent said). */
  faqMatch?: string | null;
}

/** The agent's FAQ match inside a stored summary, if it is well formed. */
function faqMatchOf(summary: string): string | null | undefined {
  const match = (JSON.parse(summary) as { faqMatch?: { faqId?: unknown } }).faqMatch;
  const id = match?.faqId;
  return typeof id === 'string' || id === null ? id : undefined;
}

export function readBotHistory(file: string): HandedOff[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    checkSqliteSchema(db);
    const conversations = db
      .prepare<[], { id: string; created_at: number; summary: string }>('SELECT id, created_at, summary FROM conversations ORDER BY created_at, rowid')
      .all()
      .map((c): HandedOff => {
        const faqMatch = faqMatchOf(c.summary);
        return { conversationId: c.id, createdAt: c.created_at, steps: [], ...(faqMatch !== undefined ? { faqMatch } : {}) };
      });
    const byId = new Map(conversations.map((c) => [c.conversationId, c]));
    const rows = db
      .prepare<[], { conversation_id: string; at: number; body: string }>(
        `SELECT conversation_id, at, body FROM events WHERE json_extract(body, '$.kind') LIKE 'bot.%' ORDER BY conversation_id, seq`,
      )
      .all();
    for (const row of rows) {
      // Written by the server after validation; checked again, as any data read back is.
      const body = v.safeParse(botStepBody, JSON.parse(row.body));
      if (body.success) byId.get(row.conversation_id)?.steps.push({ at: row.at, body: body.output });
    }
    return conversations;
  } finally {
    db.close();
  }
}
