// What the command line and the retention timer do to stored conversations, whichever store
// holds them: the data directory's SQLite file, or PostgreSQL when the server is scaled out.
import { join } from 'node:path';
import { readBotHistory, type HandedOff } from './bot-history';
import { readCustomerData, type CustomerData, type CustomerWho } from './customer-data';
import { forget, prune, type EraseOptions, type EraseResult } from './erase';
import { readFaqStats, readFaqStatsKeptWhole, type FaqEntryCounts } from './faq-stats-read';
import { forgetPg, prunePg, readBotHistoryPg, readCustomerDataPg, readFaqStatsKeptWholePg, readFaqStatsPg, readServiceEventsPg, type PgTarget } from './postgres-maintenance';
import { readServiceEvents, type ServiceEvent } from './service-events';
import { DATABASE_FILE } from './sqlite';
import { withoutPassword } from '../shown-url';

export interface Maintenance {
  /** Where the conversations are, for messages: a file, or the database's URL without its password. */
  where: string;
  /** Everything stored about one customer, for their right of access: what `forget` would delete, and their open conversations. */
  customerData(who: CustomerWho): Promise<CustomerData>;
  forget(who: CustomerWho, options?: EraseOptions): Promise<EraseResult>;
  prune(before: number, options?: EraseOptions): Promise<EraseResult>;
  /** What visitors asked the bot before they were handed off (`kohtaamo faq gaps`). */
  botHistory(): Promise<HandedOff[]>;
  /** How the conversations handed off since then were served (`kohtaamo report`). */
  serviceEvents(since: number): Promise<ServiceEvent[]>;
  /** How often each FAQ answer was shown and found helpful from that UTC hour (2026-11-24T22) or day (2026-11-24) on (`kohtaamo report`). */
  faqStats(since: string): Promise<FaqEntryCounts[]>;
  /** Whether an earlier version kept the counts of that UTC date as one whole day, which a period beginning within it leaves out. */
  faqStatsKeptWhole(day: string): Promise<boolean>;
}

/** The conversations a server with this data directory and database (if any) keeps. */
export function maintenanceFor(where: { data: string; database?: string | undefined; schema?: string }): Maintenance {
  if (where.database !== undefined) {
    const target: PgTarget = { url: where.database, ...(where.schema ? { schema: where.schema } : {}) };
    return {
      where: withoutPassword(where.database),
      customerData: (who) => readCustomerDataPg(target, who),
      forget: (who, options) => forgetPg(target, who, options),
      prune: (before, options) => prunePg(target, before, options),
      botHistory: () => readBotHistoryPg(target),
      serviceEvents: (since) => readServiceEventsPg(target, since),
      faqStats: (since) => readFaqStatsPg(target, since),
      faqStatsKeptWhole: (day) => readFaqStatsKeptWholePg(target, day),
    };
  }
  const file = join(where.data, DATABASE_FILE);
  return {
    where: file,
    customerData: async (who) => readCustomerData(file, who),
    forget: async (who, options) => forget(file, who, options),
    prune: async (before, options) => prune(file, before, options),
    botHistory: async () => readBotHistory(file),
    serviceEvents: async (since) => readServiceEvents(file, since),
    faqStats: async (since) => readFaqStats(file, since),
    faqStatsKeptWhole: async (day) => readFaqStatsKeptWhole(file, day),
  };
}
