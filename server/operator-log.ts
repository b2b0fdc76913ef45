// What the server says to its operator while it runs, on stdout (news) and stderr (errors). Each
// line starts with the time, UTC in ISO 8601: a log read the morning after ("PostgreSQL
// unreachable", "Visitor refused from …") must say when. A journal that stamps lines itself shows
// two times; a file written by `npm start > kohtaamo.log` would show none. The start banner is
// not stamped: it is read as it appears.

const stamp = () => new Date().toISOString();

/** An error or a state's news ("Redis lost"), as `[kohtaamo]` lines on stderr; an Error with its stack. */
export function printError(...entry: unknown[]): void {
  console.error(`${stamp()} [kohtaamo]`, ...entry);
}

/** News the operator may act on (a FAQ reloaded, an origin refused), on stdout. */
export function printInfo(line: string): void {
  console.log(`${stamp()} ${line}`);
}
