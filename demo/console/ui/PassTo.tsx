import { useState } from 'preact/hooks';
import { useConsole } from './context';

/** Hands the agent's conversation to a colleague with the console open; nothing shows when nobody else is there. */
export function PassTo({ conversationId, onPass }: { conversationId: string; onPass?: () => void }) {
  const model = useConsole();
  const t = model.t.value;
  const others = model.others.value;
  const [picked, setPicked] = useState('');
  const first = others[0];
  if (!first) return null;
  // The pick stays while that colleague is there; otherwise the first one listed.
  const to = others.some((o) => o.id === picked) ? picked : first.id;
  return (
    <form
      class="pass-to"
      onSubmit={(e) => {
        e.preventDefault();
        onPass?.();
        model.pass(conversationId, to);
      }}
    >
      <select aria-label={t.passTo} value={to} onChange={(e) => setPicked(e.currentTarget.value)}>
        {others.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
            {o.available ? '' : t.paused}
          </option>
        ))}
      </select>
      <button type="submit" aria-disabled={model.isPending('pass', conversationId)}>
        {t.pass}
      </button>
    </form>
  );
}
