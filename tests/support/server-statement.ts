import pg from 'pg';

/**
 * Runs one statement on a Postgres server over its own connection (creating or dropping a database cannot
 * run in a transaction or on a pooled connection that uses it). Free of vitest, so the global setup can use it.
 */
export async function onServer(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
