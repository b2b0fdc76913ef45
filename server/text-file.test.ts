import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type RunningServer } from './app';
import { faqCommand } from './cli/faq';
import { decodeUtf8 } from './text-file';
import { tempDir, testConfig } from './test-support';

const FAQ_MD = '# Mikä on toimitusaika?\nid: toimitusaika-fi\n\nKaksi–neljä arkipäivää.\n';
const latin1 = (text: string) => Buffer.from(text.replace(/–/g, '-'), 'latin1');

describe('decodeUtf8', () => {
  it('reads UTF-8, with or without a byte order mark', () => {
    expect(decodeUtf8(Buffer.from(FAQ_MD))).toBe(FAQ_MD);
    expect(decodeUtf8(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(FAQ_MD)]))).toBe(FAQ_MD);
  });
  it('refuses Latin-1, naming the line and byte of the first bad sequence and how to fix it', () => {
    expect(() => decodeUtf8(latin1(`# Toimitus\n\n${FAQ_MD}`))).toThrow(/not UTF-8 text .*line 3 has byte 0xE4 \(byte 18 of the file\).*save it as UTF-8/);
  });
  it('says a UTF-16 file is UTF-16', () => {
    for (const encoding of ['utf16le', 'utf16be'] as const) {
      const bytes = Buffer.from(`\uFEFF${FAQ_MD}`, 'utf16le');
      if (encoding === 'utf16be') bytes.swap16();
      expect(() => decodeUtf8(bytes)).toThrow(/UTF-16 text, not UTF-8: save it as UTF-8/);
    }
    expect(() => decodeUtf8(Buffer.from(FAQ_MD, 'utf16le'))).toThrow(/NUL byte on line 1.*UTF-16/);
  });
  it('refuses overlong forms and truncated sequences', () => {
    expect(() => decodeUtf8(Buffer.from([0x61, 0xc0, 0xaf]))).toThrow(/byte 0xC0 \(byte 2 /);
    expect(() => decodeUtf8(Buffer.from([0x61, 0x0a, 0x62, 0xe2, 0x80]))).toThrow(/line 2 has byte 0xE2 \(byte 4 /);
  });
});

async function faq(argv: string[]) {
  const out = new PassThrough();
  const err = new PassThrough();
  let text = '';
  out.on('data', (d) => (text += d));
  err.on('data', (d) => (text += d));
  const code = await faqCommand(argv, { stdin: new PassThrough(), stdout: out, stderr: err });
  return { code, text };
}

describe('a FAQ that is not UTF-8', () => {
  let dir: { dir: string; remove(): Promise<void> };
  let server: RunningServer;
  const told: string[] = [];
  beforeAll(async () => {
    dir = await tempDir();
    await writeFile(join(dir.dir, 'faq.md'), FAQ_MD);
    server = await createServer(await testConfig(dir.dir, { faq: join(dir.dir, 'faq.md') }), { log: () => {}, info: (line) => told.push(line) });
  });
  afterAll(async () => {
    await server.close();
    await dir.remove();
  });

  it('is refused by faq validate and faq convert, which write nothing', async () => {
    const file = join(dir.dir, 'latin1.md');
    await writeFile(file, latin1(FAQ_MD));
    const validate = await faq(['validate', file]);
    expect(validate.code).toBe(1);
    expect(validate.text).toMatch(/latin1\.md: cannot read the FAQ: the file is not UTF-8 text .*line 1 has byte 0xE4.*save it as UTF-8/);
    const convert = await faq(['convert', file, join(dir.dir, 'out.json')]);
    expect(convert.code).toBe(1);
    expect(convert.text).toMatch(/not UTF-8/);
    await expect(faq(['validate', join(dir.dir, 'out.json')])).resolves.toMatchObject({ code: 1, text: expect.stringMatching(/ENOENT/) });
  });

  it('is not served on a reload: the previous FAQ stays, and the log says why', async () => {
    const before = await (await fetch(`${server.url}/api/faq`)).text();
    await writeFile(join(dir.dir, 'faq.md'), latin1(FAQ_MD.replace('Kaksi', 'Kolme')));
    for (let i = 0; i < 100 && !told.some((l) => /^FAQ not reloaded/.test(l)); i++) await new Promise((r) => setTimeout(r, 50));
    expect(told.find((l) => /^FAQ not reloaded/.test(l))).toMatch(/still serving the previous one\. Cannot read the FAQ file .*faq\.md: the file is not UTF-8 text .*save it as UTF-8/);
    expect(await (await fetch(`${server.url}/api/faq`)).text()).toBe(before);
  });
});
