// Kills the server with SIGKILL in the middle of a stream of writes (users, and fund entries of a
// club), restarts it, and proves that every write that was acknowledged is there, that the fund
// books still chain (numbers without gaps, balance = sum) and that the database passes `ishc check`.
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

// Every entry of a club's income fund, through the API.
async function allEntries(url, token, club) {
  const res = await fetch(`${url}/api/v1/clubs/${club}/funds/income/entries?per_page=500`, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(res.status, 200, await res.clone().text());
  const body = await res.json();
  assert.equal(body.items.length, body.total, 'more entries than one page');
  return body.items;
}

test('every acknowledged write survives SIGKILL, and the database passes check', async (t) => {
  const dir = makeDir('ishc-durability-');
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const db = makeDb(dir);
  const tok = ishc(['token', 'create', '--db', db, '--username', 'admin', '--label', 'durability']);
  assert.equal(tok.status, 0, tok.stderr);
  const token = tok.stdout.trim();

  const first = await startServer({ dir, db, threads: 4 });
  const api = (path, body) => fetch(first.url + path, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  let res = await api('/api/v1/clubs', { name: 'CLB Bền Vững', unit_code: '15961', status: 'active', founded_on: '2024-03-15' });
  assert.equal(res.status, 201, await res.clone().text());
  const club = (await res.json()).id;
  res = await api(`/api/v1/clubs/${club}/funds/open`, { date: '2026-01-01', income: 1000000, activity: 0, handled_by: 'Thủ quỹ' });
  assert.equal(res.status, 201, await res.clone().text());
  const today = new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10);
  const acknowledged = [];
  const entriesAcknowledged = []; // notes of fund entries answered 201
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

  async function entryLoop(l) {
    for (let n = 0; ; n++) {
      const note = `e-${l}-${n}`;
      let r;
      try {
        r = await fetch(`${first.url}/api/v1/clubs/${club}/funds/income/entries`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ kind: 'contribution', date: today, amount: 1000 + n, handled_by: 'Thủ quỹ', note }),
        });
        await r.arrayBuffer();
      } catch {
        unanswered++;
        if (killed) return;
        continue;
      }
      if (r.status === 201) entriesAcknowledged.push(note);
      else if (!killed) refused.push(`${note}: ${r.status}`);
      if (killed) return;
    }
  }

  const loops = [...Array.from({ length: LOOPS }, (_, l) => loop(l)), ...Array.from({ length: 2 }, (_, l) => entryLoop(l))];
  // Kill in mid-stream once enough writes were acknowledged (a slow or busy machine, or a
  // sanitizer build, takes longer to get there), but never before RUN_MS.
  const started = Date.now();
  while (Date.now() - started < RUN_MS || ((acknowledged.length < 20 || entriesAcknowledged.length < 20) && Date.now() - started < 60000))
    await new Promise((r) => setTimeout(r, 50));
  killed = true;
  const exit = await first.kill();
  assert.equal(exit.signal, 'SIGKILL');
  await Promise.all(loops);

  t.diagnostic(`acknowledged writes: ${acknowledged.length} users, ${entriesAcknowledged.length} fund entries, unanswered at the kill: ${unanswered}`);
  assert.deepEqual(refused, [], 'writes refused before the kill');
  assert.ok(acknowledged.length >= 10, `only ${acknowledged.length} writes were acknowledged`);
  assert.ok(entriesAcknowledged.length >= 10, `only ${entriesAcknowledged.length} fund entries were acknowledged`);

  // Restart on the same file: every acknowledged user is there.
  const second = await startServer({ dir, db, threads: 2 });
  try {
    const names = await allUsernames(second.url, token);
    const missing = acknowledged.filter((u) => !names.has(u));
    assert.deepEqual(missing, [], `${missing.length} of ${acknowledged.length} acknowledged writes are lost`);
    // Nothing appears that was never sent.
    for (const u of names) assert.ok(!u.startsWith('u-') || /^u-[0-2]-\d+$/.test(u), u);
    // Every acknowledged fund entry is in the book, numbered 1..N without gaps, and the
    // balance is the sum of the entries.
    const items = await allEntries(second.url, token, club);
    const notes = new Set(items.map((e) => e.note));
    const lost = entriesAcknowledged.filter((n) => !notes.has(n));
    assert.deepEqual(lost, [], `${lost.length} of ${entriesAcknowledged.length} acknowledged fund entries are lost`);
    for (const e of items) assert.ok(e.kind === 'opening' || /^e-[01]-\d+$/.test(e.note), JSON.stringify(e));
    assert.deepEqual(items.map((e) => e.no).sort((a, b) => a - b), Array.from({ length: items.length }, (_, i) => i + 1));
    const f = await (await fetch(`${second.url}/api/v1/clubs/${club}/funds`, { headers: { Authorization: `Bearer ${token}` } })).json();
    assert.deepEqual([f.income.entries, f.income.balance], [items.length, items.reduce((s, e) => s + e.amount, 0)]);
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
  // The fund books' hash chains and balances still agree after the kill.
  const verify = ishc(['verify', '--db', db]);
  assert.equal(verify.status, 0, verify.stdout + verify.stderr);
  assert.match(verify.stdout, /\bok\b/);
});
