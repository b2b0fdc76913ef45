// The streams a CLI command talks through: the real process streams in `main`, in-memory
// streams in tests, so commands are tested as a user runs them.
export interface CliIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}
