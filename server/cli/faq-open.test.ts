import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { faqCommand } from './faq';
import { parseServeConfig } from '../config';

async function run(argv: string[], input = '') {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  stdin.end(input);
  const code = await faqCommand(argv, { stdin, stdout, stderr });
  return { code, out, err };
}

const decision = async (argv: string[]) => {
  const { code, out, err } = await run(['search', '--faq', 'demo/faq.json', ...argv], 'paljonko toimitus maksaa\n');
  expect({ code, err }).toEqual({ code: 0, err: '' });
  return (JSON.parse(out) as { decision: string }).decision;
};

// search, explain and gaps report the decisions the served widget makes: with serve's tuning.
describe('kohtaamo faq: KOHTAAMO_FAQ_OPTIONS, as serve reads it', () => {
  let saved: string | undefined;
  beforeEach(() => {
    saved = process.env.KOHTAAMO_FAQ_OPTIONS;
    delete process.env.KOHTAAMO_FAQ_OPTIONS;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.KOHTAAMO_FAQ_OPTIONS;
    else process.env.KOHTAAMO_FAQ_OPTIONS = saved;
  });

  it('search decides with the tuning the variable gives, as the served widget does', async () => {
    expect(await decision([])).toBe('answer');
    process.env.KOHTAAMO_FAQ_OPTIONS = 'answerThreshold=1';
    expect(await decision([])).toBe('suggest');
  });

  it('--option replaces the variable, as --faq-option does for serve', async () => {
    process.env.KOHTAAMO_FAQ_OPTIONS = 'answerThreshold=1';
    expect(await decision(['--option', 'minMargin=0.1'])).toBe('answer');
    process.env.KOHTAAMO_FAQ_OPTIONS = 'minMargin=0.1';
    expect(await decision(['--option', 'answerThreshold=1'])).toBe('suggest');
  });

  it('search, explain and gaps refuse a wrong value with the message serve refuses it with', async () => {
    for (const value of ['bogus=1', 'answerThreshold=2', ' ']) {
      process.env.KOHTAAMO_FAQ_OPTIONS = value;
      const serve = parseServeConfig([], { KOHTAAMO_FAQ_OPTIONS: value }, process.cwd());
      expect(serve.ok).toBe(false);
      for (const sub of ['search', 'explain', 'gaps']) {
        const refused = await run([sub, '--faq', 'demo/faq.json'], 'hei\n');
        expect(refused).toEqual({ code: 2, out: '', err: `${(serve as { message: string }).message}\n` });
      }
    }
  });
});
