// The console's sound for news (a visitor starts waiting, a visitor writes to the agent): two
// soft bell tones made with the Web Audio API, so there is no audio file to ship or to fetch.
// Browsers keep audio off until the person has used the page: the AudioContext is made (or
// resumed) at the first click, tap or key press in the console, and a chime before then is
// silent. Where the browser has no Web Audio, the console is as it was, silent and without errors.

export interface Chime {
  /** Rings once, if the browser lets the page sound. */
  play(): void;
}

type AudioContextClass = new () => AudioContext;

/** The two tones (E6 over A5, a fifth), each a quick strike that fades; at most a fifth of full volume. */
const TONES = [
  { hz: 880, at: 0, for: 0.45 },
  { hz: 1318.5, at: 0.12, for: 0.6 },
] as const;
const PEAK = 0.18;

/** The page's window, or what a test hands in: the Web Audio constructor, if any, and the document to listen on. */
interface AudioWindow {
  AudioContext?: AudioContextClass;
  webkitAudioContext?: AudioContextClass;
  document: Pick<Document, 'addEventListener' | 'removeEventListener'>;
}

export function webAudioChime(win: AudioWindow = window): Chime {
  const Context: AudioContextClass | undefined = win.AudioContext ?? win.webkitAudioContext;
  if (!Context) return { play() {} };
  let context: AudioContext | null = null;
  const events = ['pointerdown', 'keydown'] as const;
  /** On the person's gesture: the only moment the browser allows the sound to start. */
  const unlock = () => {
    try {
      context ??= new Context();
      if (context.state === 'suspended') void context.resume().catch(() => {});
    } catch {
      // Too many contexts, or audio blocked by policy: silent, as without Web Audio.
      return;
    }
    if (context.state === 'running') for (const type of events) win.document.removeEventListener(type, unlock, true);
  };
  for (const type of events) win.document.addEventListener(type, unlock, true);
  return {
    play() {
      if (!context || context.state === 'closed') return;
      // Made at a gesture, it may still be starting: it rings once it runs.
      if (context.state === 'suspended') void context.resume().then(ring, () => {});
      else ring();
    },
  };

  function ring(): void {
    if (context?.state !== 'running') return;
    try {
      const start = context.currentTime + 0.01;
      for (const tone of TONES) {
        const oscillator = context.createOscillator();
        const gain = context.createGain();
        oscillator.type = 'sine';
        oscillator.frequency.value = tone.hz;
        const at = start + tone.at;
        // A 10 ms rise (no click), then an exponential fade, as a struck bell.
        gain.gain.setValueAtTime(0.0001, at);
        gain.gain.exponentialRampToValueAtTime(PEAK, at + 0.01);
        gain.gain.exponentialRampToValueAtTime(0.0001, at + tone.for);
        oscillator.connect(gain).connect(context.destination);
        oscillator.start(at);
        oscillator.stop(at + tone.for + 0.05);
      }
    } catch {
      // A closed context: no sound, and nothing else is affected.
    }
  }
}
