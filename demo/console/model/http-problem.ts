// A failed answer from the server told by its status alone, when its body names no code of ours
// (a proxy's error page, an older server): the same for a file the agent sends (uploads.ts), one
// they fetch (files.ts), the Report's figures (report.ts) and the saved replies and FAQ answers
// (faq-answers.ts), so the agent is told the same thing for the same cause.

/** The causes a status tells apart: the words for each are the caller's (what did not happen). */
export type StatusProblem = 'unauthorized' | 'rate_limited' | 'server_failed' | 'refused' | 'other';

export function statusProblem(status: number): StatusProblem {
  if (status === 401) return 'unauthorized';
  if (status === 429) return 'rate_limited';
  // A 408 is a proxy tired of waiting for the request: the connection's, as a network failure is.
  if (status === 408) return 'other';
  // The server failed, or something in front of it did (a proxy's 502 or 504 page): the
  // connection is fine, so it is not blamed; a retry later may get through.
  if (status >= 500) return 'server_failed';
  // The request itself is refused, the same again would be too: a console older or newer than
  // its server sends such; a reload gets the server's own.
  return status >= 400 ? 'refused' : 'other';
}
