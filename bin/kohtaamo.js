#!/usr/bin/env node
// The `kohtaamo` command. The server and CLI are TypeScript run through tsx, so a
// checkout works right after `npm ci` without a separate server build step.
import { register } from 'tsx/esm/api';

// A reader that has read enough (`kohtaamo faq explain … | head -3`) closes the pipe: stop
// quietly, as other command-line tools do, rather than print a stack about the write.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

register();
const { main } = await import('../server/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
