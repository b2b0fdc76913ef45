// Where each entry of a FAQ's JSON array is in the file, and each of its fields: JSON.parse
// says nothing of where a value was, and "entry 37" sends an author counting braces.

/** Offsets in the text: the entry's first character, and the name of each of its fields. */
export interface EntryPlace {
  at: number;
  fields: Map<string, number>;
}

/** The index of the quote that closes the string opening at `start`, or the text's end. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i;
  }
  return text.length - 1;
}

/** The place of every element of the top-level array in `text`, which JSON.parse has read. */
export function locateEntries(text: string): EntryPlace[] {
  const places: EntryPlace[] = [];
  let depth = 0;
  /** Between elements of the top-level array: the next non-blank character starts one. */
  let betweenEntries = false;
  /** In an entry that is an object, after its "{" or a ",": the next string is a field's name. */
  let nameNext = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === ' ' || c === '\n' || c === '\r' || c === '\t') continue;
    if (depth === 1 && betweenEntries && c !== ']') {
      places.push({ at: i, fields: new Map() });
      betweenEntries = false;
    }
    if (c === '"') {
      const end = stringEnd(text, i);
      if (nameNext) places.at(-1)!.fields.set(JSON.parse(text.slice(i, end + 1)) as string, i);
      nameNext = false;
      i = end;
    } else if (c === '{' || c === '[') {
      depth++;
      betweenEntries = depth === 1;
      nameNext = depth === 2 && c === '{';
    } else if (c === '}' || c === ']') depth--;
    else if (c === ',') {
      betweenEntries = depth === 1;
      nameNext = depth === 2 && text[places.at(-1)?.at ?? 0] === '{';
    }
  }
  return places;
}
