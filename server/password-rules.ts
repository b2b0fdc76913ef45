// What an agent's password must be: the console is reachable from the internet and holds every
// visitor's conversations, so a password an attacker tries first is refused, with what to do.
// Not a strength meter: length, and the guesses every list of common passwords starts with.

export const MIN_PASSWORD = 8;

/** The passwords tried first (the top of the public lists of leaked ones), in English and Finnish, lower case. */
const COMMON = new Set([
  'password', 'password1', 'password12', 'password123', 'passw0rd', 'p@ssw0rd', 'qwertyui', 'qwerty12', 'qwerty123',
  'qwertyuiop', 'asdfghjk', 'iloveyou', 'letmein1', 'welcome1', 'welcome123', 'admin123', 'administrator', 'changeme',
  'football', 'baseball', 'sunshine', 'princess', 'trustno1', 'whatever', 'superman', 'starwars', 'salasana',
  'salasana1', 'salasana12', 'salasana123', 'tervetuloa', 'kohtaamo', 'kohtaamo1', 'kohtaamo123', 'asiakaspalvelu',
]);

/**
 * Why `password` may not be an agent's password, or undefined when it may. `generated`: how to get
 * a generated one instead, where the password came from (`agent add` reads stdin; `serve`, an environment variable).
 */
export function passwordProblem(password: string, login?: string, generated = 'pipe none to get a generated one'): string | undefined {
  if (password.length < MIN_PASSWORD) return `the password must be at least ${MIN_PASSWORD} characters`;
  const lower = password.toLowerCase();
  const weak = 'is among the first an attacker tries';
  if (COMMON.has(lower)) return `the password ${weak}: choose another, or ${generated}`;
  // One character again and again, or a run: 11111111, aaaaaaaa, 12345678, 87654321, abcdefgh.
  const steps = new Set([...lower].slice(1).map((c, i) => c.charCodeAt(0) - lower.charCodeAt(i)));
  if (steps.size === 1 && [...steps].every((d) => Math.abs(d) <= 1)) return `the password ${weak} (one character repeated, or a run): choose another`;
  if (login && lower.replace(/[0-9!.]+$/, '') === login.toLowerCase()) return 'the password must not be the login (with or without digits after it): choose another';
  return undefined;
}
