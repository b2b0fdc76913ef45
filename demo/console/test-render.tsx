// Renders the whole console against a fake environment, the way the page would start it.
import { act, cleanup, render } from '@testing-library/preact';
import type { AgentServerMessage } from '../../protocol/agent';
import type { ConsoleOptions } from './config';
import { createConsole } from './model/console';
import { fakeEnv, ME, type FakeSocket } from './test-support';
import { App } from './ui/App';

const running: (() => void)[] = [];

/** For `afterEach`: unmount and stop every console's sockets and timers. */
export function stopConsoles(): void {
  cleanup();
  for (const stop of running.splice(0)) stop();
}

export function renderConsole(envOptions: Parameters<typeof fakeEnv>[0] = {}, options: Partial<ConsoleOptions> = {}) {
  const fake = fakeEnv(envOptions);
  const model = createConsole(fake.env, options);
  const stop = model.start();
  running.push(stop);
  const view = render(<App model={model} />);
  /** Deliver frames from the server and let the view catch up. */
  const receive = (...messages: AgentServerMessage[]) =>
    act(() => {
      for (const m of messages) fake.last().receive(m);
    });
  /**
   * Open the current socket and answer its hello; `emailsReplies`: the server emails replies a
   * visitor missed, `siteMail`: its From address.
   */
  const connect = (socket: FakeSocket = fake.last(), { emailsReplies = false, siteMail }: { emailsReplies?: boolean; siteMail?: string } = {}) =>
    act(() => {
      socket.open();
      socket.receive({ type: 'welcome', agent: ME, heartbeatMs: 30_000, emailsReplies, ...(siteMail ? { siteMail } : {}) });
    });
  return { ...fake, model, view, receive, connect, stop };
}
