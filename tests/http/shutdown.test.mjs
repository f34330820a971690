// SIGTERM: the server finishes the requests in flight, answers them, exits 0, and takes no new connections.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { rmSync } from 'node:fs';
import { makeDir, startServer, USERS } from '../lib/harness.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// A raw HTTP/1.1 connection (no client pool: each request has its own connection, closed after the
// answer). `send(text)` writes a request and resolves once it is on the socket; `answer` resolves to
// {status, body} or, when the server closes without answering, {status: 0, error}.
function openConnection(url) {
  const { hostname, port } = new URL(url);
  return new Promise((resolveOpen, rejectOpen) => {
    const s = connect({ host: hostname, port: Number(port) });
    let data = '';
    s.setEncoding('utf8');
    const conn = {
      send: (text) => new Promise((r) => s.write(text, () => r())),
      answer: new Promise((resolve) => {
        s.on('data', (d) => { data += d; });
        s.on('error', (e) => resolve({ status: 0, error: e.code || e.message }));
        s.on('close', () => {
          const m = data.match(/^HTTP\/1\.1 (\d+)/);
          if (!m) return resolve({ status: 0, error: 'connection closed without an answer' });
          resolve({ status: Number(m[1]), body: data.slice(data.indexOf('\r\n\r\n') + 4) });
        });
      }),
    };
    s.once('connect', () => resolveOpen(conn));
    s.once('error', rejectOpen);
  });
}

function loginRequest(host, username, password) {
  const body = JSON.stringify({ username, password });
  return `POST /api/v1/login HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nConnection: close\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

function healthzRequest(host) {
  return `GET /healthz HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`;
}

// Resolves to 'refused' when a TCP connection is refused, 'connected' when accepted.
function tryConnect(url) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const s = connect({ host: hostname, port: Number(port) });
    s.on('connect', () => { s.destroy(); resolve('connected'); });
    s.on('error', (e) => resolve(e.code === 'ECONNREFUSED' ? 'refused' : e.code));
  });
}

async function healthz(url) {
  const res = await fetch(url + '/healthz', { headers: { Connection: 'close' } });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') || '', /^text\/plain/);
  assert.equal((await res.text()).trim(), 'ok');
}

async function withServer(opts, fn) {
  const dir = makeDir('ishc-shutdown-');
  try {
    const s = await startServer({ ...opts, dir });
    try {
      return await fn(s);
    } finally {
      s.proc.kill('SIGKILL'); // no-op once it has exited
      await s.exited;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('GET /healthz answers "ok" as text', () => withServer({}, async (s) => {
  await healthz(s.url);
}));

test('SIGTERM answers a log-in in flight and exits 0', () => withServer({}, async (s) => {
  await healthz(s.url);
  const host = new URL(s.url).host;
  const c = await openConnection(s.url);
  await c.send(loginRequest(host, 'admin', USERS.admin.password));
  await sleep(10); // Argon2id: the log-in is still running
  s.proc.kill('SIGTERM');
  const r = await c.answer;
  assert.equal(r.status, 200, `in-flight log-in: ${JSON.stringify(r)}\n${s.log()}`);
  assert.ok(JSON.parse(r.body).csrf_token, r.body);
  assert.deepEqual(await s.exited, { code: 0, signal: null }, s.log());
  assert.match(s.log(), /SIGTERM received/);
  assert.equal(await tryConnect(s.url), 'refused');
}));

test('SIGTERM answers several log-ins in flight, and refuses new connections while it drains', (t) => withServer({ threads: 2 }, async (s) => {
  await healthz(s.url);
  const host = new URL(s.url).host;
  const names = Object.keys(USERS);
  const conns = await Promise.all(names.map(() => openConnection(s.url)));
  await Promise.all(conns.map((c, i) => c.send(loginRequest(host, names[i], USERS[names[i]].password))));
  await sleep(10);
  s.proc.kill('SIGTERM');

  // Once the server has taken the signal (its log says so; on a loaded machine that can take a
  // moment) it closes its listening socket at once while 6 log-ins on 2 threads still run.
  for (let i = 0; i < 500 && !/SIGTERM received/.test(s.log()); i++) await sleep(10);
  let probe = 'connected';
  for (let i = 0; i < 100 && probe !== 'refused' && s.proc.exitCode === null; i++) {
    probe = await tryConnect(s.url);
    if (probe !== 'refused') await sleep(10);
  }
  const draining = s.proc.exitCode === null;
  assert.equal(probe, 'refused', 'a new connection was accepted after SIGTERM');

  const results = await Promise.all(conns.map((c) => c.answer));
  results.forEach((r, i) => {
    assert.equal(r.status, 200, `in-flight log-in of ${names[i]}: ${JSON.stringify(r)}\n${s.log()}`);
    assert.equal(JSON.parse(r.body).user.username, names[i]);
  });
  assert.deepEqual(await s.exited, { code: 0, signal: null }, s.log());
  assert.equal(await tryConnect(s.url), 'refused');
  t.diagnostic(`6 log-ins answered; still draining when probed: ${draining}`);
}));

// Requests already sent on accepted connections, queued behind a slow log-in on the one thread: the
// server counts only requests whose first line it has read, so between two of them the count drops to
// 0 and, if the drain loop looks at that moment, it stops the daemon: the queued requests are then run
// (the access log shows them) but their connections are closed without an answer. The window is
// narrow, so many cheap requests queue behind the slow one, over several rounds.
test('SIGTERM answers requests queued behind a slow one on an accepted connection', async (t) => {
  const ROUNDS = 5, QUEUED = 300;
  for (let round = 0; round < ROUNDS; round++) {
    await withServer({ threads: 1 }, async (s) => {
      const host = new URL(s.url).host;
      const slow = await openConnection(s.url);
      const queued = await Promise.all(Array.from({ length: QUEUED }, () => openConnection(s.url)));
      await sleep(50); // the idle server accepts them all
      await slow.send(loginRequest(host, 'admin', USERS.admin.password));
      await sleep(5); // the thread is now in Argon2id
      await Promise.all(queued.map((c) => c.send(healthzRequest(host))));
      await sleep(5);
      s.proc.kill('SIGTERM');

      const first = await slow.answer;
      assert.equal(first.status, 200, `round ${round}: the slow log-in: ${JSON.stringify(first)}`);
      const results = await Promise.all(queued.map((c) => c.answer));
      const unanswered = results.filter((r) => r.status !== 200);
      const exit = await s.exited;
      const logged = (s.log().match(/ access /g) || []).length;
      assert.equal(unanswered.length, 0,
        `round ${round}: ${unanswered.length} of ${QUEUED} requests sent before SIGTERM got no answer ` +
        `(${JSON.stringify(unanswered[0])}); the access log has ${logged} lines, ` +
        `${(s.log().match(/ aborted/g) || []).length} of them "aborted"`);
      for (const r of results) assert.equal(r.body.trim(), 'ok');
      assert.deepEqual(exit, { code: 0, signal: null }, s.log());
      t.diagnostic(`round ${round}: ${QUEUED + 1} requests answered`);
    });
  }
});

test('SIGTERM on an idle server exits 0 at once', () => withServer({}, async (s) => {
  await healthz(s.url);
  const started = Date.now();
  const exit = await s.stop();
  assert.deepEqual(exit, { code: 0, signal: null }, s.log());
  assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms to stop`);
  assert.equal(await tryConnect(s.url), 'refused');
}));
