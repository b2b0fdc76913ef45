import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-rules';

describe('an agent password', () => {
  it.each(['short', 'Password1', 'salasana123', 'QWERTY123', '12345678', '87654321', 'aaaaaaaa', 'abcdefgh', '1111111111'])('%s is refused, saying why', (password) => {
    expect(passwordProblem(password)).toMatch(/at least 8|an attacker tries/);
  });

  it('may not be the login, with or without digits after it', () => {
    expect(passwordProblem('aino.virtanen', 'aino.virtanen')).toMatch(/must not be the login/);
    expect(passwordProblem('Aino.Virtanen2024', 'aino.virtanen')).toMatch(/must not be the login/);
  });

  it.each(['demo-pass-123', 'salasana-123', 'kuusi hevosta laukkaa', 'aino-old-password', 'Tr0ub4dor&3'])('%s is taken', (password) => {
    expect(passwordProblem(password, 'aino')).toBeUndefined();
  });
});
