import { openSqliteStore } from './sqlite';
import { describeStoreContract } from './store-contract';

describeStoreContract('SQLite store', async () => openSqliteStore(':memory:'));
