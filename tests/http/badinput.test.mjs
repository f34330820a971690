// Bad input: oversized, malformed UTF-8 or JSON, wrong content types, broken multipart. Each gets
// a clear answer, and none of them changes any data.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startServer, Client, USERS, validateHtml } from '../lib/harness.mjs';

let srv, admin;
const pages = {};
before(async () => {
  srv = await startServer();
  admin = new Client(srv.url);
  await admin.login('admin', USERS.admin.password);
});
after(async () => { await srv.stop(); srv.cleanup(); });

// Sends raw bytes on a fresh connection; resolves to {status, head, body} of the answer.
function raw(bytes, { endAfter = true } = {}) {
  const { hostname, port } = new URL(srv.url);
  return new Promise((resolve, reject) => {
    const sock = net.connect(Number(port), hostname);
    let data = Buffer.alloc(0);
    sock.on('data', (d) => { data = Buffer.concat([data, d]); });
    sock.on('error', () => {});
    sock.on('close', () => {
      const text = data.toString('utf8');
      const m = text.match(/^HTTP\/1\.1 (\d+)/);
      if (!m) return reject(new Error('no HTTP answer: ' + JSON.stringify(text.slice(0, 200))));
      const i = text.indexOf('\r\n\r\n');
      resolve({ status: Number(m[1]), head: text.slice(0, i), body: text.slice(i + 4) });
    });
    for (const b of Array.isArray(bytes) ? bytes : [bytes]) sock.write(b);
    if (endAfter) setTimeout(() => sock.end(), 200);
  });
}

async function snapshot() {
  const users = (await admin.get('/api/v1/users?per_page=500')).json;
  const audit = (await admin.get('/api/v1/audit?per_page=1')).json.total;
  return { users: users.total, audit, names: users.items.map((u) => `${u.username}:${u.role}:${u.disabled}`).sort() };
}

const cookieHeader = () => `Cookie: ${admin.cookieHeader()}\r\nX-CSRF-Token: ${admin.csrf}\r\n`;

test('a body declared too large is refused with 413 before it is read', async () => {
  const r = await raw(`POST /api/v1/users HTTP/1.1\r\nHost: x\r\n${cookieHeader()}Content-Type: application/json\r\nContent-Length: 50000000\r\nConnection: close\r\n\r\n{"a":`);
  assert.equal(r.status, 413);
  assert.match(r.body, /"code":"too_large"/);
});

test('a chunked body that grows past the cap is refused with 413, and nothing changes', async () => {
  const before = await snapshot();
  const chunk = 'x'.repeat(64 * 1024);
  const pieces = [`POST /admin/users HTTP/1.1\r\nHost: x\r\n${cookieHeader()}Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n`];
  pieces.push(`${(('username=big.one&role=viewer&password=password-123&_csrf=' + admin.csrf + '&pad=').length).toString(16)}\r\nusername=big.one&role=viewer&password=password-123&_csrf=${admin.csrf}&pad=\r\n`);
  for (let i = 0; i < 20; i++) pieces.push(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
  pieces.push('0\r\n\r\n');
  const r = await raw(pieces);
  assert.equal(r.status, 413);
  assert.match(r.body, /Dữ liệu gửi lên quá lớn/);
  pages.too_large = r.body;
  assert.deepEqual(await snapshot(), before);
});

test('malformed UTF-8 in a form, a query or a path is refused with 400 and a message', async () => {
  const before = await snapshot();
  const body = Buffer.concat([Buffer.from(`username=bad.utf&role=viewer&password=password-123&_csrf=${admin.csrf}&full_name=`), Buffer.from([0xc3, 0x28])]);
  let r = await raw([`POST /admin/users HTTP/1.1\r\nHost: x\r\n${cookieHeader()}Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`, body]);
  assert.equal(r.status, 400);
  assert.match(r.body, /không phải UTF-8/);
  pages.bad_utf8 = r.body;
  r = await admin.get('/admin/users?page=%C3%28');
  assert.equal(r.status, 400);
  r = await admin.get('/api/v1/users?x=%FF');
  assert.equal(r.status, 400);
  assert.equal(r.json.error.code, 'bad_utf8');
  r = await raw(`GET /admin/%FF HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
  assert.ok([400, 404].includes(r.status));
  r = await admin.get('/admin/users?a=%zz');
  assert.equal(r.status, 400);
  assert.deepEqual(await snapshot(), before);
});

test('malformed JSON is refused with 400 saying what is wrong', async () => {
  const before = await snapshot();
  let r = await admin.postJson('/api/v1/users', '{"username": "j", "role": "viewer",');
  assert.equal(r.status, 400);
  assert.equal(r.json.error.code, 'bad_json');
  assert.match(r.json.error.message, /^Dữ liệu JSON không hợp lệ\. \(.+\)$/);
  r = await admin.postJson('/api/v1/users', '[1, 2]');
  assert.equal(r.status, 400);
  r = await admin.postJson('/api/v1/users', '{"username": "a", "username": "b"}');
  assert.equal(r.status, 400);
  r = await admin.postJson('/api/v1/users', '{"username": "a\\u0000b", "role": "viewer", "password": "password-123"}');
  assert.equal(r.status, 400);
  r = await admin.postJson('/api/v1/users', '['.repeat(40) + ']'.repeat(40));
  assert.equal(r.status, 400);
  const bytes = Buffer.concat([Buffer.from('{"username": "'), Buffer.from([0xff]), Buffer.from('"}')]);
  r = await raw([`POST /api/v1/users HTTP/1.1\r\nHost: x\r\n${cookieHeader()}Content-Type: application/json\r\nContent-Length: ${bytes.length}\r\nConnection: close\r\n\r\n`, bytes]);
  assert.equal(r.status, 400);
  assert.match(r.body, /"code":"bad_utf8"/);
  // JSON sent as a form, or a form sent as JSON: the content type says what it is.
  r = await admin.request('POST', '/api/v1/users', { body: '{"username":"x"}', headers: { 'Content-Type': 'text/plain' } });
  assert.equal(r.status, 400);
  assert.match(r.json.error.message, /application\/json/);
  r = await admin.request('POST', '/admin/users', { body: 'username=x', headers: { 'Content-Type': 'text/plain', 'X-CSRF-Token': admin.csrf } });
  assert.equal(r.status, 400);
  assert.deepEqual(await snapshot(), before);
});

function multipart(fields, files = [], boundary = '----ishcBoundary7MA4YWxk') {
  const parts = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.name}"; filename="${f.filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`), f.data, Buffer.from('\r\n'));
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

test('multipart forms work like url-encoded ones; broken or oversized ones change nothing', async () => {
  let m = multipart({ username: 'multi.part', full_name: 'Đỗ Thị Mai', role: 'viewer', password: 'password-123', _csrf: admin.csrf });
  let r = await admin.request('POST', '/admin/users', { body: m.body, headers: { 'Content-Type': m.type } });
  assert.equal(r.status, 303);
  const before = await snapshot();
  assert.ok(before.names.some((n) => n.startsWith('multi.part:viewer')));
  // No closing boundary.
  m = multipart({ username: 'multi.broken', role: 'viewer', password: 'password-123', _csrf: admin.csrf });
  r = await admin.request('POST', '/admin/users', { body: m.body.subarray(0, m.body.length - 10), headers: { 'Content-Type': m.type } });
  assert.equal(r.status, 400);
  // A file part larger than a form allows.
  m = multipart({ username: 'multi.file', role: 'viewer', password: 'password-123', _csrf: admin.csrf }, [{ name: 'f', filename: 'big.bin', data: Buffer.alloc(200 * 1024, 7) }]);
  r = await admin.request('POST', '/admin/users', { body: m.body, headers: { 'Content-Type': m.type } });
  assert.equal(r.status, 413);
  // No boundary at all.
  r = await admin.request('POST', '/admin/users', { body: 'x', headers: { 'Content-Type': 'multipart/form-data' } });
  assert.equal(r.status, 400);
  assert.deepEqual(await snapshot(), before);
});

test('broken cookies are ignored, not fatal', async () => {
  const r = await raw(`GET /login HTTP/1.1\r\nHost: x\r\nCookie: ;;=;\x01bad; ishc_session="unterminated\r\nConnection: close\r\n\r\n`);
  assert.equal(r.status, 200);
  const r2 = await raw(`GET /api/v1/me HTTP/1.1\r\nHost: x\r\nCookie: ishc_session=${'A'.repeat(43)}\r\nConnection: close\r\n\r\n`);
  assert.equal(r2.status, 401);
});

test('the server keeps answering after all of that', async () => {
  assert.equal((await new Client(srv.url).get('/healthz')).status, 200);
  assert.equal((await admin.get('/api/v1/me')).status, 200);
});

test('every page visited here is valid HTML', () => {
  validateHtml(pages);
});
