/**
 * The sessions bench's second baseline: the raw SQL behind a bare HTTP server (node:http, no framework, no
 * sign-in, no event log, no read model). `POST /seats/:id/registrations` with `x-user: <uuid>` runs
 * `UPDATE bench_seats SET taken = taken + 1 WHERE id = $1 AND taken < cap RETURNING taken`, and an
 * `INSERT INTO bench_waitlist ... RETURNING position` when no row came back, and answers 201 with
 * `{ status, waitlistPosition }`. Every other request answers 404.
 *
 * Run as a process (`node --import tsx bench/raw-http.ts`, DATABASE_URL set): it prints
 * `listening <url>` once it listens on a random port of 127.0.0.1; `spawnRawHttp` does that.
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { APP_NODE_FLAGS } from '../tests/support/app-process.ts';
import type { RawQuery } from './sessions-env.ts';

export const RAW_SEATS_DDL = [
  `create table if not exists bench_seats (id uuid primary key, cap int not null, taken int not null)`,
  `create table if not exists bench_waitlist (position bigserial primary key, seat_id uuid not null, user_id uuid not null)`,
];

const ROUTE = /^\/seats\/([0-9a-f-]{36})\/registrations$/;

export function rawSeatsHandler(query: RawQuery): http.RequestListener {
  return (req, res) => {
    const seat = req.method === 'POST' ? ROUTE.exec(req.url ?? '')?.[1] : undefined;
    const user = req.headers['x-user'];
    if (!seat || typeof user !== 'string') {
      res.writeHead(404).end();
      return;
    }
    // The request has no body; drain anything sent so the connection stays usable.
    req.resume();
    void (async () => {
      const taken = await query(
        `update bench_seats set taken = taken + 1 where id = $1 and taken < cap returning taken`,
        [seat],
      );
      const answer =
        taken.length > 0
          ? { status: 'registered', waitlistPosition: null }
          : {
              status: 'waitlisted',
              waitlistPosition: Number(
                (
                  await query(
                    `insert into bench_waitlist (seat_id, user_id) values ($1, $2) returning position`,
                    [seat, user],
                  )
                )[0]!.position,
              ),
            };
      const body = JSON.stringify(answer);
      res.writeHead(201, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    })().catch(() => {
      res.writeHead(500).end();
    });
  };
}

export interface RawHttpProcess {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** The baseline server as its own process on `databaseUrl`, with a pool of `connections`, and node's flags as the app has them. */
export async function spawnRawHttp(databaseUrl: string, connections: number): Promise<RawHttpProcess> {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const child = spawn(process.execPath, [...APP_NODE_FLAGS, '--import', 'tsx', 'bench/raw-http.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', DATABASE_URL: databaseUrl, RAW_POOL: String(connections) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stderr: string[] = [];
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) =>
      reject(new Error(`raw HTTP baseline exited with ${code}: ${stderr.join('')}`)),
    );
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = /^listening (http:\/\/\S+)$/.exec(line);
      if (match?.[1]) resolve(match[1]);
    });
  });
  return {
    url,
    pid: child.pid!,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const pool = new pg.Pool({
    connectionString: process.env.DATABASE_URL,
    max: Number(process.env.RAW_POOL ?? 10),
  });
  pool.on('error', () => undefined);
  const server = http.createServer(
    { keepAliveTimeout: 60_000 },
    rawSeatsHandler(
      async (text, params) => (await pool.query(text, params)).rows as Record<string, unknown>[],
    ),
  );
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    if (address && typeof address === 'object') console.log(`listening http://127.0.0.1:${address.port}`);
  });
  process.once('SIGTERM', () => {
    server.closeAllConnections();
    server.close(() => void pool.end().then(() => process.exit(0)));
  });
}
