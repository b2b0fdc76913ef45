// Starting the console: builds the model from the browser, renders it, keeps the tab title
// counting the conversations nobody has claimed and the visitor messages the agent has not seen.
import { effect } from '@preact/signals';
import { render } from 'preact';
import { browserEnv, type ConsoleEnv } from './env';
import { tabTitle } from './format';
import { createConsole } from './model/console';
import { App } from './ui/App';
import './styles.css';

export function start(root: HTMLElement, env: ConsoleEnv = browserEnv()): () => void {
  const model = createConsole(env);
  const stopModel = model.start();
  const stopTitle = effect(() => {
    document.title = tabTitle(model.waitingCount.value, model.newMessages.value);
  });
  render(<App model={model} />, root);
  return () => {
    render(null, root);
    stopTitle();
    stopModel();
  };
}
