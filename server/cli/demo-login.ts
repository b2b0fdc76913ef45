// What the start banner says of the demo login (agents.ts ensureDemoAgent): its password only when
// it is known to log in, and why KOHTAAMO_DEMO_PASSWORD was not used when it is set but is not it.
import type { DemoLogin } from '../agents';

/** A banner line's label ("Demo login", or "Agents" when there is no demo login to show), its value, and warnings for the end. */
export interface LoginBanner {
  label: 'Demo login' | 'Agents';
  login: string;
  warnings: string[];
}

/**
 * What the banner says of who can log in to the console: the demo login with the demo FAQ, else
 * how many agents there are. `agents` is how many this data has (undefined: not read); `where` is how the agent
 * commands name this data (` --data DIR`, or ` (with KOHTAAMO_DATABASE_URL set)`).
 */
export function demoLoginBanner(demo: DemoLogin, demoFaq: boolean, where: string, agents: number | undefined): LoginBanner {
  if (!demo) return { label: 'Agents', login: agentCount(agents, where), warnings: [] };
  if (!demoFaq) {
    return {
      label: 'Agents',
      login: agentCount(agents, where),
      warnings: [`Warning: the agent "${demo.login}" from an earlier demo start can still log in to the console; remove it with: npx kohtaamo agent remove --login ${demo.login}${where}`],
    };
  }
  const passwd = `npx kohtaamo agent passwd --login ${demo.login}${where}`;
  if (demo.passwordIgnored) {
    return {
      label: 'Demo login',
      login: `${demo.login} / ${demo.password ?? '(not shown: not KOHTAAMO_DEMO_PASSWORD, see the warning below)'}`,
      warnings: [
        `Warning: KOHTAAMO_DEMO_PASSWORD is ignored: the demo agent in this data directory already has a password (set at its first start, or with agent passwd), and the variable sets it only for a new data directory; to change it run: ${passwd}`,
      ],
    };
  }
  // No password known: KOHTAAMO_DEMO_PASSWORD gave it at the first start (and is not set now), or `agent passwd` did.
  return { label: 'Demo login', login: `${demo.login} / ${demo.password ?? '(not shown: the one KOHTAAMO_DEMO_PASSWORD or `kohtaamo agent passwd` gave it)'}`, warnings: [] };
}

/**
 * How many agents can log in. None is said with the command that adds one: a site that starts with
 * its own FAQ has no agent (no demo one either), so nobody can answer its visitors until then.
 */
function agentCount(agents: number | undefined, where: string): string {
  if (agents === undefined) return `npx kohtaamo agent list${where} names those who can log in to the console`;
  if (agents === 0) return `none yet, so nobody can log in to the console; add one with: npx kohtaamo agent add --login NAME --name "Name"${where}`;
  return `${agents} can log in to the console; npx kohtaamo agent list${where} names them`;
}
