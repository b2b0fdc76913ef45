// Icons drawn in SVG rather than emoji: an emoji is an empty box on a system without an emoji
// font (a plain Linux desktop), and these sit on buttons and verdicts an agent reads at a glance.
// Paths after Feather (MIT). They take the text's colour and are hidden from screen readers: the
// words beside them say the same.
const PATHS = {
  paperclip: 'M21 11l-9 9a6 6 0 01-8-8l9-9a4 4 0 016 6l-9 9a2 2 0 01-3-3l8-8',
  thumbUp: 'M14 9V5a3 3 0 00-3-3l-4 9v11h11.3a2 2 0 002-1.7l1.4-9a2 2 0 00-2-2.3zM7 22H4a2 2 0 01-2-2v-7a2 2 0 012-2h3',
} as const;

export function Icon({ name, flip = false }: { name: keyof typeof PATHS; flip?: boolean }) {
  return (
    <svg
      class="icon"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      stroke-width="2"
      stroke-linejoin="round"
      aria-hidden="true"
    >
      <path d={PATHS[name]} transform={flip ? 'rotate(180 12 12)' : undefined} />
    </svg>
  );
}
