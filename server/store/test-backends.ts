// The two places conversations can be, for tests of what works on both: a data directory's
// SQLite file, and a PostgreSQL schema of the test's own (when the service is reachable).
import { join } from 'node:path';
import { tempDir } from '../test-support';
import { dropSchema, newSchema, servicesAvailable, TEST_DATABASE_URL } from '../test-services';
import { maintenanceFor, type Maintenance } from './maintenance';
import { openPostgresStore } from './postgres';
import { DATABASE_FILE, openSqliteStore } from './sqlite';
import type { Store } from './types';

/** Where the conversations are: how to open the server's store on them, and the maintenance commands'. */
export interface Backend {
  open(): Promise<Store>;
  maintenance: Maintenance;
  remove(): Promise<void>;
}
export const backends: { name: string; available: boolean; make(): Promise<Backend> }[] = [
  {
    name: 'SQLite',
    available: true,
    async make() {
      const dir = await tempDir();
      return { open: async () => openSqliteStore(join(dir.dir, DATABASE_FILE), { checkpointMs: 0 }), maintenance: maintenanceFor({ data: dir.dir }), remove: dir.remove };
    },
  },
  {
    name: 'PostgreSQL',
    available: await servicesAvailable(),
    async make() {
      const schema = newSchema();
      return {
        open: () => openPostgresStore(TEST_DATABASE_URL, { schema, poolSize: 2 }),
        maintenance: maintenanceFor({ data: '', database: TEST_DATABASE_URL, schema }),
        remove: () => dropSchema(schema),
      };
    },
  },
];
