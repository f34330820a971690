// `ishc migrate-db` moves an SQLite installation into an empty PostgreSQL database (issue 6):
// every table copied and checked, the totals the same on both, a non-empty target refused.
// PostgreSQL only (ISHC_TEST_PG, set by make check).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ishc, makeDir, startServer, Client, PG, pgUrl, psql, dropDb } from '../lib/harness.mjs';

test('migrate-db copies a demo into an empty PostgreSQL database, checks it, and refuses a second time', { skip: !PG && 'PostgreSQL only (ISHC_TEST_PG)' }, async () => {
  const dir = makeDir('ishc-migrate-');
  const file = join(dir, 'demo.db');
  let r = ishc(['demo', '--db', file, '--clubs', '12', '--seed', '7']);
  assert.equal(r.status, 0, r.stderr);
  const name = `mig_${process.pid}`;
  psql(`DROP DATABASE IF EXISTS ${name}`);
  psql(`CREATE DATABASE ${name}`);
  const url = pgUrl(name);
  try {
    r = ishc(['migrate-db', '--from', file, '--to', url]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /reports\s+\d+ rows/);
    assert.match(r.stdout, /the national totals of \d+ months match/);
    // Row counts of a few tables read straight from PostgreSQL.
    assert.ok(Number(psql('SELECT COUNT(*) FROM clubs', name)) === 12);
    assert.ok(Number(psql('SELECT COUNT(*) FROM report_values', name)) > 1000);
    // A second run finds the tables and changes nothing.
    const before = psql('SELECT COUNT(*) FROM audit_log', name);
    r = ishc(['migrate-db', '--from', file, '--to', url]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /already holds tables/);
    assert.equal(psql('SELECT COUNT(*) FROM audit_log', name), before);
    // Wrong way round, or two files: refused with a usage message.
    r = ishc(['migrate-db', '--from', url, '--to', file]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /copies an SQLite file/);
    // Both served: the same national totals and the demo's log-ins work on PostgreSQL; new ids follow the copied ones.
    const sqlite = await startServer({ dir: makeDir(), db: file });
    const pg = await startServer({ dir: makeDir(), db: url });
    try {
      const q = '/api/v1/aggregates?from=2021-10&to=2026-09&by=month&indicators=MEM_TOTAL,_REPORTS,R_WOMEN&status=all';
      const answers = [];
      for (const s of [sqlite, pg]) {
        const c = new Client(s.url);
        const login = await c.login('trunguong', 'ishc-demo-central');
        assert.equal(login.status, 200, login.text);
        const a = await c.get(q);
        assert.equal(a.status, 200, a.text);
        answers.push(a.json.rows);
      }
      assert.deepEqual(answers[1], answers[0]);
      const admin = new Client(pg.url);
      await admin.login('admin', 'ishc-demo-admin');
      const made = await admin.postJson('/api/v1/clubs', { name: 'CLB sau khi chuyển', unit_code: '15961', status: 'active', founded_on: '2026-01-01' });
      assert.equal(made.status, 201, made.text);
    } finally {
      await sqlite.stop();
      await pg.stop();
    }
  } finally {
    dropDb(url);
  }
});
