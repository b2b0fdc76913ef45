import { useConsole } from './context';

export function TopBar() {
  const model = useConsole();
  return (
    <header class="topbar">
      <span class="brand">
        Kohtaamo <span class="muted">console</span>
      </span>
      <ConnectionState />
      <span class="spacer" />
      <span class="agent-name" aria-label="Signed in as">
        {model.agent.value?.name}
      </span>
      <button type="button" class="ghost" onClick={model.logout}>
        Log out
      </button>
    </header>
  );
}

function ConnectionState() {
  const model = useConsole();
  const status = model.status.value;
  const retryAt = model.connection.value?.retryAt.value;
  const label =
    status === 'online'
      ? 'Connected'
      : status === 'connecting'
        ? 'Connecting…'
        : status === 'waiting'
          ? `Connection lost. Reconnecting${retryAt ? ` at ${new Date(retryAt).toLocaleTimeString()}` : ''}…`
          : 'Disconnected';
  return (
    <span class={`connection ${status}`}>
      <span class="dot" aria-hidden="true" />
      <span role="status">{label}</span>
      {(status === 'waiting' || status === 'stopped') && (
        <button type="button" class="link" onClick={model.retryNow}>
          Reconnect now
        </button>
      )}
    </span>
  );
}
