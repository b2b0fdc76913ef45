// Where the keyboard goes when what it was on by the transcript leaves the page with it (a failed
// message's line, a failed file's, a notice's Dismiss): the message box, where Tab from the
// transcript would have gone; while that cannot be written in (the conversation closed), the
// conversation's heading. One place, for three copies had drifted: a file's Dismiss after the
// conversation closed put the focus on the disabled box, and so on the page's top.

/** Now: for a button that moves the focus before it takes itself away. */
export function focusWhereTabGoes(): void {
  const box = document.getElementById('composer-text');
  if (box instanceof HTMLTextAreaElement && !box.disabled) box.focus();
  else document.getElementById('conversation-title')?.focus();
}

/** Later, once the line has gone, and only if nothing took the focus meanwhile. */
export function focusAfterLine(): void {
  setTimeout(() => {
    if (document.activeElement === null || document.activeElement === document.body) focusWhereTabGoes();
  });
}
