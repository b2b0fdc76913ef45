// Which console build this server serves: the file name of the hashed entry script in the built
// console's page (dist/console/index.html). Its welcome tells consoles, so that one left open
// across an upgrade, still running the older build, asks its agent to reload.
// Read at each console's hello, as the static files are looked up per request: a rebuild under a
// running server (development) must not have every console loaded since ask for a reload that
// cannot help. A few hundred bytes, once per connection. Not built: undefined, and consoles are told nothing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The module script under assets/ that Vite writes into the page: `<script type="module" … src="./assets/index-CT0G9nFw.js">`. */
const ENTRY_SCRIPT = /<script\b[^>]*\btype="module"[^>]*\bsrc="[^"]*\/assets\/([^"/]+\.js)"/;

export function readConsoleBuild(root: string): string | undefined {
  let html: string;
  try {
    html = readFileSync(join(root, 'dist', 'console', 'index.html'), 'utf8');
  } catch {
    return undefined;
  }
  return ENTRY_SCRIPT.exec(html)?.[1];
}
