// Logistic regression by gradient descent: enough for a handful of features and a few hundred
// samples, and no dependency for a dev-only script.

export interface LogisticModel {
  bias: number;
  /** On the features' own scale (not standardised). */
  weights: number[];
}

export function fitLogistic(xs: number[][], ys: boolean[], { l2 = 0.01, iterations = 4000, rate = 0.5 } = {}): LogisticModel {
  const n = xs.length;
  const d = xs[0]?.length ?? 0;
  // Standardised features make one learning rate and one L2 penalty fit every feature.
  const mean = Array.from({ length: d }, (_, j) => xs.reduce((s, x) => s + x[j]!, 0) / n);
  const sd = mean.map((m, j) => Math.sqrt(xs.reduce((s, x) => s + (x[j]! - m) ** 2, 0) / n) + 1e-9);
  const zs = xs.map((x) => x.map((v, j) => (v - mean[j]!) / sd[j]!));
  const w = new Array<number>(d).fill(0);
  let b = 0;
  for (let it = 0; it < iterations; it++) {
    const gw = new Array<number>(d).fill(0);
    let gb = 0;
    zs.forEach((z, i) => {
      const err = sigmoid(b + dot(w, z)) - (ys[i] ? 1 : 0);
      z.forEach((v, j) => (gw[j]! += (err * v) / n));
      gb += err / n;
    });
    w.forEach((wj, j) => (w[j] = wj - rate * (gw[j]! + l2 * wj)));
    b -= rate * gb;
  }
  return {
    bias: b - w.reduce((s, wj, j) => s + (wj * mean[j]!) / sd[j]!, 0),
    weights: w.map((wj, j) => wj / sd[j]!),
  };
}

export function predict(model: LogisticModel, x: number[]): number {
  return sigmoid(model.bias + dot(model.weights, x));
}

function dot(a: number[], b: number[]): number {
  return a.reduce((s, v, i) => s + v * b[i]!, 0);
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}
