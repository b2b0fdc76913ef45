// Times as the agent reads them, in the agent's own zone (tests pin TZ=UTC). Words are in
// strings.ts, in the agent's language.
const pad = (n: number) => String(n).padStart(2, '0');

export function timeText(at: number): string {
  const d = new Date(at);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function dateText(at: number): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${timeText(at)}`;
}
