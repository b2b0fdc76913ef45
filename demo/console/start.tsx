// Starting the console: builds the model from the browser, renders it, keeps the tab title
// counting the conversations nobody has claimed.
import { effect } from '@preact/signals';
import { render } from 'preact';
import { browserEnv, type ConsoleEnv } from './env';
import { createConsole } from './model/console';
import { App } from './ui/App';
import './styles.css';

export function start(root: HTMLElement, env: ConsoleEnv = browserEnv()): () => void {
  const model = createConsole(env);
  const stopModel = model.start();
  const stopTitle = effect(() => {
    const waiting = model.waitingCount.value;
    document.title = waiting > 0 ? `(${waiting}) waiting · Kohtaamo console` : 'Kohtaamo console';
  });
  render(<App model={model} />, root);
  return () => {
    render(null, root);
    stopTitle();
    stopModel();
  };
}
