import { expect, it } from 'vitest';
import { markdownAsText } from './markdown-text';

it('turns an FAQ answer into the text of a chat message', () => {
  const md = 'Palautus on **maksuton** 30 päivän ajan.\n\n1. Tulosta [lomake](https://kauppa.example/palautus)\n2. Vie paketti *Postiin*\n\nKysy: [asiakaspalvelu@kauppa.example](mailto:asiakaspalvelu@kauppa.example) tai `040 123`';
  expect(markdownAsText(md)).toBe(
    'Palautus on maksuton 30 päivän ajan.\n\n1. Tulosta lomake (https://kauppa.example/palautus)\n2. Vie paketti Postiin\n\nKysy: asiakaspalvelu@kauppa.example tai 040 123',
  );
});
