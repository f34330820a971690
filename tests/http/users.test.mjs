// Administrators manage users through pages and the API; every change is audited and shown.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, USERS, validateHtml } from '../lib/harness.mjs';

let srv, admin;
const pages = {};
before(async () => {
  srv = await startServer();
  admin = new Client(srv.url);
  await admin.loginForm('admin', USERS.admin.password);
});
after(async () => { await srv.stop(); srv.cleanup(); });

async function userId(name) {
  const r = await admin.get('/api/v1/users?per_page=500');
  return r.json.items.find((u) => u.username === name)?.id;
}

test('creating a user through the form: errors next to the field, typed values kept', async () => {
  let r = await admin.get('/admin/users/new');
  assert.equal(r.status, 200);
  pages.new = r.text;
  r = await admin.postForm('/admin/users', { username: 'AB', full_name: 'Trần Thị Hòa', role: 'commune', scope: '15961', password: 'password-123' });
  assert.equal(r.status, 422);
  assert.match(r.text, /<div class="field invalid"><label for="f-username">/);
  assert.match(r.text, /Tên đăng nhập chỉ gồm chữ không dấu/);
  assert.match(r.text, /value="Trần Thị Hòa"/);
  assert.match(r.text, /<option value="commune" selected>/);
  assert.match(r.text, /value="15961"/);
  assert.doesNotMatch(r.text, /password-123/);
  pages.new_error = r.text;
  r = await admin.postForm('/admin/users', { username: 'xa.hoa', full_name: 'Trần Thị Hòa', role: 'commune', scope: '', password: 'password-123' });
  assert.equal(r.status, 422);
  assert.match(r.text, /Vai trò này cần một phạm vi/);
  r = await admin.postForm('/admin/users', { username: 'xa.hoa', full_name: 'Trần Thị Hòa', role: 'commune', scope: '15961', password: 'password-123' });
  assert.equal(r.status, 303);
  assert.match(r.headers.get('location'), /^\/admin\/users\/\d+\?saved=1$/);
  r = await admin.get(r.headers.get('location'));
  assert.match(r.text, /Đã lưu/);
  pages.show = r.text;
  r = await admin.postForm('/admin/users', { username: 'xa.hoa', full_name: 'Khác', role: 'commune', scope: '15961', password: 'password-123' });
  assert.equal(r.status, 409);
  assert.match(r.text, /Tên đăng nhập này đã có người dùng/);
  r = await admin.get('/admin/users');
  assert.match(r.text, /xa\.hoa/);
  assert.match(r.text, /Trần Thị Hòa/);
  pages.list = r.text;
});

test('editing role and scope, disabling and enabling, each audited with before and after', async () => {
  const id = await userId('xa.hoa');
  const user = new Client(srv.url);
  await user.login('xa.hoa', 'password-123');
  let r = await admin.postForm(`/admin/users/${id}`, { full_name: 'Trần Thị Hòa', role: 'province', scope: '38' });
  assert.equal(r.status, 303);
  r = await admin.postForm(`/admin/users/${id}`, { full_name: 'Trần Thị Hòa', role: 'province', scope: 'x y' });
  assert.equal(r.status, 422);
  assert.match(r.text, /Phạm vi không hợp lệ/);
  assert.equal((await admin.get(`/api/v1/users/${id}`)).json.scope, '38');
  r = await admin.postForm(`/admin/users/${id}/disable`, {});
  assert.equal(r.status, 303);
  assert.equal((await user.get('/api/v1/me')).status, 401);
  assert.equal((await new Client(srv.url).postJson('/api/v1/login', { username: 'xa.hoa', password: 'password-123' })).status, 401);
  r = await admin.postForm(`/admin/users/${id}/enable`, {});
  assert.equal(r.status, 303);
  await new Client(srv.url).login('xa.hoa', 'password-123');
  // The history page of this record.
  r = await admin.get(`/audit?entity=user&id=${id}`);
  assert.equal(r.status, 200);
  for (const action of ['create', 'update', 'disable', 'enable', 'login']) assert.match(r.text, new RegExp(`<td>${action}</td>`), action);
  assert.match(r.text, /&quot;role&quot;:&quot;commune&quot;/);
  assert.match(r.text, /&quot;role&quot;:&quot;province&quot;/);
  pages.audit = r.text;
  const api = await admin.get(`/api/v1/audit?entity=user&id=${id}`);
  const update = api.json.items.find((x) => x.action === 'update');
  assert.equal(update.before.role, 'commune');
  assert.equal(update.after.role, 'province');
  assert.equal(update.username, 'admin');
});

test('an administrator cannot lock themselves out', async () => {
  const id = await userId('admin');
  let r = await admin.postForm(`/admin/users/${id}/disable`, {});
  assert.equal(r.status, 422);
  assert.match(r.text, /Bạn không thể tự khóa tài khoản của mình/);
  r = await admin.postForm(`/admin/users/${id}`, { role: 'viewer', scope: '' });
  assert.equal(r.status, 422);
  assert.equal((await admin.get('/api/v1/me')).json.role, 'administrator');
});

test('unknown user ids answer 404', async () => {
  assert.equal((await admin.get('/admin/users/99999')).status, 404);
  assert.equal((await admin.get('/api/v1/users/99999')).status, 404);
  assert.equal((await admin.postForm('/admin/users/99999/disable', {})).status, 404);
  assert.equal((await admin.get('/admin/users/abc')).status, 404);
});

test('the API creates users with the same checks, and lists them a page at a time', async () => {
  let r = await admin.postJson('/api/v1/users', { username: 'api.user', role: 'viewer', password: 'short' });
  assert.equal(r.status, 422);
  assert.deepEqual(r.json.error, { code: 'password_short', message: 'Mật khẩu phải có ít nhất 8 ký tự.', field: 'password' });
  r = await admin.postJson('/api/v1/users', { username: 'api.user', role: 'viewer', password: 'long-enough', admin: true });
  assert.equal(r.status, 422);
  assert.equal(r.json.error.field, 'admin');
  r = await admin.postJson('/api/v1/users', { username: 'api.user', role: 7, password: 'long-enough' });
  assert.equal(r.status, 422);
  assert.equal(r.json.error.field, 'role');
  for (let i = 0; i < 5; i++) {
    r = await admin.postJson('/api/v1/users', { username: `api.user${i}`, full_name: 'Lê Văn Thủy', role: 'viewer', password: 'long-enough' });
    assert.equal(r.status, 201);
    assert.equal(r.json.full_name, 'Lê Văn Thủy');
  }
  const p1 = await admin.get('/api/v1/users?per_page=3&page=1');
  const p2 = await admin.get('/api/v1/users?per_page=3&page=2');
  assert.equal(p1.json.items.length, 3);
  assert.equal(p1.json.total, p2.json.total);
  assert.ok(p1.json.total >= 12);
  assert.notDeepEqual(p1.json.items.map((u) => u.id), p2.json.items.map((u) => u.id));
  assert.equal((await admin.get('/api/v1/users?per_page=0')).status, 422);
  assert.equal((await admin.get('/api/v1/users?per_page=501')).json.error.field, 'per_page');
  assert.equal((await admin.get('/api/v1/users?page=x')).status, 422);
  assert.ok(!JSON.stringify(p1.json).includes('argon2'));
});

test('the change history downloads as CSV that Excel opens in UTF-8', async () => {
  const r = await admin.get('/audit.csv?entity=user');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /text\/csv/);
  assert.match(r.headers.get('content-disposition'), /attachment; filename="lich-su-thay-doi.csv"/);
  assert.ok(r.text.startsWith('\uFEFFid,thời điểm,người thực hiện'), r.text.slice(0, 60));
  const lines = r.text.trim().split('\r\n');
  assert.ok(lines.length > 10);
  assert.ok(lines.slice(1).every((l) => /^\d+,\d{4}-\d\d-\d\dT/.test(l)));
  assert.equal(r.headers.get('content-length'), String(r.bytes.length));
  assert.deepEqual([...r.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
});

test('nobody can change or delete audit records through the product', async () => {
  const doc = (await admin.get('/api/v1/openapi.json')).json;
  for (const [path, item] of Object.entries(doc.paths)) {
    if (!path.includes('audit')) continue;
    assert.deepEqual(Object.keys(item), ['get'], path);
  }
  for (const m of ['POST', 'PUT', 'DELETE', 'PATCH']) {
    assert.equal((await admin.request(m, '/api/v1/audit')).status, 405, m);
    assert.equal((await admin.request(m, '/audit')).status, 405, m);
  }
});

test('every page visited here is valid HTML', () => {
  validateHtml(pages);
});
