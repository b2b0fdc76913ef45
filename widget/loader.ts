// widget.js: the only code the host page runs up front. Everything else is fetched on intent.
// (The one side effect of this entry is starting the loader; its modules do nothing on import.)
import type { AppModule } from './contract';
import { startLoader } from './loader/start';

startLoader({
  win: window,
  script: document.currentScript as HTMLScriptElement | null,
  importApp: (url) => import(/* @vite-ignore */ url) as Promise<AppModule>,
});
