// Service URLs (PostgreSQL, Redis) as the server prints them: in the start banner and in errors.

/** A URL fit to print: the password, if any, left out. */
export function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(an unreadable URL)';
  }
}
