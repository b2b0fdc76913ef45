#!/usr/bin/env node
// The `kohtaamo` command. The server and CLI are TypeScript run through tsx, so a
// checkout works right after `npm ci` without a separate server build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../server/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
