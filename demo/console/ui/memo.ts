// memo() on Preact's core: a component drawn again only when its props change. Not
// preact/compat's, whose import alone turns every element of the page React-like (a select's
// value, a file input's onChange), which broke the FAQ match, the pass list and Attach a file.
import { Component, createElement, type FunctionComponent } from 'preact';

function sameProps(a: object, b: object): boolean {
  const before = a as Record<string, unknown>;
  const after = b as Record<string, unknown>;
  const keys = Object.keys(before);
  return keys.length === Object.keys(after).length && keys.every((k) => Object.is(before[k], after[k]));
}

/** `render`, skipped while `same(previous, next)` props; by default, while every prop is the same value. */
export function memo<P extends object>(render: FunctionComponent<P>, same: (a: P, b: P) => boolean = sameProps): FunctionComponent<P> {
  class Memo extends Component<P> {
    static override displayName = `Memo(${render.name})`;
    override shouldComponentUpdate(next: P): boolean {
      return !same(this.props, next);
    }
    override render(props: P) {
      return createElement(render, props);
    }
  }
  return Memo as unknown as FunctionComponent<P>;
}
