// SIGTERM: the server finishes the requests in flight, answers them, exits 0, and takes no new connections.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { request } from 'node:http';
import { startServer, USERS } from '../lib/harness.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// One request on its own connection (no keep-alive pool shared between requests).
function post(url, path, body) {
  return new Promise((resolve) => {
    const req = request(url + path, {
      method: 'POST',
      agent: false,
      headers: { 'Content-Type': 'application/json', Connection: 'close', 'Content-Length': Buffer.byteLength(body) },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { text += d; });
      res.on('end', () => resolve({ status: res.statusCode, text }));
      res.on('error', (e) => resolve({ status: 0, error: e.code || e.message }));
    });
    req.on('error', (e) => resolve({ status: 0, error: e.code || e.message }));
    req.end(body);
  });
}

function login(url, username, password) {
  return post(url, '/api/v1/login', JSON.stringify({ username, password }));
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

test('SIGTERM answers a request in flight and exits 0', async (t) => {
  const s = await startServer();
  t.after(() => { s.proc.kill('SIGKILL'); s.cleanup(); });
  await healthz(s.url);

  const pending = login(s.url, 'admin', USERS.admin.password);
  await sleep(10);
  s.proc.kill('SIGTERM');
  const r = await pending;
  assert.equal(r.status, 200, `in-flight log-in: ${JSON.stringify(r)}\n${s.log()}`);
  assert.ok(JSON.parse(r.text).csrf_token, r.text);
  const exit = await s.exited;
  assert.deepEqual(exit, { code: 0, signal: null }, s.log());
  assert.match(s.log(), /SIGTERM received/);
  assert.equal(await tryConnect(s.url), 'refused');
});

test('SIGTERM answers several requests in flight (more than there are threads), refusing new connections meanwhile', async (t) => {
  const s = await startServer({ threads: 2 });
  t.after(() => { s.proc.kill('SIGKILL'); s.cleanup(); });
  await healthz(s.url);

  const names = Object.keys(USERS);
  const started = Date.now();
  const pending = names.map((name) => login(s.url, name, USERS[name].password));
  await sleep(10);
  s.proc.kill('SIGTERM');

  // While the server drains, a new connection is refused.
  await sleep(20);
  const stillRunning = s.proc.exitCode === null;
  const during = await tryConnect(s.url);
  assert.equal(during, 'refused', 'a new connection was accepted after SIGTERM');

  const results = await Promise.all(pending);
  const elapsed = Date.now() - started;
  results.forEach((r, i) => {
    assert.equal(r.status, 200, `in-flight log-in of ${names[i]}: ${JSON.stringify(r)}\n${s.log()}`);
    assert.equal(JSON.parse(r.text).user.username, names[i]);
  });
  const exit = await s.exited;
  assert.deepEqual(exit, { code: 0, signal: null }, s.log());
  assert.equal(await tryConnect(s.url), 'refused');
  t.diagnostic(`${names.length} log-ins answered in ${elapsed} ms; server still draining when probed: ${stillRunning}`);
});

test('SIGTERM on an idle server exits 0 at once', async (t) => {
  const s = await startServer();
  t.after(() => { s.proc.kill('SIGKILL'); s.cleanup(); });
  await healthz(s.url);
  const started = Date.now();
  const exit = await s.stop();
  assert.deepEqual(exit, { code: 0, signal: null }, s.log());
  assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms to stop`);
  assert.equal(await tryConnect(s.url), 'refused');
});
