import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { connectUsers } from './support/connect-users.ts';
import { LiveClient } from './support/live-client.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';
import { signUp, type SignedInUser } from './support/users.ts';
import { awarenessUpdateFor, RawDocClient } from './support/yjs-client.ts';

// Presence (Yjs awareness) and typing reach viewers on another app process: two app processes on one
// database of the Postgres server (PGlite is a single process).
const SECRET = 'presence-two-processes-secret-0123456789abcdef';
const serverUrl = process.env.DATABASE_URL;
let one: TestApp;
let two: TestApp;
let twoDir: string;
const cleanups: Array<() => Promise<void> | void> = [];

describe.skipIf(!serverUrl)('presence and typing across two app processes', () => {
  beforeAll(async () => {
    one = await startTestApp({ SESSION_SECRET: SECRET });
    twoDir = mkdtempSync(path.join(tmpdir(), 'skillswap-presence-'));
    two = await startTestApp(
      { SESSION_SECRET: SECRET },
      { dataDir: twoDir, databaseUrl: one.platform.config.databaseUrl! },
    );
  });
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    await two?.stop();
    rmSync(twoDir, { recursive: true, force: true });
    await one?.close();
  });

  const cookieOf = (user: SignedInUser) => [...user.client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');

  async function connect(app: TestApp, user: SignedInUser, doc = 'wall') {
    const client = await RawDocClient.connect(app.url, doc, cookieOf(user));
    cleanups.push(() => client.close());
    return client;
  }

  /** What a viewer's awareness holds, from every awareness frame it received. */
  function statesSeen(viewer: RawDocClient): Map<number, Record<string, unknown>> {
    const doc = new Y.Doc();
    const awareness = new awarenessProtocol.Awareness(doc);
    for (const update of viewer.awarenessUpdates)
      awarenessProtocol.applyAwarenessUpdate(awareness, update, 'server');
    const states = new Map(awareness.getStates());
    awareness.destroy();
    doc.destroy();
    return states;
  }

  it('shows a state set on process one to a viewer on process two, and removes it when its socket leaves', async () => {
    const [ana, bo] = await Promise.all([signUp(one.url, 'Ana'), signUp(one.url, 'Bo')]);
    const viewer = await connect(two, bo);
    const writer = await connect(one, ana);
    const clientID = 424242;
    writer.sendAwareness(awarenessUpdateFor(clientID, { user: { name: 'Ana', color: '#0a0' } }));
    await viewer.until(() => statesSeen(viewer).has(clientID), 'the state from process one');
    expect(statesSeen(viewer).get(clientID)).toEqual({ user: { name: 'Ana', color: '#0a0' }, i: 0 });

    // A viewer that arrives on process two later gets it with the document's other states.
    const late = await connect(two, bo);
    await late.until(() => statesSeen(late).has(clientID), 'the state for a late viewer');

    writer.close();
    await writer.closed;
    await viewer.until(() => !statesSeen(viewer).has(clientID), 'the removal from process one');
    await late.until(() => !statesSeen(late).has(clientID), 'the removal for the late viewer');
  });

  it('keeps a client id with its socket in its own process when a socket elsewhere claims it', async () => {
    const [ana, bo] = await Promise.all([signUp(one.url, 'Ana'), signUp(one.url, 'Bo')]);
    const viewerOnOne = await connect(one, ana);
    const writer = await connect(one, ana);
    const viewerOnTwo = await connect(two, bo);
    writer.sendAwareness(awarenessUpdateFor(515151, { name: 'Ana' }));
    await viewerOnTwo.until(() => statesSeen(viewerOnTwo).has(515151), 'the state on process two');

    // Process two holds no socket for that id, so its socket may take it there (a client that moved
    // processes does this); process one, whose socket describes it, ignores the claim.
    const impostor = await connect(two, bo);
    impostor.sendAwareness(awarenessUpdateFor(515151, { name: 'Not Ana' }, 10));
    await viewerOnTwo.until(() => statesSeen(viewerOnTwo).get(515151)?.name === 'Not Ana', 'the claim');
    impostor.sendAwareness(awarenessUpdateFor(616161, { name: 'Bo' }));
    await viewerOnOne.until(() => statesSeen(viewerOnOne).has(616161), "Bo's later state on process one");
    expect(statesSeen(viewerOnOne).get(515151)).toEqual({ name: 'Ana', i: 0 });
  });

  it('delivers typing from a live socket on process one to one on process two', async () => {
    const [ana, bo] = await Promise.all([signUp(one.url, 'Ana'), signUp(one.url, 'Bo')]);
    await connectUsers(one.platform.deps.store, ana.id, bo.id);
    const boOnTwo = await LiveClient.open(two.url, bo.client.at(two.url));
    const anaOnOne = await LiveClient.open(one.url, ana.client);
    cleanups.push(
      () => boOnTwo.close(),
      () => anaOnOne.close(),
    );
    anaOnOne.send({ type: 'typing', to: bo.id });
    expect(await boOnTwo.next((f) => f.type === 'typing')).toMatchObject({ from: ana.id });
  });
});
