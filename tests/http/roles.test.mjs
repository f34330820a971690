// A test for each role: what it can reach, and that it reaches nothing else (DESIGN.md §4).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, USERS, validateHtml } from '../lib/harness.mjs';

let srv;
const pages = {};
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); srv.cleanup(); });

// [method, path, roles that may] — the rest must get 403 (HTML or JSON).
const matrix = [
  ['GET', '/', ['admin', 'central', 'province', 'commune', 'club', 'viewer']],
  ['GET', '/account/password', ['admin', 'central', 'province', 'commune', 'club', 'viewer']],
  ['GET', '/account/tokens', ['admin', 'central', 'province', 'commune', 'club', 'viewer']],
  ['GET', '/api/v1/me', ['admin', 'central', 'province', 'commune', 'club', 'viewer']],
  ['GET', '/api/v1/tokens', ['admin', 'central', 'province', 'commune', 'club', 'viewer']],
  ['GET', '/admin/users', ['admin']],
  ['GET', '/admin/users/new', ['admin']],
  ['GET', '/admin/users/1', ['admin']],
  ['GET', '/api/v1/users', ['admin']],
  ['GET', '/api/v1/users/1', ['admin']],
  ['GET', '/audit', ['admin', 'central']],
  ['GET', '/audit.csv', ['admin', 'central']],
  ['GET', '/api/v1/audit', ['admin', 'central']],
];

for (const role of Object.keys(USERS)) {
  test(`role ${role}: reaches what it should and nothing else`, async () => {
    const c = new Client(srv.url);
    await c.login(role, USERS[role].password);
    for (const [method, path, allowed] of matrix) {
      const r = await c.request(method, path);
      const want = allowed.includes(role) ? 200 : 403;
      assert.equal(r.status, want, `${role} ${method} ${path}`);
      if (want === 403 && path.startsWith('/api/')) assert.equal(r.json.error.code, 'forbidden');
      if (want === 403 && !path.startsWith('/api/')) assert.match(r.text, /Bạn không có quyền truy cập mục này/);
      if (method === 'GET' && (r.headers.get('content-type') || '').startsWith('text/html')) pages[`${role}${path}`] = r.text;
    }
    // Writes reserved to administrators are refused before anything is read or changed.
    if (role !== 'admin') {
      let r = await c.postJson('/api/v1/users', { username: `by.${role}`, role: 'viewer', password: 'password-123' });
      assert.equal(r.status, 403);
      r = await c.postForm('/admin/users/1/disable', {});
      assert.equal(r.status, 403);
      r = await c.postForm('/admin/users/1', { role: 'viewer' });
      assert.equal(r.status, 403);
      r = await c.postForm('/admin/users/1/enable', {});
      assert.equal(r.status, 403);
      r = await c.postForm('/admin/users/1/password', { password: 'hijacked-123' });
      assert.equal(r.status, 403);
    }
  });
}

test('nothing a role was refused has changed', async () => {
  const a = new Client(srv.url);
  await a.login('admin', USERS.admin.password);
  const users = (await a.get('/api/v1/users?per_page=500')).json.items;
  assert.ok(!users.some((u) => u.username.startsWith('by.')));
  const first = users.find((u) => u.id === 1);
  assert.equal(first.disabled, false);
  assert.equal(first.role, 'administrator');
  // The administrator's password still works.
  await new Client(srv.url).login('admin', USERS.admin.password);
});

test('the navigation shows each role only what it may open', async () => {
  const seen = {};
  for (const role of Object.keys(USERS)) {
    const c = new Client(srv.url);
    await c.login(role, USERS[role].password);
    const home = (await c.get('/')).text;
    seen[role] = { users: home.includes('href="/admin/users"'), audit: home.includes('href="/audit"') };
  }
  assert.deepEqual(seen, {
    admin: { users: true, audit: true },
    central: { users: false, audit: true },
    province: { users: false, audit: false },
    commune: { users: false, audit: false },
    club: { users: false, audit: false },
    viewer: { users: false, audit: false },
  });
});

test('nobody logged in reaches nothing but the public pages', async () => {
  const c = new Client(srv.url);
  for (const [method, path] of matrix) {
    const r = await c.request(method, path);
    if (path.startsWith('/api/')) {
      assert.equal(r.status, 401, path);
      assert.equal(r.json.error.code, 'unauthenticated');
    } else {
      assert.equal(r.status, 303, path);
      assert.match(r.headers.get('location'), /^\/login\?next=/);
    }
  }
});

test('every page visited here is valid HTML', () => {
  validateHtml(pages);
});
