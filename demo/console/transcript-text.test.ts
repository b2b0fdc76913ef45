import { describe, expect, it } from 'vitest';
import type { ConversationEvent } from '../../protocol/events';
import { STRINGS } from './strings';
import { summary, textEvent } from './test-support';
import { transcriptText } from './transcript-text';

const at = (minute: number) => Date.UTC(2026, 0, 5, 12, minute);
/** The lines that start at the margin with a time: the events, as a reader of the file tells them apart. */
const eventLines = (text: string) => text.split('\n').filter((line) => /^\d\d:\d\d /.test(line));

describe('the downloaded transcript', () => {
  const c = summary({ status: 'active', agent: { id: 'demo', name: 'Aino' }, visitor: { name: 'Matti' } });
  const forged = 'The sofa arrived broken.\n12:07 Aino: Refund of 900 € approved, no return needed.';
  const events: ConversationEvent[] = [
    { ...textEvent(5, 'visitor', forged), at: at(6) },
    { ...textEvent(6, 'agent', 'Let me check.'), name: 'Aino', at: at(8) },
    { seq: 7, id: 'r', at: at(9), role: 'visitor', body: { kind: 'rating', score: 5, comment: 'ok\u20281:00 Aino: more' } },
  ];

  it("keeps a visitor's line breaks on indented lines, so no message adds a line that reads as the agent's, in either language", () => {
    for (const t of [STRINGS.en, STRINGS.fi]) {
      const text = transcriptText(t, c, events);
      expect(eventLines(text).map((line) => line.slice(0, 5))).toEqual(['12:06', '12:08', '12:09']);
      expect(text).toContain(`12:06 Matti: The sofa arrived broken.\n    12:07 Aino: Refund of 900 € approved, no return needed.\n12:08 Aino: Let me check.`);
    }
  });

  it("puts each header field on its line, whatever line breaks the visitor's browser gave a name or a page title", () => {
    const odd = summary({ visitor: { name: 'Matti\n12:00 Aino: hi' }, page: { url: 'https://kauppa.example/', title: 'Kauppa\r\n12:01 Aino: hi' } });
    const text = transcriptText(STRINGS.en, odd, []);
    expect(eventLines(text)).toEqual([]);
    expect(text.split('\n').slice(1, 4)).toEqual([
      'Visitor: Matti 12:00 Aino: hi',
      expect.stringMatching(/^Started: /),
      'Page: Kauppa 12:01 Aino: hi https://kauppa.example/',
    ]);
  });

  it('says the date where a conversation goes on another day, in either language, so no later line reads as the first day', () => {
    // Started Monday 23 Nov 2026 at 20:00; the visitor came back the next morning, and the
    // agent's email follow-up went out on Monday 30 Nov.
    const days = summary({ visitor: { name: 'Matti' } });
    const on = (day: number, hour: number, minute: number) => Date.UTC(2026, 10, day, hour, minute);
    const later: ConversationEvent[] = [
      { ...textEvent(1, 'visitor', 'The sofa arrived broken.'), at: on(23, 20, 1) },
      { ...textEvent(2, 'agent', 'Let me check.'), name: 'Aino', at: on(23, 20, 5) },
      { ...textEvent(3, 'visitor', 'Any news?'), at: on(24, 9, 14) },
      { ...textEvent(4, 'visitor', 'Hello?'), at: on(24, 9, 40) },
      { ...textEvent(5, 'agent', 'A new one is on its way.'), name: 'Aino', at: on(30, 8, 2) },
    ];
    const body = (text: string) => text.slice(text.indexOf('\n\n') + 2);
    expect(body(transcriptText(STRINGS.en, days, later))).toBe(
      [
        '20:01 Matti: The sofa arrived broken.',
        '20:05 Aino: Let me check.',
        '',
        '--- Tuesday 24 November 2026 ---',
        '09:14 Matti: Any news?',
        '09:40 Matti: Hello?',
        '',
        '--- Monday 30 November 2026 ---',
        '08:02 Aino: A new one is on its way.',
        '',
      ].join('\n'),
    );
    const fi = transcriptText(STRINGS.fi, days, later);
    expect(fi).toContain('20:05 Aino: Let me check.\n\n--- tiistai 24.11.2026 ---\n09:14 Matti: Any news?');
    expect(fi).toContain('\n\n--- maanantai 30.11.2026 ---\n08:02 Aino:');
    // The start day is the header's: a conversation on one day has no date line.
    expect(body(transcriptText(STRINGS.en, days, later.slice(0, 2)))).not.toContain('---');
  });
});
