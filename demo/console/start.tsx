// Starting the console: builds the model from the browser, renders it, keeps the tab title
// counting the conversations nobody has claimed whose visitor is still on the site, and the visitor messages the agent has not seen,
// and the page's language the agent's, so screen readers speak it right.
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
    document.title = model.t.value.tabTitle(model.presentWaitingCount.value, model.newMessages.value);
    document.documentElement.lang = model.lang.value;
  });
  render(<App model={model} />, root);
  return () => {
    render(null, root);
    stopTitle();
    stopModel();
  };
}
