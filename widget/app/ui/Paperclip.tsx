// A drawn paperclip for the attach button and the visitor's file lines: an emoji would be an
// empty box on a system without an emoji font. Path after Feather (MIT); it takes the text colour.
export const Paperclip = () => (
  <svg class="clip" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" aria-hidden="true">
    <path d="M21 11l-9 9a6 6 0 01-8-8l9-9a4 4 0 016 6l-9 9a2 2 0 01-3-3l8-8" />
  </svg>
);
