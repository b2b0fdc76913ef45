// `Kohtaamo('identify', { name, email, signature })`: the site tells who its logged-in visitor is,
// so the agent does not have to ask; `signature`, made on the site's server, lets agents trust the
// email. Checked against the same schema the server applies to the handoff, so a bad value is
// reported to the site's developer here, in the console, rather than making the visitor's handoff
// fail. Nothing is stored or sent before the visitor asks for a person.
import * as v from 'valibot';
import { visitorInfo, type VisitorInfo } from '../../protocol/fields';

const KNOWN = Object.keys(visitorInfo.entries) as (keyof VisitorInfo)[];

/** The identity to send, or `undefined` to send none; `problems` say what the site should fix. */
export function readIdentity(input: unknown): { visitor: VisitorInfo | undefined; problems: string[] } {
  if (input === null || input === undefined) return { visitor: undefined, problems: [] };
  if (typeof input !== 'object' || Array.isArray(input)) {
    return { visitor: undefined, problems: ['pass an object such as { name: "Matti Meikäläinen", email: "matti@example.fi" }, or null to forget the visitor'] };
  }
  const problems = Object.keys(input)
    .filter((key) => !(KNOWN as string[]).includes(key))
    .map((key) => `"${key}" is ignored: only ${KNOWN.join(', ')} go to the agent`);
  // Each field on its own, so a bad email does not cost the agent the name.
  const visitor: VisitorInfo = {};
  for (const key of KNOWN) {
    const value = (input as Record<string, unknown>)[key];
    if (value === undefined) continue;
    const result = v.safeParse(visitorInfo.entries[key], value);
    if (result.success && result.output !== undefined) visitor[key] = result.output;
    else problems.push(`${key}: ${result.success ? 'empty' : result.issues[0].message}`);
  }
  if (visitor.signature && !visitor.email) problems.push('signature is ignored without the email it signs');
  return { visitor: visitor.name || visitor.email ? visitor : undefined, problems };
}
