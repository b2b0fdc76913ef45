import { expect, it } from 'vitest';
import { demoLoginBanner } from './demo-login';

const where = ' --data /srv/kohtaamo';

it('shows the demo password only when it logs in', () => {
  expect(demoLoginBanner({ login: 'demo', password: 'Xy7-generated' }, true, where)).toEqual({ login: 'demo / Xy7-generated', warnings: [] });
  expect(demoLoginBanner({ login: 'demo', password: null }, true, where).login).toMatch(/^demo \/ \(not shown: /);
});

it('says KOHTAAMO_DEMO_PASSWORD is ignored on a data directory whose demo agent has a password, and how to change it', () => {
  for (const password of [null, 'Xy7-generated']) {
    const banner = demoLoginBanner({ login: 'demo', password, passwordIgnored: true }, true, where);
    expect(banner.login).toBe(password ? `demo / ${password}` : 'demo / (not shown: not KOHTAAMO_DEMO_PASSWORD, see the warning below)');
    expect(banner.login).not.toMatch(/agent passwd/);
    expect(banner.warnings).toEqual([
      'Warning: KOHTAAMO_DEMO_PASSWORD is ignored: the demo agent in this data directory already has a password (set at its first start, or with agent passwd), and the variable sets it only for a new data directory; to change it run: npx kohtaamo agent passwd --login demo --data /srv/kohtaamo',
    ]);
  }
});

it('tells a site with its own FAQ of a demo agent left from a demo start, never its password', () => {
  expect(demoLoginBanner({ login: 'demo', password: null }, false, where)).toEqual({
    login: 'not shown: this site serves its own FAQ',
    warnings: [`Warning: the agent "demo" from an earlier demo start can still log in to the console; remove it with: npx kohtaamo agent remove --login demo --data /srv/kohtaamo`],
  });
  expect(demoLoginBanner(null, true, where).login).toMatch(/^none in this data directory/);
});
