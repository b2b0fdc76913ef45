import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { problemText, type Problem } from '../strings';
import { useConsole } from './context';
import { LangSwitch } from './LangSwitch';
import { useLiveText } from './live-text';

export function LoginForm() {
  const { auth, t: strings } = useConsole();
  const t = strings.value;
  const login = useSignal('');
  const password = useSignal('');
  const error = useSignal<Problem | null>(null);
  const busy = useSignal(false);
  const loginBox = useRef<HTMLInputElement>(null);
  // Not `autofocus`: a browser acts on it once per document, so after a logout (or an expired
  // session) the form came back with the focus on the page's body. Unless something has it.
  useEffect(() => {
    const active = document.activeElement;
    if (active === null || active === document.body || !active.isConnected) loginBox.current?.focus();
  }, []);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (busy.value) return;
    busy.value = true;
    error.value = null;
    const result = await auth.login(login.value.trim(), password.value);
    busy.value = false;
    if (!result.ok) error.value = result.problem;
  }

  // Put in words here, so that a switch of language reaches a message already shown.
  const problem = error.value ?? auth.notice.value;
  const message = problem ? problemText(t, problem) : '';
  // Put in the alert after the form is in the page, also when the form comes with it ("Your session has expired").
  const said = useLiveText(message);
  return (
    <main class="login">
      <form class="login-card" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">
          Kohtaamo <span class="muted">{t.loginTitle}</span>
        </h1>
        <label>
          {t.login}
          <input
            name="login"
            autocomplete="username"
            required
            ref={loginBox}
            value={login.value}
            onInput={(e) => (login.value = e.currentTarget.value)}
          />
        </label>
        <label>
          {t.password}
          <input
            name="password"
            type="password"
            autocomplete="current-password"
            required
            value={password.value}
            onInput={(e) => (password.value = e.currentTarget.value)}
          />
        </label>
        <div role="alert">{said && <p class="form-error">{said}</p>}</div>
        {/* aria-disabled, not disabled: a disabled button loses the focus, which then stayed on the
            page's body after a failed login; a second press while busy is ignored by `submit`. */}
        <button type="submit" class="primary" aria-disabled={busy.value}>
          {busy.value ? t.loggingIn : t.logIn}
        </button>
        <LangSwitch class="link" />
      </form>
    </main>
  );
}
