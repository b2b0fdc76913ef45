// What the site owner reads when the server cannot listen: the cases a test process cannot make
// itself (a port below 1024 as root, a name server that does not answer). serve-refusals.test.ts
// sees the others from a real `kohtaamo serve`.
import { expect, it } from 'vitest';
import { listenProblem } from './listen-problem';
import { StartError } from './start-error';

const failed = (code: string, message = `listen ${code}`) => Object.assign(new Error(message), { code });

it('says what to do for each way listening fails, as a StartError', () => {
  const said = (code: string, host = '127.0.0.1', port = 9405) => {
    const problem = listenProblem(failed(code), host, port);
    expect(problem).toBeInstanceOf(StartError);
    return problem.message;
  };
  expect(said('EADDRINUSE')).toBe('Port 9405 on 127.0.0.1 is already in use; pass another with --port.');
  expect(said('EACCES', '0.0.0.0', 80)).toBe("Port 80 needs more rights than this user has (ports below 1024 are root's); pass one from 1024 up with --port, and let your reverse proxy take 80 and 443.");
  expect(said('EACCES')).toBe('This user may not listen on 127.0.0.1 port 9405 (EACCES); pass another --port, or --host.');
  expect(said('EAI_AGAIN', 'shop.example')).toBe("The host name shop.example could not be looked up (EAI_AGAIN); pass one of this machine's addresses with --host (127.0.0.1, or 0.0.0.0 for all of them).");
  expect(said('EAFNOSUPPORT', '::1')).toBe('The server cannot listen on ::1 port 9405: listen EAFNOSUPPORT; pass another --host or --port.');
});
