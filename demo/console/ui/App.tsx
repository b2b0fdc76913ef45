import type { ConsoleModel } from '../model/console';
import { ConsoleContext } from './context';
import { ConversationPane } from './ConversationPane';
import { LoginForm } from './LoginForm';
import { QueuePanel } from './QueuePanel';
import { ReportView } from './ReportView';
import { SidePanel } from './SidePanel';
import { TopBar } from './TopBar';

export function App({ model }: { model: ConsoleModel }) {
  return (
    <ConsoleContext.Provider value={model}>
      {model.auth.session.value ? (
        <div class="shell">
          <TopBar />
          <div class="columns">
            <QueuePanel />
            {model.report.state.value ? <ReportView /> : <ConversationPane />}
            <SidePanel />
          </div>
        </div>
      ) : (
        <LoginForm />
      )}
    </ConsoleContext.Provider>
  );
}
