// The path of a request, or null when its target is not a URL at all. `new URL` throws on
// targets like `http://[`, and a throw in a request or upgrade listener ends the process.
export function requestPath(target: string | undefined): string | null {
  try {
    return new URL(target ?? '/', 'http://x').pathname;
  } catch {
    return null;
  }
}
