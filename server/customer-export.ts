// A customer's copy of what is stored about them (`kohtaamo data export`), for a request under
// their right of access or to data portability: one JSON document, complete and readable, in
// the shapes the server shows outside itself (public-shapes.ts).
import { iso, publicConversation, publicEvent, type Iso, type PublicConversation, type PublicEvent } from './public-shapes';
import type { CustomerData, CustomerWho } from './store/customer-data';

export interface CustomerExport {
  format: 'kohtaamo-customer-export/1';
  exportedAt: Iso;
  /** Who was asked for: the email looked up (in what the site gave and in messages), or a visitor id. */
  request: CustomerWho;
  /** The browsers the customer used, each with when the server first saw it. */
  visitors: { id: string; firstSeen: Iso }[];
  conversations: (PublicConversation & { events: PublicEvent[]; files: ExportedFile[] })[];
}

/** A file the customer sent, as its `file` event names it, with its bytes in base64. */
export interface ExportedFile {
  fileId: string;
  name: string;
  type: string;
  base64: string;
}

export function customerExport(data: CustomerData, request: CustomerWho, now: number): CustomerExport {
  return {
    format: 'kohtaamo-customer-export/1',
    exportedAt: iso(now),
    request,
    visitors: data.visitors.map((v) => ({ id: v.id, firstSeen: iso(v.createdAt) })),
    conversations: data.conversations.map((c) => ({
      ...publicConversation(c.summary),
      events: c.events.map(publicEvent),
      files: c.files.map((f) => ({ fileId: f.id, name: f.name, type: f.type, base64: f.bytes.toString('base64') })),
    })),
  };
}
