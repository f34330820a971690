// Several application servers on one PostgreSQL database (issue 6). Two `ishc serve` processes on
// different loopback ports share one database; a client streams report saves alternating between
// them; one is killed with SIGKILL mid-stream. Every save that was acknowledged is in the
// database, the other server keeps answering, and a session made on one is valid on the other.
// Then nginx, with the sample configuration of docs/deploy/nginx.conf, in front of two servers:
// one is killed mid-stream and every request through nginx is still answered and kept.
// PostgreSQL only (ISHC_TEST_PG, set by make check); the nginx part needs /usr/sbin/nginx.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { startServer, Client, USERS, makeDir, makeDb, dropDb, ishc, root, PG } from '../lib/harness.mjs';

const NGINX = '/usr/sbin/nginx';
let dir, db, a, b, c, nginx;
const clubs = [];
let token;

before(async () => {
  if (!PG) return;
  dir = makeDir('ishc-failover-');
  db = makeDb(dir);
  a = await startServer({ dir: makeDir(), db });
  b = await startServer({ dir: makeDir(), db });
  const admin = new Client(a.url);
  await admin.login('admin', USERS.admin.password);
  for (const name of ['CLB Thôn Đông', 'CLB Thôn Tây', 'CLB Thôn Nam']) {
    const r = await admin.postJson('/api/v1/clubs', { name, unit_code: '15961', status: 'active', founded_on: '2019-01-01' });
    assert.equal(r.status, 201, r.text);
    clubs.push(r.json.id);
  }
  const t = ishc(['token', 'create', '--db', db, '--username', 'admin']);
  assert.equal(t.status, 0, t.stderr);
  token = t.stdout.trim();
});

after(async () => {
  if (!PG) return;
  for (const s of [a, b, c]) if (s && s.proc.exitCode === null && s.proc.signalCode === null) await s.stop();
  if (nginx && nginx.exitCode === null) nginx.kill('SIGQUIT');
  dropDb(db);
});

// Every (club, month) from 2019-01 on: each save writes a value of its own to a month of its own.
function targets(n, offset) {
  const out = [];
  for (let i = 0; out.length < n; i++) {
    const k = offset + i;
    const month = k % 90, club = clubs[Math.floor(k / 90) % clubs.length];
    const period = `${2019 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;
    out.push({ club, period, value: 1000 + k });
  }
  return out;
}

async function save(base, t) {
  try {
    const r = await fetch(`${base}/api/v1/clubs/${t.club}/reports/${t.period}`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ values: { HEA_CHECKS: t.value }, confirm: true }),
    });
    await r.text();
    return r.status;
  } catch {
    return 0; // no answer: not acknowledged
  }
}

async function stored(base, t) {
  const r = await fetch(`${base}/api/v1/clubs/${t.club}/reports/${t.period}`, { headers: { Authorization: `Bearer ${token}` } });
  const j = await r.json();
  return j.items.find((i) => i.code === 'HEA_CHECKS').value;
}

// Runs the saves four at a time; calls during(acked) after each answer.
async function stream(list, pick, during) {
  const acked = [], refused = [];
  let next = 0;
  const worker = async () => {
    while (next < list.length) {
      const i = next++;
      const status = await save(pick(i), list[i]);
      (status === 200 ? acked : refused).push({ ...list[i], status });
      await during(acked.length);
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return { acked, refused };
}

test('two servers, one killed mid-stream: every acknowledged save is kept, the other answers, sessions cross', { skip: !PG && 'PostgreSQL only (ISHC_TEST_PG)' }, async () => {
  // A session made on one server is valid on the other: sessions live in the database.
  const onA = new Client(a.url);
  await onA.login('commune', USERS.commune.password);
  const onB = new Client(b.url);
  onB.cookies = onA.cookies;
  const me = await onB.get('/api/v1/me');
  assert.equal(me.status, 200, me.text);
  assert.equal(me.json.username, 'commune');

  let killed = false;
  const list = targets(240, 0);
  const { acked, refused } = await stream(list, (i) => (i % 2 ? b.url : a.url), async (n) => {
    if (!killed && n >= 80) {
      killed = true;
      b.proc.kill('SIGKILL');
    }
  });
  assert.ok(killed);
  await b.exited;
  assert.equal(b.proc.signalCode, 'SIGKILL');
  assert.ok(acked.length >= 150, `acknowledged ${acked.length}`);
  assert.ok(refused.every((x) => x.status === 0), `refusals other than a dead server: ${JSON.stringify(refused.filter((x) => x.status))}`);
  assert.ok(refused.length > 0, 'some saves went to the dead server');
  // The survivor answers, and holds every acknowledged save.
  assert.equal((await fetch(`${a.url}/healthz`)).status, 200);
  for (const t of acked) assert.equal(await stored(a.url, t), t.value, `${t.club} ${t.period}`);
  const check = ishc(['check', '--db', db]);
  assert.equal(check.status, 0, check.stderr);
});

async function freePort() {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

test('nginx with the sample configuration in front of two servers: one killed, nothing lost, nothing refused', { skip: (!PG && 'PostgreSQL only (ISHC_TEST_PG)') || (!existsSync(NGINX) && 'nginx not installed') }, async () => {
  c = await startServer({ dir: makeDir(), db });
  const port = await freePort();
  const portOf = (url) => url.split(':').pop();
  const ndir = join(dir, 'nginx');
  mkdirSync(ndir, { recursive: true });
  const sample = readFileSync(join(root, 'docs', 'deploy', 'nginx.conf'), 'utf8')
    .replace('127.0.0.1:8081', `127.0.0.1:${portOf(a.url)}`)
    .replace('127.0.0.1:8082', `127.0.0.1:${portOf(c.url)}`)
    .replace('listen 127.0.0.1:8080', `listen 127.0.0.1:${port}`);
  writeFileSync(join(ndir, 'ishc.conf'), sample);
  const user = process.getuid && process.getuid() === 0 ? 'user root;\n' : '';
  writeFileSync(join(ndir, 'nginx.conf'), `${user}daemon off;\nworker_processes 1;\npid ${ndir}/nginx.pid;\nerror_log ${ndir}/error.log;\n` +
    `events { worker_connections 256; }\nhttp {\n access_log off;\n client_body_temp_path ${ndir}/body;\n proxy_temp_path ${ndir}/proxy;\n` +
    ` fastcgi_temp_path ${ndir}/fcgi;\n uwsgi_temp_path ${ndir}/uwsgi;\n scgi_temp_path ${ndir}/scgi;\n include ${ndir}/ishc.conf;\n}\n`);
  nginx = spawn(NGINX, ['-p', ndir, '-c', join(ndir, 'nginx.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let nlog = '';
  nginx.stderr.on('data', (d) => { nlog += d; });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try { if ((await fetch(`${base}/healthz`)).status === 200) break; } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.equal((await fetch(`${base}/healthz`)).status, 200, nlog);

  let killed = false;
  const list = targets(120, 300);
  const { acked, refused } = await stream(list, () => base, async (n) => {
    if (!killed && n >= 30) {
      killed = true;
      c.proc.kill('SIGKILL');
    }
  });
  assert.ok(killed);
  assert.deepEqual(refused, [], 'nginx passed every request to a live server');
  assert.equal(acked.length, list.length);
  for (const t of acked) assert.equal(await stored(a.url, t), t.value, `${t.club} ${t.period}`);
  nginx.kill('SIGQUIT');
});
