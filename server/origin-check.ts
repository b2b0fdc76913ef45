// Which pages may use the visitor socket, send files and FAQ figures: those --origin names, or
// with none the server's own origins, known once it listens (origins.ts). Each refused origin is
// told to the operator once, as a hint to add it.
import { ownOrigins, refusedOriginNotice, sameHost } from './origins';

/** How many refused origins are told of: past that, the rest are most likely made up. */
const MAX_REFUSED_ORIGINS_TOLD = 100;

export interface OriginCheck {
  /** Whether a request from a page of `origin`, sent to `host`, may go on. */
  originAllowed(origin: string | undefined, host: string | undefined): boolean;
  /** The origins allowed: --origin's, or once listening the server's own. */
  origins(): readonly string[];
  /** Listening: with no --origin, the server's own origins are allowed, port included. */
  listening(host: string, port: number): readonly string[];
}

export function createOriginCheck(configured: readonly string[], info: (line: string) => void): OriginCheck {
  // Known once listening (the default is the server's own origin, port included).
  let origins: readonly string[] = configured;
  /** Refused origins already told of: each once, not at every try (a busy site would flood the log), and only so many (any client can make up Origins). */
  const refusedOrigins = new Set<string>();
  // Browsers always send Origin; clients without one are not pages and are not restricted.
  // A page of the host the request went to is the server's own, whatever --origin says (origins.ts).
  const originAllowed = (origin: string | undefined, host: string | undefined) => {
    if (origin === undefined || origins.includes('*') || origins.includes(origin) || sameHost(origin, host)) return true;
    if (refusedOrigins.size < MAX_REFUSED_ORIGINS_TOLD && !refusedOrigins.has(origin)) {
      refusedOrigins.add(origin);
      info(refusedOriginNotice(origin, configured));
    }
    return false;
  };
  return {
    originAllowed,
    origins: () => origins,
    listening(host, port) {
      origins = configured.length > 0 ? configured : ownOrigins(host, port);
      return origins;
    },
  };
}
