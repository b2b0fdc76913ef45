// Under the top bar, once the server serves a newer console than this page runs (model/upgrade.ts):
// a calm ask to reload, a status and not an alert: the console still works, and the agent reloads
// when the reply at hand is sent. It stays until they do. The polite region around it is in the
// page from the login on: a live region inserted with its words is often not read.
import { useConsole } from './context';

export function UpdateNote() {
  const model = useConsole();
  const t = model.t.value;
  return (
    <div aria-live="polite" class="update-note-region">
      {model.outdated.value && (
        <p role="status" class="update-note">
          {t.consoleUpdated}
          <button type="button" onClick={model.reload}>
            {t.reloadPage}
          </button>
        </p>
      )}
    </div>
  );
}
