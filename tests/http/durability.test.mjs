// Kills the server with SIGKILL in the middle of a stream of writes, restarts it, and proves that every
// write that was acknowledged is there and that the database passes `ishc check`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ishc, makeDir, makeDb, startServer } from '../lib/harness.mjs';
import { rmSync } from 'node:fs';

const LOOPS = 3;
const RUN_MS = 2000;

async function allUsernames(url, token) {
  const names = new Set();
  for (let page = 1; ; page++) {
    const res = await fetch(`${url}/api/v1/users?per_page=500&page=${page}`, { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(res.status, 200, await res.clone().text());
    const body = await res.json();
    for (const u of body.items) names.add(u.username);
    if (body.items.length === 0 || page * body.per_page >= body.total) {
      assert.equal(names.size, body.total, 'pages and total disagree');
      return names;
    }
  }
}

test('every acknowledged write survives SIGKILL, and the database passes check', async (t) => {
  const dir = makeDir('ishc-durability-');
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const db = makeDb(dir);
  const tok = ishc(['token', 'create', '--db', db, '--username', 'admin', '--label', 'durability']);
  assert.equal(tok.status, 0, tok.stderr);
  const token = tok.stdout.trim();

  const first = await startServer({ dir, db, threads: 4 });
  const acknowledged = [];
  const refused = []; // answered, but not 201: must not happen before the kill
  let unanswered = 0; // the connection died with the server: not acknowledged, may or may not be there
  let killed = false;

  async function loop(l) {
    for (let n = 0; ; n++) {
      const username = `u-${l}-${n}`;
      let res;
      try {
        res = await fetch(first.url + '/api/v1/users', {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ username, role: 'viewer', password: 'password-123' }),
        });
        await res.arrayBuffer();
      } catch {
        unanswered++;
        if (killed) return;
        continue;
      }
      if (res.status === 201) acknowledged.push(username);
      else if (!killed) refused.push(`${username}: ${res.status}`);
      if (killed) return;
    }
  }

  const loops = Array.from({ length: LOOPS }, (_, l) => loop(l));
  // Kill in mid-stream once enough writes were acknowledged (a slow or busy machine, or a
  // sanitizer build, takes longer to get there), but never before RUN_MS.
  const started = Date.now();
  while (Date.now() - started < RUN_MS || (acknowledged.length < 20 && Date.now() - started < 60000))
    await new Promise((r) => setTimeout(r, 50));
  killed = true;
  const exit = await first.kill();
  assert.equal(exit.signal, 'SIGKILL');
  await Promise.all(loops);

  t.diagnostic(`acknowledged writes: ${acknowledged.length}, unanswered at the kill: ${unanswered}`);
  assert.deepEqual(refused, [], 'writes refused before the kill');
  assert.ok(acknowledged.length >= 10, `only ${acknowledged.length} writes were acknowledged`);

  // Restart on the same file: every acknowledged user is there.
  const second = await startServer({ dir, db, threads: 2 });
  try {
    const names = await allUsernames(second.url, token);
    const missing = acknowledged.filter((u) => !names.has(u));
    assert.deepEqual(missing, [], `${missing.length} of ${acknowledged.length} acknowledged writes are lost`);
    // Nothing appears that was never sent.
    for (const u of names) assert.ok(!u.startsWith('u-') || /^u-[0-2]-\d+$/.test(u), u);
    // The restarted server takes writes.
    const res = await fetch(second.url + '/api/v1/users', {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'after-restart', role: 'viewer', password: 'password-123' }),
    });
    assert.equal(res.status, 201, await res.text());
  } finally {
    const stopped = await second.stop();
    assert.equal(stopped.code, 0, second.log());
  }

  const check = ishc(['check', '--db', db]);
  assert.equal(check.status, 0, check.stderr);
  assert.match(check.stdout, /: ok \(schema \d+\)/);
});
