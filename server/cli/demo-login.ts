// What the start banner says of the demo login (agents.ts ensureDemoAgent): its password only when
// it is known to log in, and why KOHTAAMO_DEMO_PASSWORD was not used when it is set but is not it.
import type { DemoLogin } from '../agents';

/**
 * The "Demo login:" value and the warnings for the end of the banner. `where` is how the agent
 * commands name this data (` --data DIR`, or ` (with KOHTAAMO_DATABASE_URL set)`).
 */
export function demoLoginBanner(demo: DemoLogin, demoFaq: boolean, where: string): { login: string; warnings: string[] } {
  if (!demo) return { login: 'none in this data directory (`kohtaamo agent add` adds agents)', warnings: [] };
  if (!demoFaq) {
    return {
      login: 'not shown: this site serves its own FAQ',
      warnings: [`Warning: the agent "${demo.login}" from an earlier demo start can still log in to the console; remove it with: npx kohtaamo agent remove --login ${demo.login}${where}`],
    };
  }
  const passwd = `npx kohtaamo agent passwd --login ${demo.login}${where}`;
  if (demo.passwordIgnored) {
    return {
      login: `${demo.login} / ${demo.password ?? '(not shown: not KOHTAAMO_DEMO_PASSWORD, see the warning below)'}`,
      warnings: [
        `Warning: KOHTAAMO_DEMO_PASSWORD is ignored: the demo agent in this data directory already has a password (set at its first start, or with agent passwd), and the variable sets it only for a new data directory; to change it run: ${passwd}`,
      ],
    };
  }
  // No password known: KOHTAAMO_DEMO_PASSWORD gave it at the first start (and is not set now), or `agent passwd` did.
  return { login: `${demo.login} / ${demo.password ?? '(not shown: the one KOHTAAMO_DEMO_PASSWORD or `kohtaamo agent passwd` gave it)'}`, warnings: [] };
}
