import { afterAll, describe, expect, it } from 'vitest';
import { authenticate, ensureDemoAgent, hashPassword } from './agents';
import { agentsFile, saveAgents } from './agents-file';
import { postgresAgents } from './agents-postgres';
import { tempDir } from './test-support';
import { dropSchema, newSchema, servicesAvailable, TEST_DATABASE_URL } from './test-services';

const available = await servicesAvailable();
const schemas: string[] = [];
afterAll(() => Promise.all(schemas.map(dropSchema)));
const fresh = () => {
  const schema = newSchema();
  schemas.push(schema);
  return schema;
};

describe.runIf(available)('agents in PostgreSQL', () => {
  it('makes the demo agent once, for every server, and logs in against the table', async () => {
    const schema = fresh();
    const [a, b] = [await postgresAgents(TEST_DATABASE_URL, { schema }), await postgresAgents(TEST_DATABASE_URL, { schema })];
    try {
      // Two servers starting at once: one demo agent, and both print the password that logs in.
      const [onA, onB] = await Promise.all([ensureDemoAgent(a, 'demo-password-1'), ensureDemoAgent(b, 'demo-password-1')]);
      expect(onA).toEqual({ login: 'demo', password: 'demo-password-1' });
      expect(onB).toEqual(onA);
      expect(await b.list()).toHaveLength(1);
      expect(await authenticate(b, 'demo', 'demo-password-1')).toEqual({ id: 'demo', name: 'Aino (demo)' });
      expect(await authenticate(b, 'demo', 'wrong')).toBeNull();
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it("tells every server at once when another changes the agents", async () => {
    const schema = fresh();
    const [cli, server] = [await postgresAgents(TEST_DATABASE_URL, { schema }), await postgresAgents(TEST_DATABASE_URL, { schema })];
    let heard = 0;
    const watching = server.watch(() => heard++);
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const password = await hashPassword('eeron-salasana');
      await cli.change((agents) => [...agents, { id: 'eero', login: 'eero', name: 'Eero', password }]);
      await expect.poll(() => heard).toBe(1);
      expect(await authenticate(server, 'eero', 'eeron-salasana')).toEqual({ id: 'eero', name: 'Eero' });
    } finally {
      watching.close();
      await Promise.all([cli.close(), server.close()]);
    }
  });

  it("takes over a site's agents.json when it first scales out, and only then", async () => {
    const schema = fresh();
    const dir = await tempDir();
    try {
      await saveAgents(agentsFile(dir.dir), [{ id: 'aino', login: 'aino', name: 'Aino', password: await hashPassword('ainon-salasana') }]);
      const first = await postgresAgents(TEST_DATABASE_URL, { schema, importFrom: dir.dir });
      expect(await ensureDemoAgent(first, 'demo-password-1')).toBeNull();
      expect(await authenticate(first, 'aino', 'ainon-salasana')).toEqual({ id: 'aino', name: 'Aino' });
      await first.change((agents) => agents.filter((a) => a.login !== 'aino'));
      await first.close();
      // The file is history now: removing Aino in the database is not undone by the next start.
      const again = await postgresAgents(TEST_DATABASE_URL, { schema, importFrom: dir.dir });
      expect(await again.list()).toEqual([]);
      expect(await ensureDemoAgent(again, 'demo-password-1')).toBeNull();
      await again.close();
    } finally {
      await dir.remove();
    }
  });
});
