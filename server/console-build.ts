// Which console build this server serves: the file name of the hashed entry script in the built
// console's page (dist/console/index.html). Its welcome tells consoles, so that one left open
// across an upgrade, still running the older build, asks its agent to reload.
// Read once at start: an upgrade restarts the server. (A rebuild under a running server, as in
// development, makes pages loaded since then ask for a reload until the server restarts: the
// static files are looked up per request, this name is not.) Not built: undefined, and consoles are told nothing.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The module script under assets/ that Vite writes into the page: `<script type="module" … src="./assets/index-CT0G9nFw.js">`. */
const ENTRY_SCRIPT = /<script\b[^>]*\btype="module"[^>]*\bsrc="[^"]*\/assets\/([^"/]+\.js)"/;

export async function readConsoleBuild(root: string): Promise<string | undefined> {
  const html = await readFile(join(root, 'dist', 'console', 'index.html'), 'utf8').catch(() => undefined);
  return html === undefined ? undefined : ENTRY_SCRIPT.exec(html)?.[1];
}
