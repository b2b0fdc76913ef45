import { expect, it } from 'vitest';
import { spokenDuration } from './durations';

it('says durations as a person reads them', () => {
  expect([45_000, 200_000, 180_000, 7_500_000, 7_200_000].map(spokenDuration)).toEqual(['45 s', '3 min 20 s', '3 min', '2 h 5 min', '2 h']);
});
