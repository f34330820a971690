// The server as a client sees it: health, headers, 404/405, static assets, OpenAPI, HTML validity.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, USERS, validateHtml } from '../lib/harness.mjs';

let srv;
const pages = {};
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); srv.cleanup(); });

function assertSecurityHeaders(r, what) {
  const csp = r.headers.get('content-security-policy') || '';
  assert.match(csp, /frame-ancestors 'none'/, what);
  assert.match(csp, /script-src 'self'/, what);
  assert.doesNotMatch(csp, /unsafe-inline/, what);
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff', what);
  assert.ok(r.headers.get('referrer-policy'), what);
}

test('GET /healthz answers ok', async () => {
  const r = await new Client(srv.url).get('/healthz');
  assert.equal(r.status, 200);
  assert.equal(r.text.trim(), 'ok');
});

test('every kind of response carries the security headers', async () => {
  const c = new Client(srv.url);
  for (const [method, path] of [['GET', '/healthz'], ['GET', '/login'], ['GET', '/nope'], ['DELETE', '/login'],
    ['GET', '/static/app.css'], ['GET', '/api/v1/me'], ['GET', '/'], ['GET', '/api/v1/openapi.json']]) {
    assertSecurityHeaders(await c.request(method, path), `${method} ${path}`);
  }
});

test('unknown paths answer 404 in Vietnamese; the API answers JSON errors', async () => {
  const c = new Client(srv.url);
  let r = await c.get('/khong-co');
  assert.equal(r.status, 404);
  assert.match(r.text, /Không tìm thấy trang hoặc bản ghi này/);
  pages['404'] = r.text;
  r = await c.get('/api/v1/khong-co');
  assert.equal(r.status, 404);
  assert.equal(r.json.error.code, 'not_found');
  assert.ok(r.json.error.message);
});

test('a wrong method answers 405 with Allow', async () => {
  const c = new Client(srv.url);
  let r = await c.request('DELETE', '/login');
  assert.equal(r.status, 405);
  assert.equal(r.headers.get('allow'), 'GET, POST');
  r = await c.request('PUT', '/api/v1/me');
  assert.equal(r.status, 405);
  assert.equal(r.json.error.code, 'method_not_allowed');
  assert.equal(r.headers.get('allow'), 'GET');
});

test('static assets are served from the binary with a cache lifetime', async () => {
  const c = new Client(srv.url);
  const css = await c.get('/static/app.css');
  assert.equal(css.status, 200);
  assert.match(css.headers.get('content-type'), /text\/css/);
  assert.match(css.text, /@media print/);
  assert.match(css.headers.get('cache-control'), /max-age/);
  const js = await c.get('/static/app.js');
  assert.equal(js.status, 200);
  assert.match(js.headers.get('content-type'), /javascript/);
  assert.equal((await c.get('/static/nothing.css')).status, 404);
});

test('the OpenAPI document is 3.1 and describes the API with its error shape', async () => {
  const r = await new Client(srv.url).get('/api/v1/openapi.json');
  assert.equal(r.status, 200);
  assert.equal(r.json.openapi, '3.1.0');
  for (const p of ['/api/v1/login', '/api/v1/logout', '/api/v1/me', '/api/v1/users', '/api/v1/audit'])
    assert.ok(r.json.paths[p], p);
  assert.ok(r.json.paths['/api/v1/login'].post.requestBody);
  assert.deepEqual(r.json.components.schemas.Error.required, ['error']);
  assert.ok(r.json.components.securitySchemes.bearerAuth);
});

test('pages are Vietnamese by default and English on request, remembered per user', async () => {
  const c = new Client(srv.url);
  let r = await c.get('/login');
  assert.match(r.text, /<html lang="vi"/);
  assert.match(r.text, /Đăng nhập/);
  pages.login_vi = r.text;
  // Anonymous: a cookie remembers the choice.
  r = await c.postForm('/lang', { lang: 'en', next: '/login' });
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), '/login');
  r = await c.get('/login');
  assert.match(r.text, /<html lang="en"/);
  assert.match(r.text, /Log in/);
  pages.login_en = r.text;
  // A logged-in user's choice is stored with the user and follows them to another browser.
  const u = new Client(srv.url);
  await u.login('viewer', USERS.viewer.password);
  r = await u.postForm('/lang', { lang: 'en', next: '/' });
  assert.equal(r.status, 303);
  const other = new Client(srv.url);
  await other.login('viewer', USERS.viewer.password);
  r = await other.get('/');
  assert.match(r.text, /<html lang="en"/);
  assert.match(r.text, /Home/);
  pages.home_en = r.text;
  assert.equal((await other.get('/api/v1/me')).json.lang, 'en');
  // Only vi and en exist.
  r = await u.postForm('/lang', { lang: 'fr', next: '/' });
  assert.equal(r.status, 422);
  // An outside address is never a redirect target.
  r = await c.postForm('/lang', { lang: 'vi', next: '//evil.example/' });
  assert.equal(r.headers.get('location'), '/');
});

test('every page visited here is valid HTML', () => {
  validateHtml(pages);
});
