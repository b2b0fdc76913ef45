// Bearer tokens: long random strings handed out once; only their SHA-256 is stored, so a
// copy of the database does not let anyone resume a visitor or an agent session.
import { createHash, randomBytes } from 'node:crypto';

export const newToken = () => randomBytes(32).toString('base64url');
export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');
