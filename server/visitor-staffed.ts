// Whether anyone is there to answer, as a visitor is told it: staffed or not, and while nobody is,
// when the service opens (opening-hours.ts), kept true as agents come and go and as the hours turn.
// Apart from the session (visitor-socket.ts) because it runs on a timer and a presence
// subscription of its own, from the welcome until the socket closes.
import type { VisitorServerMessage } from '../protocol';
import type { Conn } from './conn';
import type { SocketDeps } from './socket-deps';

/** setTimeout's longest delay (2^31 - 1 ms); a longer one fires at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface StaffedNews {
  /** What the welcome says besides `staffed`: when the service opens, while nobody is online and it is closed. */
  opens(staffed: boolean): { opensAt?: number };
  /** From the welcome on: sends `staffed` as it changes and as the hours turn. */
  follow(staffed: boolean): void;
  stop(): void;
}

export function staffedNews(conn: Conn<VisitorServerMessage>, deps: Pick<SocketDeps, 'presence' | 'opensAt' | 'closesAt' | 'now'>): StaffedNews {
  let stopStaffed = () => {};
  let hoursTimer: NodeJS.Timeout | undefined;
  // Nobody online and the service closed: the visitor is told when it opens.
  const opens = (staffed: boolean) => {
    const at = staffed ? undefined : deps.opensAt();
    return at === undefined ? {} : { opensAt: at };
  };
  // While nobody is online, what the visitor was told follows the hours: at closing, when it
  // opens again; at opening, no longer that time, now past (the widget would go on showing
  // "we open Mon 9.00" all Monday). (A long wait is slept in steps: setTimeout's longest delay
  // is under 25 days.)
  const followHours = (staffed: boolean) => {
    clearTimeout(hoursTimer);
    if (staffed) return;
    const change = deps.opensAt() ?? deps.closesAt();
    if (change === undefined) return;
    hoursTimer = setTimeout(() => {
      if (deps.now() >= change) conn.send({ type: 'staffed', on: false, ...opens(false) });
      followHours(false);
    }, Math.min(Math.max(0, change - deps.now()), MAX_TIMER_MS));
  };

  return {
    opens,
    follow(staffed) {
      followHours(staffed);
      stopStaffed = deps.presence.onStaffed((on) => {
        conn.send({ type: 'staffed', on, ...opens(on) });
        followHours(on);
      });
    },
    stop() {
      stopStaffed();
      clearTimeout(hoursTimer);
    },
  };
}
