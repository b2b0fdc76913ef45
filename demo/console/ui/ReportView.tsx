// The site's figures for a period, in the conversation's place: what the FAQ settled without a
// person, and how the visitors handed to one were served (GET /api/report, as `kohtaamo report`).
// Figures that cannot be loaded say why, in a file download's words, with Retry where it helps.
import { useRef } from 'preact/hooks';
import { isFinalReport, REPORT_PERIODS, type ReportData } from '../model/report';
import { loadProblemText } from '../strings';
import { useConsole } from './context';
import { useLiveText } from './live-text';

export function ReportView() {
  const model = useConsole();
  const t = model.t.value;
  const state = model.report.state.value;
  const heading = useRef<HTMLHeadingElement>(null);
  const problem = state?.problem ?? null;
  // The status comes in with the Report: its words follow it in, or "Loading the figures…" is not always read.
  const status = useLiveText(
    !state ? '' : problem ? `${t.reportFailed} ${loadProblemText(t, problem)}` : state.data ? '' : t.loadingReport,
  );
  if (!state) return null;
  // Not for an expired session: the console logs out, and the Report loads again after the login.
  const retry = problem !== null && problem !== 'unauthorized' && !isFinalReport(problem);
  return (
    <main class="conversation column report" aria-labelledby="report-title">
      <header class="conversation-head">
        <h2 id="report-title" ref={heading} tabIndex={-1}>
          {t.reportTitle}
        </h2>
        <div class="actions">
          <label>
            {t.period}{' '}
            <select value={state.days} onChange={(e) => void model.report.period(Number(e.currentTarget.value))}>
              {REPORT_PERIODS.map((days) => (
                <option key={days} value={days}>
                  {t.lastDays(days)}
                </option>
              ))}
            </select>
          </label>
          {/* The button goes with the Report, and the focus would fall to the page: it goes back to the toggle that opened it. */}
          <button
            type="button"
            onClick={() => {
              model.report.close();
              document.getElementById('report-toggle')?.focus();
            }}
          >
            {t.closeReport}
          </button>
        </div>
      </header>
      <div class="report-body">
        <p role="status">{status}</p>
        {retry && (
          <button
            type="button"
            onClick={() => {
              // Retry goes as it is pressed: the keyboard stays in the Report, at its heading, rather than the page's top.
              heading.current?.focus();
              void model.report.period(state.days);
            }}
          >
            {t.retry}
          </button>
        )}
        {state.data && <Figures data={state.data} />}
      </div>
    </main>
  );
}

function Figures({ data }: { data: ReportData }) {
  const model = useConsole();
  const t = model.t.value;
  const s = data.selfService;
  const question = (faqId: string) => model.faqEntries.value.find((e) => e.id === faqId)?.question ?? faqId;
  const { firstDay, lastDay, timeZone, since } = data;
  return (
    <>
      {firstDay && lastDay && timeZone && <p class="report-days">{t.reportDays(firstDay, lastDay, timeZone)}</p>}
      <dl class="figures">
        <dt>{t.faqShown}</dt>
        <dd>{s.shown}</dd>
        {timeZone && since !== undefined && s.since !== undefined && s.since > since && <dd class="muted">{t.faqCountedFrom(s.since, timeZone)}</dd>}
        <dt>{t.itHelped}</dt>
        <dd>{t.ofShown(s.helped, s.shown)}</dd>
        <dt>{t.itDidNotHelp}</dt>
        <dd>{t.ofShown(s.notHelpful, s.shown)}</dd>
        <dt>{t.handedToPerson}</dt>
        <dd>
          {data.handedOff}
          {data.handedOff > 0 && <span class="muted"> ({t.reasons(data.reasons)})</span>}
        </dd>
        <dt>{t.reached}</dt>
        <dd>{t.ofShown(data.reached, data.handedOff)}</dd>
        <dt>{t.waitForAgent}</dt>
        <dd>{t.timing(data.wait)}</dd>
        <dt>{t.firstReply}</dt>
        <dd>{t.timing(data.firstResponse)}</dd>
        <dt>{t.ratings}</dt>
        <dd>{t.rating(data.ratings)}</dd>
        {/* Only where the server emails visitors (--smtp): elsewhere it would always say 0. */}
        {data.emailed && data.emailed.conversations + data.emailed.failed > 0 && (
          <>
            <dt>{t.emailedFigure}</dt>
            <dd>{t.emailedCount(data.emailed)}</dd>
          </>
        )}
      </dl>
      {s.entries.length > 0 && (
        <section aria-labelledby="report-most-shown">
          <h3 id="report-most-shown">{t.mostShown}</h3>
          <ol class="most-shown">
            {s.entries.slice(0, 10).map((e) => (
              <li key={e.faqId}>
                {question(e.faqId)} <span class="muted">{e.shown} · {t.helpedCount(e.helped)}</span>
              </li>
            ))}
          </ol>
        </section>
      )}
      {data.agents.length > 0 && (
        <table class="agents-table">
          <caption>{t.agents}</caption>
          <thead>
            <tr>
              <th scope="col">{t.agentCol}</th>
              <th scope="col">{t.conversationsCol}</th>
              <th scope="col">{t.firstReplyCol}</th>
              <th scope="col">{t.ratingCol}</th>
            </tr>
          </thead>
          <tbody>
            {data.agents.map((a) => (
              <tr key={a.name}>
                <th scope="row">{a.name}</th>
                <td>{a.conversations}</td>
                <td>{t.timing(a.firstResponse)}</td>
                <td>{t.rating(a.ratings)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
