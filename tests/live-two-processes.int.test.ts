import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../src/platform/db/database.ts';
import { PostgresEventStore } from '../src/platform/event-store/postgres.ts';
import { spawnApp, type AppProcess } from './support/app-process.ts';
import { connectUsers } from './support/connect-users.ts';
import { createServerDatabase, dropServerDatabase } from './support/database.ts';
import { LiveClient } from './support/live-client.ts';
import { signUp } from './support/users.ts';

const serverUrl = process.env.DATABASE_URL;

// PGlite is a single process; two app processes need the real Postgres server.
describe.skipIf(!serverUrl)('live delivery across two app processes on one database', () => {
  let databaseUrl: string;
  let one: AppProcess;
  let two: AppProcess;
  let database: DatabaseHandle;
  let store: PostgresEventStore;
  const sockets: LiveClient[] = [];

  beforeAll(async () => {
    databaseUrl = await createServerDatabase(serverUrl!, 'skillswap_two');
    one = await spawnApp(databaseUrl);
    two = await spawnApp(databaseUrl);
    database = await openDatabase({ databaseUrl });
    store = await PostgresEventStore.create({ db: database.db });
  });
  afterAll(async () => {
    await Promise.all(sockets.map((s) => s.close()));
    await Promise.all([one?.stop(), two?.stop()]);
    await store?.close();
    await database?.close();
    if (databaseUrl) await dropServerDatabase(serverUrl!, databaseUrl);
  });

  it('delivers a message posted through one process to a socket on the other, typing too, and catches up on either', async () => {
    expect(one.pid).not.toBe(two.pid);
    const ana = await signUp(one.url, 'Ana');
    const bo = await signUp(two.url, 'Bo');
    await connectUsers(store, ana.id, bo.id);

    const boOnTwo = await LiveClient.open(two.url, bo.client);
    const anaOnOne = await LiveClient.open(one.url, ana.client);
    sockets.push(boOnTwo, anaOnOne);

    const res = await ana.client.post<{ id: string }>(`/api/conversations/${bo.id}/messages`, {
      json: { body: 'across processes' },
    });
    expect(res.status).toBe(201);
    const frame = await boOnTwo.next((f) => f.type === 'message.received');
    expect(frame.position).toBe(Number(res.headers.get('x-position')));
    expect(frame.message).toMatchObject({ id: res.body.id, body: 'across processes', from: ana.id });

    // Bo reads on process two; Ana hears it on process one.
    const read = await bo.client.post(`/api/conversations/${ana.id}/read`, { json: { upTo: res.body.id } });
    expect(read.status).toBe(204);
    expect(await anaOnOne.next((f) => f.type === 'message.read')).toMatchObject({
      by: bo.id,
      upTo: res.body.id,
    });

    // Typing is never stored, and still crosses processes.
    anaOnOne.send({ type: 'typing', to: bo.id });
    expect(await boOnTwo.next((f) => f.type === 'typing')).toMatchObject({ from: ana.id });

    // Bo drops off process two, misses a message, and catches up from process one.
    const seen = boOnTwo.lastPosition;
    await boOnTwo.close();
    const missed = await ana.client.post<{ id: string }>(`/api/conversations/${bo.id}/messages`, {
      json: { body: 'while you were away' },
    });
    const boOnOne = await LiveClient.open(one.url, bo.client.at(one.url), seen);
    sockets.push(boOnOne);
    await boOnOne.next((f) => f.type === 'message.received');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const caughtUp = boOnOne.ofType('message.received');
    expect(caughtUp.map((f) => (f.message as { id: string }).id)).toEqual([missed.body.id]);
  });
});
