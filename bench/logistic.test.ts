import { describe, expect, it } from 'vitest';
import { fitLogistic, predict } from './logistic';

describe('fitLogistic', () => {
  it('recovers a separating direction on features of different scales', () => {
    // y is true when 2·a − b/100 > 0.5, with b a hundred times larger than a.
    const xs: number[][] = [];
    const ys: boolean[] = [];
    for (let i = 0; i < 200; i++) {
      const a = (i % 20) / 20;
      const b = ((i * 7) % 23) * 10;
      xs.push([a, b]);
      ys.push(2 * a - b / 100 > 0.5);
    }
    const model = fitLogistic(xs, ys);
    expect(model.weights[0]).toBeGreaterThan(0);
    expect(model.weights[1]).toBeLessThan(0);
    const accuracy = xs.filter((x, i) => predict(model, x) >= 0.5 === ys[i]).length / xs.length;
    expect(accuracy).toBeGreaterThan(0.9);
  });
});
