// The mistakes people make writing JSON by hand, said where to fix them: the parser's own message
// points past them ("Unexpected token ']'" on the line after a trailing comma) or names the
// wrong thing ("Expected property name" for a single quote).

/** A mistake: where (a character offset) and what to do. */
export interface JsonMistake {
  at: number;
  message: string;
}

const BLANK = /\s/;

/**
 * The first of the common mistakes in a text JSON.parse refused: a trailing comma, a missing
 * comma between two values, single or typographic quotes. Undefined for any other fault.
 */
export function commonJsonMistake(text: string): JsonMistake | undefined {
  /** The last character outside strings and blanks, and where it was. */
  let last = '';
  let lastAt = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (BLANK.test(c)) continue;
    if ((c === ']' || c === '}') && last === ',') {
      const what = c === '}' ? 'field' : text.slice(i + 1).trim() === '' ? 'entry' : 'item';
      return { at: lastAt, message: `a trailing comma after the last ${what}; remove it` };
    }
    if ((c === '{' || c === '[' || c === '"') && (last === '}' || last === ']' || last === '"')) {
      const what = last === '}' && c === '{' ? 'this entry' : 'this value';
      return { at: lastAt, message: `a comma is missing after ${what}, before the next; add one` };
    }
    if (c === "'") return { at: i, message: `a single quote ('); JSON needs double quotes (") around names and text` };
    if (c === '“' || c === '”') return { at: i, message: `a typographic quote (${c}); JSON needs straight double quotes (")` };
    if (c === '"') {
      // A string ends at its closing quote; one left open ends at its line (JSON strings hold no line break).
      let end = i + 1;
      while (end < text.length && text[end] !== '"' && text[end] !== '\n') end += text[end] === '\\' ? 2 : 1;
      if (text[end] !== '"') return undefined;
      i = end;
    }
    last = c;
    lastAt = i;
  }
  return undefined;
}
