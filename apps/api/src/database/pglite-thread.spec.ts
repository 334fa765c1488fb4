import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { serialize } from 'pg-protocol';
import { EmbeddedDatabase } from './embedded-database';
import { PGliteThread, takeDatabaseAnswers } from './pglite-thread';

describe('EmbeddedDatabase on its own thread', () => {
  let db: EmbeddedDatabase;
  let pool: pg.Pool;

  beforeAll(async () => {
    db = await EmbeddedDatabase.open('memory://');
    pool = new pg.Pool(db.poolOptions());
  });

  afterAll(async () => {
    await pool.end();
    await db.close();
  });

  it('answers simple and extended-protocol queries through node-postgres', async () => {
    await pool.query('CREATE TABLE t (id int PRIMARY KEY, body text)');
    await pool.query('INSERT INTO t VALUES ($1, $2), ($3, $4)', [1, 'één', 2, 'twee']);
    const { rows } = await pool.query<{ id: number; body: string }>(
      'SELECT id, body FROM t WHERE id >= $1 ORDER BY id',
      [1],
    );
    expect(rows).toEqual([
      { id: 1, body: 'één' },
      { id: 2, body: 'twee' },
    ]);
  });

  it('reports database errors as errors with their SQLSTATE and stays usable', async () => {
    // As TypeORM uses it: a client taken from the pool, released without an error.
    const client = await pool.connect();
    try {
      await expect(client.query('INSERT INTO t VALUES (1, $1)', ['dubbel'])).rejects.toMatchObject({
        code: '23505',
      });
      await expect(client.query('SELECT nope FROM t')).rejects.toMatchObject({ code: '42703' });
      await client.query('BEGIN');
      await expect(client.query('SELECT 1 / 0')).rejects.toMatchObject({ code: '22012' });
      await expect(client.query('SELECT 1')).rejects.toMatchObject({ code: '25P02' });
      await client.query('ROLLBACK');
      const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM t');
      expect(rows[0]?.n).toBe('2');
    } finally {
      client.release();
    }
  });

  it('sends a transaction start with the first statement: one request less per transaction', async () => {
    const thread = (db as unknown as { thread: PGliteThread }).thread;
    const client = await pool.connect();
    const original = thread.exec.bind(thread);
    const requests: string[] = [];
    thread.exec = (bytes: Uint8Array) => {
      requests.push(Buffer.from(bytes).toString('latin1'));
      return original(bytes);
    };
    try {
      const begun = await client.query('START TRANSACTION');
      expect(begun.command).toBe('BEGIN');
      expect(requests).toEqual([]);
      await client.query("INSERT INTO t VALUES ($1, 'samen')", [10]);
      expect(requests).toHaveLength(1);
      expect(requests[0]).toContain('START TRANSACTION');
      expect(requests[0]).toContain('INSERT INTO t');
      // Inside the transaction: rolled back with it.
      await client.query('ROLLBACK');
      const { rows } = await client.query<{ n: string }>(
        'SELECT count(*) AS n FROM t WHERE id = 10',
      );
      expect(rows[0]?.n).toBe('0');
      // An error in the first statement is that statement's; the transaction is aborted.
      await client.query('BEGIN');
      await expect(client.query('SELECT 1 / 0')).rejects.toMatchObject({ code: '22012' });
      await client.query('ROLLBACK');
      await client.query('BEGIN');
      await client.query('COMMIT');
      expect((await client.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    } finally {
      thread.exec = original;
      client.release();
    }
  });

  it('reports a transaction start that the database refused as a broken connection', async () => {
    const client = await pool.connect();
    const errors: Error[] = [];
    client.on('error', (error) => errors.push(error));
    await client.query('BEGIN');
    await expect(client.query('SELECT 1 / 0')).rejects.toMatchObject({ code: '22012' });
    // A second start inside the aborted transaction was answered "BEGIN" here; the database
    // refuses it when it arrives with the next statement.
    await client.query('BEGIN');
    await expect(client.query('SELECT 1')).rejects.toBeDefined();
    expect(errors[0]).toMatchObject({ code: '25P02' });
    client.release(new Error('broken'));
    const { rows } = await pool.query<{ one: number }>('SELECT 1 AS one');
    expect(rows).toEqual([{ one: 1 }]);
  });

  it('gives a new pool client a fresh session when the last one was dropped mid-transaction', async () => {
    const client = await pool.connect();
    await client.query('BEGIN');
    await client.query("INSERT INTO t VALUES (3, 'nooit')");
    client.release(new Error('dropped')); // the pool ends this client and opens another
    const { rows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM t');
    expect(rows[0]?.n).toBe('2');
    // pool.query drops its client on an error too: the next query still gets a clean session.
    await expect(pool.query('SELECT nope FROM t')).rejects.toMatchObject({ code: '42703' });
    await expect(pool.query('SELECT nope FROM t')).rejects.toMatchObject({ code: '42703' });
    const again = await pool.query<{ one: number }>('SELECT 1 AS one');
    expect(again.rows).toEqual([{ one: 1 }]);
  });

  it('keeps transactions on the one connection intact under concurrent callers', async () => {
    await pool.query('CREATE TABLE counter (n int)');
    await pool.query('INSERT INTO counter VALUES (0)');
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          await client.query('UPDATE counter SET n = n + 1');
          await client.query('COMMIT');
        } finally {
          client.release();
        }
      }),
    );
    const { rows } = await pool.query<{ n: number }>('SELECT n FROM counter');
    expect(rows[0]?.n).toBe(20);
  });

  it('leaves the event loop free while a long query runs', async () => {
    let last = performance.now();
    let longestGap = 0;
    const ticker = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
    }, 5);
    const started = performance.now();
    await pool.query('SELECT count(*) FROM generate_series(1, 3000000)');
    const took = performance.now() - started;
    clearInterval(ticker);
    // Run on the loop itself, the query would stall it for its whole duration.
    expect(took).toBeGreaterThan(100);
    expect(longestGap).toBeLessThan(took / 2);
  });
});

describe('PGliteThread', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'cst-thread-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps the data of a folder across a close and a new start', async () => {
    const dataDir = path.join(dir, 'data');
    const first = await EmbeddedDatabase.open(dataDir);
    const pool = new pg.Pool(first.poolOptions());
    await pool.query("CREATE TABLE kept AS SELECT 'bewaard'::text AS word");
    await pool.end();
    await first.close();

    const second = await EmbeddedDatabase.open(dataDir);
    const again = new pg.Pool(second.poolOptions());
    const { rows } = await again.query<{ word: string }>('SELECT word FROM kept');
    expect(rows).toEqual([{ word: 'bewaard' }]);
    await again.end();
    await second.close();
  });

  it('hands over answers to takeDatabaseAnswers() without a turn of the event loop', async () => {
    const thread = await PGliteThread.start('memory://');
    try {
      let answered = false;
      const done = thread.exec(serialize.query('SELECT 1')).then(() => (answered = true));
      // Busy for a second, as a loop full of socket work is: no macrotask can run meanwhile.
      const until = Date.now() + 1_000;
      while (Date.now() < until) takeDatabaseAnswers();
      for (let i = 0; i < 5; i++) await null; // microtasks only
      expect(answered).toBe(true);
      await done;
    } finally {
      await thread.close();
    }
  });

  it('refuses to start on a data folder that cannot be one, and refuses calls once closed', async () => {
    const file = path.join(dir, 'a-file');
    await writeFile(file, 'not a folder');
    await expect(PGliteThread.start(file)).rejects.toThrow();

    const thread = await PGliteThread.start('memory://');
    await thread.close();
    await expect(thread.exec(new Uint8Array([0]))).rejects.toThrow(/closed/);
  });
});
