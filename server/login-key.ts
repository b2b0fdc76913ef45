// Logins are told apart ignoring case: "X3" and "x3" are one agent's login however it is typed,
// never two agents nobody could tell apart. `agent add` refuses a second one, logging in finds the
// agent whatever the case typed, and the guesses at it count as one login's (login-limit.ts).

/** What a login is known by, whatever its case. */
export const loginKey = (login: string): string => login.toLowerCase();

/**
 * The agent a typed login names: the one with exactly that login, else the one whose login differs
 * only in case. An agents file written before logins ignored case may hold two such: each is
 * found by its own login, and one typed in yet another case finds neither.
 */
export function agentByLogin<A extends { login: string }>(agents: readonly A[], login: string): A | undefined {
  const exact = agents.find((a) => a.login === login);
  if (exact) return exact;
  const alike = agents.filter((a) => loginKey(a.login) === loginKey(login));
  return alike.length === 1 ? alike[0] : undefined;
}
