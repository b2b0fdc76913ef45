import { useSignal } from '@preact/signals';
import { useConsole } from './context';

export function LoginForm() {
  const { auth } = useConsole();
  const login = useSignal('');
  const password = useSignal('');
  const error = useSignal<string | null>(null);
  const busy = useSignal(false);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (busy.value) return;
    busy.value = true;
    error.value = null;
    const result = await auth.login(login.value.trim(), password.value);
    busy.value = false;
    if (!result.ok) error.value = result.error;
  }

  const message = error.value ?? auth.notice.value;
  return (
    <main class="login">
      <form class="login-card" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">
          Kohtaamo <span class="muted">agent console</span>
        </h1>
        <label>
          Login
          <input
            name="login"
            autocomplete="username"
            required
            autofocus
            value={login.value}
            onInput={(e) => (login.value = e.currentTarget.value)}
          />
        </label>
        <label>
          Password
          <input
            name="password"
            type="password"
            autocomplete="current-password"
            required
            value={password.value}
            onInput={(e) => (password.value = e.currentTarget.value)}
          />
        </label>
        {message && (
          <p class="form-error" role="alert">
            {message}
          </p>
        )}
        <button type="submit" class="primary" disabled={busy.value}>
          {busy.value ? 'Logging in…' : 'Log in'}
        </button>
      </form>
    </main>
  );
}
