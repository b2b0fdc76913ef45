import { describe, expect, it } from 'vitest';
import { parseServeConfig } from './config';
import { DEFAULTS } from './defaults';
import { ENV, ENV_ONLY } from './flags';
import { parseHoursConfig } from './opening-hours';

const parse = (argv: string[], env: NodeJS.ProcessEnv = {}) => parseServeConfig(argv, env, '/pkg', '/cwd');

describe('serve settings', () => {
  it('defaults to port 8787 on 127.0.0.1 with the demo FAQ and ./data', () => {
    const result = parse([]);
    expect(result).toMatchObject({ ok: true, config: { port: 8787, host: '127.0.0.1', faq: '/pkg/demo/faq.json', data: '/cwd/data', heartbeatMs: DEFAULTS.heartbeatMs, idleTimeoutMs: 30_000 } });
  });

  it('takes flags over environment variables', () => {
    const result = parse(['--port', '9000', '--data=/tmp/k'], { KOHTAAMO_PORT: '9100', KOHTAAMO_HOST: '0.0.0.0', KOHTAAMO_FAQ: 'my.json' });
    expect(result).toMatchObject({ ok: true, config: { port: 9000, host: '0.0.0.0', data: '/tmp/k', faq: '/cwd/my.json' } });
  });

  it("serves the demo's saved replies with the demo's FAQ only, and a site's own when it names them", () => {
    const replies = (argv: string[], env: NodeJS.ProcessEnv = {}) => {
      const result = parse(argv, env);
      return result.ok ? result.config.replies : result.message;
    };
    expect(replies([])).toBe('/pkg/demo/replies.md');
    expect(replies(['--faq', 'shop.md'])).toBeUndefined();
    expect(replies([], { KOHTAAMO_FAQ: 'shop.md' })).toBeUndefined();
    expect(replies(['--faq', 'shop.md', '--replies', 'team.md'])).toBe('/cwd/team.md');
    expect(replies([], { KOHTAAMO_REPLIES: 'team.md' })).toBe('/cwd/team.md');
  });

  it('refuses a variable it reads that is set but empty, rather than take the default (the demo FAQ, ./data)', () => {
    for (const name of [...Object.values(ENV), ...ENV_ONLY]) {
      for (const value of ['', '  ']) {
        expect(parse([], { [name]: value }), name).toEqual({ ok: false, message: `${name} is set but empty: give it a value, or unset it` });
      }
    }
    // The review's case: a filled origin and data beside an unfilled FAQ.
    expect(parse([], { KOHTAAMO_FAQ: '', KOHTAAMO_ORIGIN: 'https://shop.example', KOHTAAMO_DATA: '/tmp/x' })).toEqual({
      ok: false,
      message: 'KOHTAAMO_FAQ is set but empty: give it a value, or unset it',
    });
  });

  it('takes an IPv6 address in brackets as the address, as a URL writes it', () => {
    expect(parse(['--host', '[::1]'])).toMatchObject({ ok: true, config: { host: '::1' } });
    expect(parse([], { KOHTAAMO_HOST: '[::]' })).toMatchObject({ ok: true, config: { host: '::' } });
    expect(parse(['--host', '::1'])).toMatchObject({ ok: true, config: { host: '::1' } });
  });

  it('takes --origin and --faq-option more than once, adding each', () => {
    expect(parse(['--origin', 'https://a.example', '--origin', 'https://b.example', '--faq-option', 'answerThreshold=0.8', '--faq-option', 'maxSuggestions=2'])).toMatchObject({
      ok: true,
      config: { origins: ['https://a.example', 'https://b.example'], faqOptions: { answerThreshold: 0.8, maxSuggestions: 2 } },
    });
  });

  it('reads an origin list from flags or env', () => {
    expect(parse(['--origin', 'https://a.example,https://b.example', '--origin', 'https://c.example'])).toMatchObject({
      config: { origins: ['https://a.example', 'https://b.example', 'https://c.example'] },
    });
    expect(parse([], { KOHTAAMO_ORIGIN: '*' })).toMatchObject({ config: { origins: ['*'] } });
  });

  it('writes each origin as browsers send it: host in lower case, no default port, no trailing slash', () => {
    expect(parse(['--origin', 'https://Shop.example,https://shop.example:443,HTTP://Shop.example:8080/,http://b.example:80'])).toMatchObject({
      config: { origins: ['https://shop.example', 'http://shop.example:8080', 'http://b.example'] },
    });
  });

  it('takes the search tuning from --faq-option or KOHTAAMO_FAQ_OPTIONS', () => {
    expect(parse([])).toMatchObject({ config: { faqOptions: {} } });
    expect(parse(['--faq-option', 'answerThreshold=0.6', '--faq-option', 'maxSuggestions=5'])).toMatchObject({
      config: { faqOptions: { answerThreshold: 0.6, maxSuggestions: 5 } },
    });
    expect(parse([], { KOHTAAMO_FAQ_OPTIONS: 'minMargin=0.2, synonymStrength=0' })).toMatchObject({ config: { faqOptions: { minMargin: 0.2, synonymStrength: 0 } } });
  });

  it('takes the identity secret from the environment only', () => {
    const none = parse([]);
    expect(none.ok && none.config.identitySecret).toBeUndefined();
    expect(parse([], { KOHTAAMO_IDENTITY_SECRET: 'a'.repeat(32) })).toMatchObject({ config: { identitySecret: 'a'.repeat(32) } });
  });

  it('takes a webhook over HTTPS (HTTP only to this machine), signed when a secret is set', () => {
    const none = parse([]);
    expect(none.ok && none.config.webhook).toBeUndefined();
    expect(parse(['--webhook', 'https://hooks.shop.example/kohtaamo'])).toMatchObject({ config: { webhook: { url: 'https://hooks.shop.example/kohtaamo' } } });
    const signed = parse([], { KOHTAAMO_WEBHOOK_URL: 'http://localhost:9000/in', KOHTAAMO_WEBHOOK_SECRET: 'w'.repeat(32) });
    expect(signed).toMatchObject({ config: { webhook: { url: 'http://localhost:9000/in', secret: 'w'.repeat(32) } } });
  });

  it('emails missed replies only when given an SMTP server and a From address', () => {
    const none = parse([]);
    expect(none.ok && none.config.email).toBeUndefined();
    const env = { KOHTAAMO_SMTP_URL: 'smtp://kohtaamo:pw@mail.shop.example:587', KOHTAAMO_MAIL_FROM: 'Kotipesä <asiakaspalvelu@kotipesa.fi>' };
    expect(parse([], env)).toMatchObject({
      config: { email: { smtp: 'smtp://kohtaamo:pw@mail.shop.example:587', from: 'Kotipesä <asiakaspalvelu@kotipesa.fi>', afterMs: 120_000 } },
    });
    expect(parse(['--mail-from', 'tuki@kotipesa.fi', '--email-after', '60000'], env)).toMatchObject({ config: { email: { from: 'tuki@kotipesa.fi', afterMs: 60_000 } } });
  });

  it("takes opening hours in the site's time zone, or the server's when its clock is set to a place", () => {
    expect(parse(['--hours', 'ma-pe 9-16'], { KOHTAAMO_TIMEZONE: 'Europe/Helsinki' })).toMatchObject({
      config: { hours: { timeZone: 'Europe/Helsinki', days: [[[540, 960]], [[540, 960]], [[540, 960]], [[540, 960]], [[540, 960]], [], []] } },
    });
    // The server's zone is the process's (TZ, /etc/localtime), so given here as it would be.
    const hours = (serverZone: string, timeZone?: string) =>
      parseHoursConfig({ value: 'mon-fri 9-16', from: 'KOHTAAMO_HOURS' }, timeZone ? { value: timeZone, from: '--timezone' } : undefined, serverZone);
    expect(hours('Europe/Helsinki')).toMatchObject({ timeZone: 'Europe/Helsinki' });
    expect(hours('America/New_York')).toMatchObject({ timeZone: 'America/New_York' });
    // A container's clock (TZ unset or UTC): 9-16 read in UTC would be 11-18 in Helsinki, so it asks.
    for (const container of ['UTC', 'Etc/UTC', 'Etc/GMT', 'Etc/Unknown', 'GMT']) {
      expect(hours(container), container).toBe(
        `KOHTAAMO_HOURS needs the time zone the hours are in: this server's clock is set to ${container} (as a container's is), not the shop's zone. ` +
          'Add --timezone Europe/Helsinki (or KOHTAAMO_TIMEZONE=Europe/Helsinki) with your zone, or --timezone UTC if the hours really are in UTC',
      );
    }
    expect(hours('Etc/UTC', 'Europe/Helsinki')).toMatchObject({ timeZone: 'Europe/Helsinki' });
    expect(hours('Etc/UTC', 'UTC')).toMatchObject({ timeZone: 'UTC' });
    const none = parse([]);
    expect(none.ok && none.config.hours).toBeUndefined();
  });

  it('takes the fault settings in milliseconds, and keeps the idle timeout at least two heartbeats', () => {
    expect(parse(['--heartbeat', '1000', '--idle-timeout', '2000'])).toMatchObject({ config: { heartbeatMs: 1000, idleTimeoutMs: 2000 } });
    expect(parse([], { KOHTAAMO_HEARTBEAT_MS: '20000' })).toMatchObject({ config: { heartbeatMs: 20_000, idleTimeoutMs: 40_000 } });
  });

  it("takes how long an agent may be gone before their conversations go back to the queue (0: never)", () => {
    expect(parse([])).toMatchObject({ config: { agentAwayMs: 120_000 } });
    expect(parse(['--agent-away', '300000'])).toMatchObject({ config: { agentAwayMs: 300_000 } });
    expect(parse([], { KOHTAAMO_AGENT_AWAY_MS: '0' })).toMatchObject({ config: { agentAwayMs: 0 } });
  });

  it('trusts X-Forwarded-For only from the proxies named, or counted, and says what to fix in anything else', () => {
    const trusted = (argv: string[], env: NodeJS.ProcessEnv = {}) => {
      const result = parse(argv, env);
      return result.ok ? result.config.trustProxy : result.message;
    };
    expect(trusted([])).toBeUndefined();
    expect(trusted(['--trust-proxy', '1'])).toEqual({ hops: 1 });
    expect(trusted([], { KOHTAAMO_TRUST_PROXY: '10.0.0.0/8, loopback' })).toMatchObject({ proxies: expect.anything() });
    expect(trusted(['--trust-proxy', 'nginx'])).toBe(
      '--trust-proxy names the reverse proxies in front of the server whose X-Forwarded-For is believed: their addresses or ranges, comma-separated (127.0.0.1, 10.0.0.0/8, loopback), or how many there are (1); "nginx" is not an IP address or range (like 10.0.0.2, 10.0.0.0/8, fd00::/8 or loopback)',
    );
    expect(trusted([], { KOHTAAMO_TRUST_PROXY: '0' })).toMatch(/^KOHTAAMO_TRUST_PROXY names .*must count 1 to 10 proxies, got "0"$/);
  });

  it('keeps closed conversations until told how many days to keep them', () => {
    expect(parse([])).toMatchObject({ config: { retentionDays: 0 } });
    expect(parse([], { KOHTAAMO_RETENTION_DAYS: '365' })).toMatchObject({ config: { retentionDays: 365 } });
  });

  it('stores in the data directory unless given PostgreSQL, and shares changes through Redis when given it', () => {
    const embedded = parse([]);
    expect(embedded.ok && [embedded.config.database, embedded.config.redis]).toEqual([undefined, undefined]);
    expect(parse(['--database', 'postgres://kohtaamo@db:5432/chat', '--redis', 'redis://cache:6379'])).toMatchObject({
      config: { database: 'postgres://kohtaamo@db:5432/chat', redis: 'redis://cache:6379' },
    });
    // A password only from the environment, which `ps` does not show.
    expect(parse([], { KOHTAAMO_DATABASE_URL: 'postgresql://k:secret@db/chat' })).toMatchObject({ config: { database: 'postgresql://k:secret@db/chat' } });
  });

  it.each([
    [['--database', 'postgres://k:secret@db/chat'], {}, /--database holds a password, which any user of this machine can read with ps; set KOHTAAMO_DATABASE_URL instead/],
    [['--database', 'mysql://db/chat'], {}, /--database must start with postgres:\/\/ or postgresql:\/\//],
    [[], { KOHTAAMO_DATABASE_URL: 'db:5432' }, /KOHTAAMO_DATABASE_URL must (be a URL|start with postgres)/],
    [['--redis', 'redis://cache:6379'], {}, /--redis needs a PostgreSQL database as well/],
    [['--heartbeat', '50'], {}, /--heartbeat must be milliseconds between 1000 and 3600000/],
    [['--heartbeat', '100'], {}, /^--heartbeat must be milliseconds between 1000 and 3600000, got "100": the widget drops a server silent for two heartbeats, so a shorter one would drop healthy connections on a slow link$/],
    [['--heartbeat', '999'], {}, /--heartbeat must be milliseconds between 1000 and 3600000, got "999"/],
    [[], { KOHTAAMO_HEARTBEAT_MS: '500' }, /^KOHTAAMO_HEARTBEAT_MS must be milliseconds between 1000 and 3600000, got "500"/],
    [['--idle-timeout', '50'], {}, /^--idle-timeout must be milliseconds between 100 and 3600000, got "50"$/],
    [[], { KOHTAAMO_IDLE_TIMEOUT_MS: '10s' }, /KOHTAAMO_IDLE_TIMEOUT_MS must be milliseconds/],
    [['--heartbeat', '1000', '--idle-timeout', '1500'], {}, /must be at least twice the heartbeat/],
    [['--port', 'abc'], {}, /--port must be a port number/],
    [['--retention-days', '-1'], {}, /--retention-days must be a number of days, 0 \(keep\) to 36500, got "-1"/],
    [['--agent-away', '5000'], {}, /--agent-away must be 0 \(never\) or milliseconds between 10000 and 86400000, got "5000"/],
    [[], { KOHTAAMO_AGENT_AWAY_MS: '2min' }, /KOHTAAMO_AGENT_AWAY_MS must be 0 \(never\) or milliseconds/],
    [[], { KOHTAAMO_PORT: '70000' }, /KOHTAAMO_PORT must be a port number/],
    [['--prot', '1'], {}, /unknown flag --prot/],
    [['--port'], {}, /--port needs a value/],
    [['serve'], {}, /unexpected argument "serve"/],
    [['--origin', 'https://a.example/path'], {}, /origin "https:\/\/a.example\/path" must look like https:\/\/shop.example .*: write https:\/\/a.example$/],
    [['--origin', 'https://A.example?x=1'], {}, /origin "https:\/\/A.example\?x=1" must look like .*: write https:\/\/a.example$/],
    [['--origin', 'https://me@a.example'], {}, /: write https:\/\/a.example$/],
    [['--origin', 'https://*.shop.example'], {}, /origin "https:\/\/\*.shop.example" has a \*, and origins are not patterns: list each site, comma-separated \(https:\/\/shop.example,https:\/\/www.shop.example\), or give \* alone to allow every site$/],
    [[], { KOHTAAMO_ORIGIN: 'https://shop.example;https://www.shop.example' }, /origin "https:\/\/shop.example;https:\/\/www.shop.example" is more than one origin: separate origins with commas \(https:\/\/shop.example,https:\/\/www.shop.example\), or give --origin once for each$/],
    [['--origin', 'https://shop.example https://www.shop.example'], {}, /is more than one origin: separate origins with commas/],
    [['--origin', 'shop.example'], {}, /^origin "shop.example" must look like https:\/\/shop.example \(scheme and host, no path, query or user\) or be \*: write https:\/\/shop.example$/],
    [[], { KOHTAAMO_ORIGIN: 'https://a.example,www.shop.example:8443' }, /^origin "www.shop.example:8443" must look like .*: write https:\/\/www.shop.example:8443$/],
    [['--origin', 'localhost:5173'], {}, /^origin "localhost:5173" must look like .*: write http:\/\/localhost:5173$/],
    // Not "write https://null": that is no one's site, and null itself is any site's sandboxed iframe.
    [['--origin', 'null'], {}, /^origin "null" is what a browser sends from a sandboxed iframe or a file:\/\/ page, which any site can make, so it cannot be allowed: put the widget on a page of your site and give that site's origin \(only \* lets such pages in, with every site\)$/],
    [['--origin', 'ftp://shop.example'], {}, /^origin "ftp:\/\/shop.example" must look like https:\/\/shop.example \(scheme and host, no path, query or user\) or be \*$/],
    [['--origin', 'https://shop.example:99999'], {}, /^origin "https:\/\/shop.example:99999" has port 99999, and ports go up to 65535$/],
    [['--origin', 'http://127.0.0.1:9310,*'], {}, /^origin \* allows every site, so it goes alone: list the sites \(http:\/\/127.0.0.1:9310\) without \*, or give \* alone$/],
    [['--origin', '*', '--origin', 'https://shop.example'], {}, /^origin \* allows every site, so it goes alone/],
    [['--port', '9305', '--port', '9306'], {}, /^--port is given twice \(9305, 9306\); give it once$/],
    [['--faq', ''], {}, /^--faq is given but empty: give it a value, or leave it out$/],
    [['--data=  '], {}, /^--data is given but empty: give it a value, or leave it out$/],
    [['--origin', ''], {}, /^--origin is given but empty: give it a value, or leave it out$/],
    [['--faq', 'a.md', '--data', 'd', '--faq=b.md'], {}, /^--faq is given twice \(a.md, b.md\); give it once$/],
    [['--host', '999.1.1.1'], {}, /^--host "999\.1\.1\.1" is not an IPv4 address: each of its four numbers is 0–255$/],
    [[], { KOHTAAMO_HOST: '10.1.1' }, /^KOHTAAMO_HOST "10\.1\.1" is not an IPv4 address: each of its four numbers is 0–255$/],
    [['--host', '[shop.example]'], {}, /^--host "\[shop\.example\]" is not an IPv6 address; brackets are for those only: write shop\.example$/],
    [['--host', 'localhost:8080'], {}, /^--host "localhost:8080" is not a host name or address; give the port with --port$/],
    [['--host', 'shop example'], {}, /^--host "shop example" is not a host name or address$/],
    [[], { KOHTAAMO_DEMO_PASSWORD: 'short' }, /at least 8/],
    // Not "pipe none": nothing is piped to an environment variable.
    [[], { KOHTAAMO_DEMO_PASSWORD: 'salasana123' }, /^KOHTAAMO_DEMO_PASSWORD: the password is among the first an attacker tries: choose another, or unset KOHTAAMO_DEMO_PASSWORD to have one generated$/],
    [[], { KOHTAAMO_IDENTITY_SECRET: 'hunter2' }, /KOHTAAMO_IDENTITY_SECRET must be at least 32 characters \(try: openssl rand -hex 32\)/],
    [['--identity-secret', 'x'.repeat(64)], {}, /unknown flag --identity-secret/],
    [['--webhook', 'http://hooks.shop.example/in'], {}, /--webhook must be an https:\/\/ URL \(http:\/\/ only to localhost\): the notices carry what visitors wrote/],
    [['--webhook', 'hooks.shop.example'], {}, /--webhook must be a URL like https:\/\/hooks.your-shop.example\/kohtaamo, got "hooks.shop.example"/],
    [['--webhook', 'https://me:pw@hooks.shop.example/in'], {}, /holds a password, .* set KOHTAAMO_WEBHOOK_URL instead/],
    [[], { KOHTAAMO_WEBHOOK_URL: 'https://hooks.shop.example/in', KOHTAAMO_WEBHOOK_SECRET: 'short' }, /KOHTAAMO_WEBHOOK_SECRET must be at least 32 characters/],
    [[], { KOHTAAMO_WEBHOOK_SECRET: 'w'.repeat(32) }, /KOHTAAMO_WEBHOOK_SECRET is set but there is no webhook/],
    [['--smtp', 'mail.shop.example'], { KOHTAAMO_MAIL_FROM: 'a@b.fi' }, /--smtp must be a URL like smtp:\/\/user@mail.example.fi:587, got "mail.shop.example"/],
    [['--smtp', 'http://mail.shop.example'], { KOHTAAMO_MAIL_FROM: 'a@b.fi' }, /--smtp must start with smtp:\/\/ \(STARTTLS\) or smtps:\/\/ \(TLS\)/],
    [['--smtp', 'smtp://me:pw@mail.shop.example'], { KOHTAAMO_MAIL_FROM: 'a@b.fi' }, /--smtp holds a password, .* set KOHTAAMO_SMTP_URL instead/],
    [['--smtp', 'smtp://mail.shop.example'], {}, /--smtp needs a From address for the emails: set --mail-from/],
    [['--smtp', 'smtp://mail.shop.example', '--mail-from', 'Kotipesä'], {}, /--mail-from must be an email address, alone or as "Kotipesä <asiakaspalvelu@kotipesa.fi>", got "Kotipesä"/],
    [['--mail-from', 'a@b.fi'], {}, /--mail-from needs an SMTP server to send through: set KOHTAAMO_SMTP_URL \(or --smtp\) too/],
    [['--smtp', 'smtp://mail.shop.example', '--mail-from', 'a@b.fi', '--email-after', '5s'], {}, /--email-after must be milliseconds between 10000 and 86400000, got "5s"/],
    [['--hours', 'mon-fry 9-16'], {}, /--hours: "fry" is not a day/],
    [['--hours', 'mon-fri 9-16', '--timezone', 'Helsinki'], {}, /--timezone: "Helsinki" is not a time zone: write one like Europe\/Helsinki/],
    [[], { KOHTAAMO_TIMEZONE: 'Helsinki' }, /KOHTAAMO_TIMEZONE: "Helsinki" is not a time zone: write one like Europe\/Helsinki/],
    [['--faq-option', 'answerThreshold=high'], {}, /FAQ option answerThreshold must be a number from 0 to 1, got "high"/],
    [['--faq-option', 'maxSuggestions=2.5'], {}, /maxSuggestions must be a whole number from 1 to 10/],
    [['--faq-option', 'answerThreshold'], {}, /must look like name=value/],
    [[], { KOHTAAMO_FAQ_OPTIONS: 'suggestThreshold=0.9' }, /suggestThreshold must not exceed answerThreshold/],
  ])('refuses %j %j with a clear message', (argv, env, message) => {
    const result = parse(argv, env);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});
