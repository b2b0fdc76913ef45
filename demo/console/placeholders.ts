// Saved replies may say `{name}` (the visitor's name, as the site gave it) and `{agent}` (the
// agent's own): "Hei {name}, olen {agent}." becomes "Hei Matti, olen Aino." An unknown name goes
// with the space before it ("Hei, olen Aino."), so a reply reads right either way.
export interface PlaceholderValues {
  name?: string | undefined;
  agent?: string | undefined;
}

export function fillPlaceholders(text: string, values: PlaceholderValues): string {
  return text.replace(/( ?)\{(name|agent)\}/g, (_match, space: string, key: 'name' | 'agent') => {
    const value = values[key]?.trim();
    return value ? `${space}${value}` : '';
  });
}
