// Where the kohtaamo package is: a clone, or node_modules/kohtaamo of a site's install. Its own
// files (the demo FAQ, dist/) are found from here, never from the directory a command runs in.
import { fileURLToPath } from 'node:url';

export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));
