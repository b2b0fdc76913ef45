// Where JSON.parse found a fault, as a line and column a person finds in an editor: Node 20 says
// only a character offset. Here, not in server/, because faq/ imports nothing from the server and
// both the FAQ file and the agents file (server/agents-file.ts) are read with it.

/**
 * Where JSON.parse found the fault, from its message: Node 20 says "at position N", or for an
 * unexpected token quotes ten characters either side of it (`..."<10>X<10>"...`), or "Unexpected
 * end" for a file cut short; null when the message says neither in a way that pins one place.
 */
export function faultPosition(message: string, text: string): number | null {
  const stated = / at position (\d+)/.exec(message);
  if (stated) return Math.min(Number(stated[1]), text.length);
  if (/^Unexpected end of JSON input/.test(message)) return text.length;
  const quoted = /^Unexpected token .*?, \.\.\."([\s\S]*)"(?:\.\.\.)? is not valid JSON$/.exec(message);
  if (!quoted) return null;
  const start = text.indexOf(quoted[1]!);
  // Found twice, the quote does not say which.
  return start < 0 || text.indexOf(quoted[1]!, start + 1) >= 0 ? null : start + 10;
}

/** The line and column, both from 1, of a position in the text. */
export function lineColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, position);
  return { line: before.split('\n').length, column: position - before.lastIndexOf('\n') };
}

/**
 * lineColumn for many positions in one text: the lines' starts are found once, so a file with
 * thousands of problems is not read through once per problem.
 */
export function lineColumnFinder(text: string): (position: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (position) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= position) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: position - starts[low]! + 1 };
  };
}
