// What the widget loads: searching a prebuilt bundle and rendering answers. Building bundles,
// validating and the lexicon stay on the server (faq/index), out of the visitor's bytes.
export { searchFromBundle } from './search';
export { parseMarkdown } from './markdown';
