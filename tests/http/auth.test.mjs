// Log-in, sessions, CSRF, API tokens, throttling, password changes: the gate as a client meets it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, USERS, ishc, validateHtml } from '../lib/harness.mjs';

let srv;
const pages = {};
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); srv.cleanup(); });

test('API log-in sets an HttpOnly SameSite cookie and returns the CSRF token', async () => {
  const c = new Client(srv.url);
  const r = await c.login('commune', USERS.commune.password);
  const cookie = r.headers.getSetCookie().find((s) => s.startsWith('ishc_session='));
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Lax/);
  assert.match(r.json.csrf_token, /^[A-Za-z0-9_-]{43}$/);
  assert.equal(r.json.user.role, 'commune');
  assert.equal(r.json.user.scope, '15961');
  const me = await c.get('/api/v1/me');
  assert.equal(me.status, 200);
  assert.equal(me.json.username, 'commune');
});

test('a wrong password is refused in Vietnamese and English, without saying which part was wrong', async () => {
  const c = new Client(srv.url);
  let r = await c.postJson('/api/v1/login', { username: 'central', password: 'nope' });
  assert.equal(r.status, 401);
  assert.equal(r.json.error.code, 'login_failed');
  assert.equal(r.json.error.message, 'Tên đăng nhập hoặc mật khẩu không đúng.');
  r = await c.postJson('/api/v1/login', { username: 'nobody-at-all', password: 'nope' });
  assert.equal(r.json.error.code, 'login_failed');
  c.cookies.set('ishc_lang', 'en');
  r = await c.postJson('/api/v1/login', { username: 'central', password: 'nope' });
  assert.equal(r.json.error.message, 'Wrong username or password.');
  r = await c.postJson('/api/v1/login', { username: 'central' });
  assert.equal(r.status, 422);
  assert.equal(r.json.error.field, 'password');
});

test('the log-in form needs its own CSRF cookie, and goes back where the user was going', async () => {
  const c = new Client(srv.url);
  // Without the pre-session cookie (a forged cross-site form), log-in is refused.
  let r = await c.postForm('/login', { username: 'central', password: USERS.central.password, _pre: 'forged' }, { csrf: false });
  assert.equal(r.status, 403);
  assert.equal(c.cookies.has('ishc_session'), false);
  r = await c.get('/admin/users');
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), '/login?next=/admin/users');
  const page = await c.get('/login?next=/admin/users');
  pages.login = page.text;
  assert.match(page.text, /name="next" value="\/admin\/users"/);
  r = await c.loginForm('admin', USERS.admin.password, '/admin/users');
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), '/admin/users');
  const list = await c.get('/admin/users');
  assert.equal(list.status, 200);
  pages.users = list.text;
  // A wrong password re-shows the form with the message and the typed username.
  const d = new Client(srv.url);
  r = await d.loginForm('admin', 'wrong-password');
  const again = await d.get('/login');
  assert.equal(again.status, 200);
  const pre = again.text.match(/name="_pre" value="([^"]+)"/)[1];
  r = await d.postForm('/login', { username: 'admin', password: 'still-wrong', _pre: pre }, { csrf: false });
  assert.equal(r.status, 401);
  assert.match(r.text, /Tên đăng nhập hoặc mật khẩu không đúng/);
  assert.match(r.text, /name="username" type="text" value="admin"/);
  pages.login_failed = r.text;
});

test('state changes with the cookie need the CSRF token; nothing changes without it', async () => {
  const c = new Client(srv.url);
  await c.login('admin', USERS.admin.password);
  const before = (await c.get('/api/v1/users')).json.total;
  let r = await c.postJson('/api/v1/users', { username: 'csrf.victim', role: 'viewer', password: 'password-123' }, { csrf: false });
  assert.equal(r.status, 403);
  assert.equal(r.json.error.code, 'csrf');
  r = await c.postJson('/api/v1/users', { username: 'csrf.victim', role: 'viewer', password: 'password-123' }, { headers: { 'X-CSRF-Token': 'x'.repeat(43) } });
  assert.equal(r.status, 403);
  r = await c.postForm('/admin/users', { username: 'csrf.victim', role: 'viewer', password: 'password-123', _csrf: '' });
  assert.equal(r.status, 403);
  assert.match(r.text, /Biểu mẫu đã hết hạn/);
  pages.csrf = r.text;
  assert.equal((await c.get('/api/v1/users')).json.total, before);
  // With the token it works.
  r = await c.postJson('/api/v1/users', { username: 'csrf.ok', role: 'viewer', password: 'password-123' });
  assert.equal(r.status, 201);
});

test('API tokens: Bearer works without CSRF, is listed without its secret, and is revocable', async () => {
  const t = ishc(['token', 'create', '--db', srv.db, '--username', 'central', '--label', 'bảng tính']);
  assert.equal(t.status, 0, t.stderr);
  const token = t.stdout.trim();
  const c = new Client(srv.url);
  c.token = token;
  let r = await c.get('/api/v1/me');
  assert.equal(r.status, 200);
  assert.equal(r.json.username, 'central');
  assert.equal(r.json.csrf_token, undefined);
  r = await c.get('/api/v1/tokens');
  const mine = r.json.items.find((x) => x.label === 'bảng tính');
  assert.ok(mine);
  assert.ok(!JSON.stringify(r.json).includes(token.slice(5)));
  // Someone else cannot revoke it.
  const other = new Client(srv.url);
  await other.login('province', USERS.province.password);
  r = await other.request('DELETE', `/api/v1/tokens/${mine.id}`);
  assert.equal(r.status, 404);
  assert.equal((await c.get('/api/v1/me')).status, 200);
  r = await c.request('DELETE', `/api/v1/tokens/${mine.id}`);
  assert.equal(r.status, 200);
  r = await c.get('/api/v1/me');
  assert.equal(r.status, 401);
  assert.equal(r.json.error.code, 'unauthenticated');
  c.token = 'ishc_' + 'A'.repeat(43);
  assert.equal((await c.get('/api/v1/me')).status, 401);
});

test('tokens page: create shows the secret once; revoke from the page', async () => {
  const c = new Client(srv.url);
  await c.loginForm('club', USERS.club.password);
  let r = await c.postForm('/account/tokens', { label: 'điện thoại' });
  assert.equal(r.status, 201);
  const token = r.text.match(/<code class="secret">(ishc_[A-Za-z0-9_-]+)<\/code>/)[1];
  pages.token_created = r.text;
  const api = new Client(srv.url);
  api.token = token;
  assert.equal((await api.get('/api/v1/me')).json.username, 'club');
  r = await c.get('/account/tokens');
  assert.ok(!r.text.includes(token));
  pages.tokens = r.text;
  const id = r.text.match(/action="\/account\/tokens\/(\d+)\/revoke"/)[1];
  r = await c.postForm(`/account/tokens/${id}/revoke`, {});
  assert.equal(r.status, 303);
  assert.equal((await api.get('/api/v1/me')).status, 401);
});

test('log-ins are throttled per user after 5 failures, even with the right password', async () => {
  const c = new Client(srv.url);
  for (let i = 0; i < 5; i++) {
    const r = await c.postJson('/api/v1/login', { username: 'viewer', password: 'bad-' + i });
    assert.equal(r.status, 401);
  }
  const r = await c.postJson('/api/v1/login', { username: 'viewer', password: USERS.viewer.password });
  assert.equal(r.status, 429);
  assert.equal(r.json.error.code, 'throttled');
  assert.equal(r.headers.get('retry-after'), '900');
  // Other users are not affected.
  assert.equal((await c.postJson('/api/v1/login', { username: 'club', password: USERS.club.password })).status, 200);
});

test('log-out ends the session on the server, not only in the browser', async () => {
  const c = new Client(srv.url);
  await c.login('province', USERS.province.password);
  const stolen = c.cookies.get('ishc_session');
  let r = await c.request('POST', '/api/v1/logout');
  assert.equal(r.status, 200);
  const thief = new Client(srv.url);
  thief.cookies.set('ishc_session', stolen);
  r = await thief.get('/api/v1/me');
  assert.equal(r.status, 401);
  // The form log-out too.
  const d = new Client(srv.url);
  await d.loginForm('province', USERS.province.password);
  r = await d.postForm('/logout', {});
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), '/login');
  assert.equal((await d.get('/')).status, 303);
});

test('an expired session goes back to log-in, keeping where the user was going', async () => {
  const s2 = await startServer({ env: { ISHC_NOW: String(Math.floor(Date.now() / 1000)) } });
  try {
    const c = new Client(s2.url);
    await c.login('central', USERS.central.password);
    await s2.stop();
    // Nine hours later (past the 8-hour idle limit).
    const s3 = await startServer({ dir: s2.dir, db: s2.db, env: { ISHC_NOW: String(Math.floor(Date.now() / 1000) + 9 * 3600) } });
    try {
      c.base = s3.url;
      let r = await c.get('/audit?entity=user');
      assert.equal(r.status, 303);
      assert.equal(r.headers.get('location'), '/login?next=/audit%3Fentity%3Duser&expired=1');
      r = await c.get('/api/v1/me');
      assert.equal(r.status, 401);
      assert.equal(r.json.error.code, 'unauthenticated');
      const page = await new Client(s3.url).get('/login?next=/audit&expired=1');
      assert.match(page.text, /Phiên làm việc đã hết hạn/);
      pages.expired = page.text;
    } finally { await s3.stop(); }
  } finally { s2.cleanup(); }
});

test('changing my password: checks, then ends my other sessions', async () => {
  const a = new Client(srv.url), b = new Client(srv.url);
  await a.loginForm('commune', USERS.commune.password);
  await b.login('commune', USERS.commune.password);
  let r = await a.get('/account/password');
  pages.password = r.text;
  r = await a.postForm('/account/password', { current: USERS.commune.password, password: 'mat-khau-moi-1', confirm: 'khac-hoan-toan' });
  assert.equal(r.status, 422);
  assert.match(r.text, /Hai lần nhập mật khẩu mới không giống nhau/);
  assert.match(r.text, /id="f-confirm"[^>]*aria-invalid="true"/);
  pages.password_mismatch = r.text;
  r = await a.postForm('/account/password', { current: 'wrong', password: 'mat-khau-moi-1', confirm: 'mat-khau-moi-1' });
  assert.equal(r.status, 422);
  assert.match(r.text, /Mật khẩu hiện tại không đúng/);
  r = await a.postForm('/account/password', { current: USERS.commune.password, password: 'ngan', confirm: 'ngan' });
  assert.match(r.text, /ít nhất 8 ký tự/);
  r = await a.postForm('/account/password', { current: USERS.commune.password, password: 'mat-khau-moi-1', confirm: 'mat-khau-moi-1' });
  assert.equal(r.status, 200);
  assert.match(r.text, /Đã đổi mật khẩu/);
  assert.equal((await a.get('/api/v1/me')).status, 200);
  assert.equal((await b.get('/api/v1/me')).status, 401);
  await new Client(srv.url).login('commune', 'mat-khau-moi-1');
  USERS.commune.password = 'mat-khau-moi-1';
});

test('a reset password must be changed before anything else', async () => {
  const admin = new Client(srv.url);
  await admin.login('admin', USERS.admin.password);
  const id = (await admin.get('/api/v1/users?per_page=500')).json.items.find((u) => u.username === 'club').id;
  let r = await admin.postForm(`/admin/users/${id}/password`, { password: 'tam-thoi-123' });
  assert.equal(r.status, 303);
  const c = new Client(srv.url);
  r = await c.loginForm('club', 'tam-thoi-123');
  assert.equal(r.headers.get('location'), '/account/password');
  r = await c.get('/');
  assert.equal(r.headers.get('location'), '/account/password');
  r = await c.get('/api/v1/tokens');
  assert.equal(r.status, 403);
  assert.equal(r.json.error.code, 'must_change_password');
  r = await c.get('/account/password');
  assert.match(r.text, /Bạn cần đổi mật khẩu/);
  r = await c.postForm('/account/password', { current: 'tam-thoi-123', password: 'cua-rieng-toi-1', confirm: 'cua-rieng-toi-1' });
  assert.equal(r.status, 200);
  assert.equal((await c.get('/')).status, 200);
  USERS.club.password = 'cua-rieng-toi-1';
});

test('every page visited here is valid HTML', () => {
  validateHtml(pages);
});
