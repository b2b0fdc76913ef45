// Whether this server is the demo, and what `/` is when it is not.
//
// The demo store (demo/site) shows the widget on a shop's pages; it goes with the demo FAQ. A
// site serving its own FAQ is no demo: a fake shop on its public chat host would be found by
// search engines and visitors, so `/` there only says what the server is and where agents log in.
import { resolve } from 'node:path';
import type { ServerConfig } from './config';
import { DEFAULTS } from './defaults';

/** Whether the server runs on the demo FAQ: then it makes the demo agent and serves the demo store. */
export function usesDemoFaq(config: Pick<ServerConfig, 'faq' | 'root'>): boolean {
  return config.faq === resolve(config.root, DEFAULTS.faq);
}

/** `/` of a site's own chat server: the product's name and the way to the console (relative, for a proxy that serves the server under a path), kept out of search results. */
export const HOME_PAGE = `<!doctype html>
<html lang="en">
<meta charset="utf-8">
<meta name="robots" content="noindex">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Kohtaamo</title>
<h1>Kohtaamo</h1>
<p>This is a Kohtaamo customer-service chat server. Agents: <a href="console/">log in to the console</a>.</p>
`;
