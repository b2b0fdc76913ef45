import { expect, it } from 'vitest';
import { demoLoginBanner } from './demo-login';

const where = ' --data /srv/kohtaamo';

it('shows the demo password only when it logs in', () => {
  expect(demoLoginBanner({ login: 'demo', password: 'Xy7-generated' }, true, where, 1)).toEqual({ label: 'Demo login', login: 'demo / Xy7-generated', warnings: [] });
  expect(demoLoginBanner({ login: 'demo', password: null }, true, where, 1).login).toMatch(/^demo \/ \(not shown: /);
});

it('says KOHTAAMO_DEMO_PASSWORD is ignored on a data directory whose demo agent has a password, and how to change it', () => {
  for (const password of [null, 'Xy7-generated']) {
    const banner = demoLoginBanner({ login: 'demo', password, passwordIgnored: true }, true, where, 1);
    expect(banner.login).toBe(password ? `demo / ${password}` : 'demo / (not shown: not KOHTAAMO_DEMO_PASSWORD, see the warning below)');
    expect(banner.login).not.toMatch(/agent passwd/);
    expect(banner.warnings).toEqual([
      'Warning: KOHTAAMO_DEMO_PASSWORD is ignored: the demo agent in this data directory already has a password (set at its first start, or with agent passwd), and the variable sets it only for a new data directory; to change it run: npx kohtaamo agent passwd --login demo --data /srv/kohtaamo',
    ]);
  }
});

it('tells a site with its own FAQ of a demo agent left from a demo start, never its password', () => {
  expect(demoLoginBanner({ login: 'demo', password: null }, false, where, 1)).toEqual({
    label: 'Agents',
    login: '1 can log in to the console; npx kohtaamo agent list --data /srv/kohtaamo names them',
    warnings: [`Warning: the agent "demo" from an earlier demo start can still log in to the console; remove it with: npx kohtaamo agent remove --login demo --data /srv/kohtaamo`],
  });
});

it("with the site's own FAQ, says nobody can log in yet and how to add an agent, or how many agents there are", () => {
  expect(demoLoginBanner(null, false, where, 0)).toEqual({
    label: 'Agents',
    login: 'none yet, so nobody can log in to the console; add one with: npx kohtaamo agent add --login NAME --name "Name" --data /srv/kohtaamo',
    warnings: [],
  });
  expect(demoLoginBanner(null, false, ' (with KOHTAAMO_DATABASE_URL set)', 3)).toEqual({
    label: 'Agents',
    login: '3 can log in to the console; npx kohtaamo agent list (with KOHTAAMO_DATABASE_URL set) names them',
    warnings: [],
  });
  // The demo FAQ on a data directory whose agents were added before: no demo login to show.
  expect(demoLoginBanner(null, true, where, 2).label).toBe('Agents');
});

it('names the command that lists the agents when they could not be counted', () => {
  expect(demoLoginBanner(null, false, where, undefined).login).toBe('npx kohtaamo agent list --data /srv/kohtaamo names those who can log in to the console');
});
