/** A reason not to start, worded for the person who ran the command. */
export class StartError extends Error {}
