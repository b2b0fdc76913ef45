import { expect, it } from 'vitest';
import { webAudioChime } from './chime';

/** Enough of an AudioContext to count the tones started, and the browser's autoplay rule. */
function fakeAudio() {
  const started: number[] = [];
  const contexts: FakeContext[] = [];
  class FakeContext {
    state: AudioContextState = 'suspended';
    currentTime = 0;
    destination = {};
    constructor() {
      contexts.push(this);
    }
    async resume() {
      this.state = 'running';
    }
    createOscillator() {
      return { type: '', frequency: { value: 0 }, connect: (node: unknown) => node, start: () => void started.push(1), stop() {} };
    }
    createGain() {
      const gain = { gain: { setValueAtTime() {}, exponentialRampToValueAtTime() {} }, connect: (node: unknown) => node };
      return gain;
    }
  }
  const doc = new EventTarget();
  return { win: { AudioContext: FakeContext as unknown as new () => AudioContext, document: doc }, doc, contexts, started };
}

it('stays silent, and makes no AudioContext, until the agent first clicks or types in the page', async () => {
  const audio = fakeAudio();
  const chime = webAudioChime(audio.win);
  chime.play();
  expect(audio.contexts).toHaveLength(0);
  audio.doc.dispatchEvent(new Event('keydown'));
  await Promise.resolve();
  expect(audio.contexts).toHaveLength(1);
  chime.play();
  await Promise.resolve();
  expect(audio.started).toHaveLength(2);
  // The same context for every later gesture.
  audio.doc.dispatchEvent(new Event('pointerdown'));
  expect(audio.contexts).toHaveLength(1);
});

it('does nothing, and throws nothing, where the browser has no Web Audio', () => {
  const chime = webAudioChime({ document: new EventTarget() });
  expect(() => chime.play()).not.toThrow();
});
