import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgNotifyBroadcast } from '../src/platform/realtime/broadcast.ts';
import { createServerDatabase, dropServerDatabase } from './support/database.ts';

// Every channel a process listens on (appends, sign-outs, typing, call signals, presence, projection
// progress) shares one connection of the pool, so LISTEN never takes the pool's connections from queries;
// and that connection comes back with all its channels after the server drops it.
const serverUrl = process.env.DATABASE_URL;

describe.skipIf(!serverUrl)('broadcasts on a Postgres server', () => {
  let url: string;
  let pool: pg.Pool;
  let other: pg.Pool;
  beforeAll(async () => {
    url = await createServerDatabase(serverUrl!, 'skillswap_broadcast', { migrated: false });
    pool = new pg.Pool({ connectionString: url, max: 4, application_name: 'broadcast-test' });
    other = new pg.Pool({ connectionString: url, max: 2 });
  });
  afterAll(async () => {
    await pool?.end();
    await other?.end();
    if (url) await dropServerDatabase(serverUrl!, url);
  });

  const listenerPids = async () =>
    (
      await other.query<{ pid: number }>(
        `select pid from pg_stat_activity where datname = current_database() and application_name = 'broadcast-test'`,
      )
    ).rows.map((r) => r.pid);

  it('listen on one connection for every channel, and hear each other process', async () => {
    const channels = ['bc_one', 'bc_two', 'bc_three'];
    const broadcasts = channels.map((channel) => new PgNotifyBroadcast(pool, channel));
    const heard: string[] = [];
    broadcasts.forEach((b, i) => b.subscribe((payload) => heard.push(`${channels[i]}:${payload}`)));
    await Promise.all(broadcasts.map((b) => b.ready()));
    expect(await listenerPids()).toHaveLength(1);

    for (const channel of channels) await other.query('select pg_notify($1, $2)', [channel, 'hello']);
    await expect.poll(() => heard.slice().sort()).toEqual(channels.map((c) => `${c}:hello`).sort());

    // Closing one channel stops it alone; the connection stays for the others.
    await broadcasts[0]!.close();
    heard.length = 0;
    for (const channel of channels) await other.query('select pg_notify($1, $2)', [channel, 'again']);
    await expect.poll(() => heard.slice().sort()).toEqual(['bc_three:again', 'bc_two:again']);
    expect(await listenerPids()).toHaveLength(1);

    await Promise.all(broadcasts.slice(1).map((b) => b.close()));
    await expect.poll(listenerPids).toEqual([]);
  });

  it('LISTEN again on every channel after the server dropped the connection', async () => {
    const a = new PgNotifyBroadcast(pool, 'bc_after_a');
    const b = new PgNotifyBroadcast(pool, 'bc_after_b');
    const heard = new Set<string>();
    a.subscribe((payload) => heard.add(`a:${payload}`));
    b.subscribe((payload) => heard.add(`b:${payload}`));
    await Promise.all([a.ready(), b.ready()]);
    const [pid] = await listenerPids();
    await other.query('select pg_terminate_backend($1)', [pid]);

    // Notifications sent until the new connection listens are lost (broadcasts keep nothing): send until
    // both channels are heard again.
    await expect
      .poll(
        async () => {
          await other.query(`select pg_notify('bc_after_a', 'back'), pg_notify('bc_after_b', 'back')`);
          return [...heard].sort();
        },
        { timeout: 10_000, interval: 200 },
      )
      .toEqual(['a:back', 'b:back']);
    const pids = await listenerPids();
    expect(pids).toHaveLength(1);
    expect(pids[0]).not.toBe(pid);
    await a.close();
    await b.close();
  });
});
