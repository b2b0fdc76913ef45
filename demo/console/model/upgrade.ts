// Whether this page runs an older console than its server serves: a console left open across an
// upgrade reconnects by itself but keeps the older release's code, which can mishandle the newer
// server's answers, until the agent reloads it. The welcome names the server's build; once it
// differs from the page's, the console asks for a reload, until it has one (a later welcome from
// a server that does not say, or a rolling upgrade's older server, does not take the ask back).
// Without a build on either side (tests, Vite's dev server, an older server) nothing is asked.
import { signal, type ReadonlySignal } from '@preact/signals';

export function createUpgradeCheck(pageBuild: string | undefined) {
  const outdated = signal(false);
  return {
    outdated: outdated as ReadonlySignal<boolean>,
    welcomed(serverBuild: string | undefined): void {
      if (pageBuild !== undefined && serverBuild !== undefined && serverBuild !== pageBuild) outdated.value = true;
    },
  };
}
