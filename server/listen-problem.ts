// Why the server could not listen on the --host and --port given, said as what to change.
import { StartError } from './start-error';

/** The flags to reach for, after the port or address given. */
const PASS_HOST = '--host (127.0.0.1, or 0.0.0.0 for all of them)';

/**
 * Why the server could not listen, said as what to change: each of these is a --host or --port
 * the site owner gave, so a stack trace would only hide the one line they need.
 */
export function listenProblem(error: NodeJS.ErrnoException, host: string, port: number): StartError {
  switch (error.code) {
    case 'EADDRINUSE':
      return new StartError(`Port ${port} on ${host} is already in use; pass another with --port.`);
    case 'EACCES':
      return new StartError(
        port < 1024
          ? `Port ${port} needs more rights than this user has (ports below 1024 are root's); pass one from 1024 up with --port, and let your reverse proxy take 80 and 443.`
          : `This user may not listen on ${host} port ${port} (EACCES); pass another --port, or --host.`,
      );
    case 'EADDRNOTAVAIL':
      return new StartError(`${host} is not an address of this machine, so the server cannot listen on it; pass one of its addresses with ${PASS_HOST}.`);
    case 'ENOTFOUND':
      return new StartError(`The host name ${host} is not known (ENOTFOUND); pass one of this machine's names or addresses with ${PASS_HOST}.`);
    case 'EAI_AGAIN':
      return new StartError(`The host name ${host} could not be looked up (EAI_AGAIN); pass one of this machine's addresses with ${PASS_HOST}.`);
    default:
      return new StartError(`The server cannot listen on ${host} port ${port}: ${error.message}; pass another --host or --port.`);
  }
}
