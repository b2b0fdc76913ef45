import { describe, expect, it } from 'vitest';
import { validateFaq } from './index';
import { unsupportedMarkdown } from './markdown-lint';

describe('Markdown the answer renderer does not support', () => {
  it('says nothing of what it renders, nor of anything in a code span', () => {
    expect(
      unsupportedMarkdown(
        'Toimitus **2–4 arkipäivää**, *yleensä* nopeammin.\n\n- [Palautus](/palautus)\n- [Ehdot](https://kauppa.example/ehdot)\n- [Soita](tel:+358401234567), [mailaa](mailto:a@b.fi), [ylös](#top)\n\nKoodi `<b>ALE</b>` ja `## 10`: 3 < 5 > 2, <info@kauppa.example>.',
      ),
    ).toEqual([]);
  });

  it('names each unsupported thing, what visitors see, and what to write instead', () => {
    const said = (answer: string) => unsupportedMarkdown(answer).join('\n');
    expect(said('Tilaus on <b>ilmainen</b> <script>alert(1)</script>')).toMatch(/^raw HTML <b> <script>: shown as text, tags and all, never as HTML; write \*\*bold\*\*/);
    expect(said('Katso [palautusohje](palautus.html).')).toMatch(/^link \[palautusohje\]\(palautus\.html\): shown as plain text "palautusohje", not a link; write a path from the site's root \(\/palautus\.html\) or the full https:\/\/ address$/);
    expect(said('[ehdot](//kauppa.example/ehdot)')).toMatch(/shown as plain text "ehdot", not a link; write the full address, https:\/\/kauppa\.example\/ehdot$/);
    expect(said('[ehdot](/\\kauppa.example/ehdot)')).toMatch(/shown as plain text "ehdot", not a link; write the full address, https:\/\/kauppa\.example\/ehdot$/);
    expect(said('[klikkaa](javascript:alert(1))')).toMatch(/shown as plain text "klikkaa", not a link; only https:, http:, mailto: and tel: links are made/);
    expect(said('## Toimitus\nKaksi päivää.')).toMatch(/^heading "## Toimitus": shown as a line with its ##; write the line in \*\*bold\*\* instead$/);
    expect(said('| Koko | Hinta |\n|------|-------|\n| S | 10 € |')).toMatch(/^table: shown as lines of text with its \| and ---; write a list instead/);
    expect(said('Katso <https://kauppa.example/ehdot>.')).toBe('<https://kauppa.example/ehdot>: shown as text, angle brackets and all, not a link; write [https://kauppa.example/ehdot](https://kauppa.example/ehdot)');
    expect(said('![Mittataulukko](/kuvat/koot.png)')).toMatch(/^image !\[Mittataulukko\]\(\/kuvat\/koot\.png\): images are not shown, visitors see "!Mittataulukko"; write a link instead, \[Mittataulukko\]\(\/kuvat\/koot\.png\)$/);
  });

  it('advises for an image a link the widget keeps, so that following the advice warns no more', () => {
    const cases = [
      ['kartta.png', '/kartta.png'],
      ['./kuvat/kartta.png', '/kuvat/kartta.png'],
      ['../kuvat/kartta.png', '/kuvat/kartta.png'],
      ['/kuvat/kartta.png', '/kuvat/kartta.png'],
      ['https://kauppa.example/kartta.png', 'https://kauppa.example/kartta.png'],
      ['//cdn.example/kartta.png', 'https://cdn.example/kartta.png'],
    ];
    for (const [target, link] of cases) {
      expect(unsupportedMarkdown(`Katso ![kartta](${target}).`)).toEqual([
        `image ![kartta](${target}): images are not shown, visitors see "!kartta"; write a link instead, [kartta](${link})`,
      ]);
      expect(unsupportedMarkdown(`Katso [kartta](${link}).`)).toEqual([]);
    }
    expect(unsupportedMarkdown('![kartta](data:image/png;base64,AAAA)')).toEqual([
      'image ![kartta](data:image/png;base64,AAAA): images are not shown, visitors see "!kartta"; put the image on a web page and link to that, [kartta](https://…)',
    ]);
  });

  it('warns per entry in validateFaq, as kind markdown on the answer', () => {
    const entries = [
      { id: 'toimitus-fi', lang: 'fi', question: 'Kuinka kauan toimitus kestää?', answer: 'Kaksi päivää, <b>aina</b>.' },
      { id: 'aukiolo-fi', lang: 'fi', question: 'Milloin myymälä on auki?', answer: 'Ma–pe 10–18.' },
    ];
    const r = validateFaq(entries, 'faq.json');
    expect(r.warnings.filter((w) => w.kind === 'markdown')).toEqual([
      { file: 'faq.json', entry: 0, id: 'toimitus-fi', field: 'answer', kind: 'markdown', message: expect.stringMatching(/^markdown the widget does not show: raw HTML <b>: /) },
    ]);
  });
});
