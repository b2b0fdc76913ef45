// Whose the state kept in this browser is: the customer the site says is here
// (`Kohtaamo('identify')`), or, until it has said, the one the state says. On a shared computer
// the next customer must find nothing of the last one's chat; one who logs in as they chat must
// keep theirs. The session keeps the answer (its `owner`); these are the rules.
import type { VisitorInfo } from '../../../protocol/fields';

/** Who the site says the visitor is: the email, else the name; null: nobody logged in. */
export const whose = (visitor: VisitorInfo | undefined) => visitor?.email ?? visitor?.name ?? null;

/**
 * Whether `now` is someone else than `was`: nobody after somebody, or another email, or another
 * name. A name on one page and an email on the next may be the same customer (a site that says
 * more of them once they log in): not taken for another, whose chat would be lost.
 */
export const otherThan = (was?: string | null, now?: string | null) => !!was && now !== undefined && now != was && (now === null || now.includes('@') == was.includes('@'));
