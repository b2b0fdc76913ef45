// The wire protocol shared by widget, server and console. Pure: no DOM, no Node, nothing of ours.
export * from './limits';
export * from './errors';
export * as fields from './fields';
export type { Page, VisitorInfo } from './fields';
export * from './events';
export * from './visitor';
export * from './agent';
export * from './parse';
export * from './backoff';
export * from './send-window';
export * from './queue';
export * from './faq-stats';
export * from './durations';
export * from './email-address';
export * from './files';
