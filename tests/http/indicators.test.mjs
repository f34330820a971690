// The indicator catalogue: everyone logged in reads it; only administrators add, reword and retire,
// each change making a new catalogue version while the old versions read as they were.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, USERS, validateHtml } from '../lib/harness.mjs';

let srv;
const as = {};
const pages = {};
before(async () => {
  srv = await startServer();
  for (const name of Object.keys(USERS)) {
    as[name] = new Client(srv.url);
    if (name === 'admin') await as[name].loginForm(name, USERS[name].password);
    else await as[name].login(name, USERS[name].password);
  }
});
after(async () => { await srv.stop(); srv.cleanup(); });

const patch = (c, path, body) => c.request('PATCH', path, { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });

const NEW = {
  code: 'MEM_ETHNIC', area: 'members', kind: 'count', source: 'members', over_time: 'last',
  label_vi: 'Thành viên người dân tộc thiểu số', label_en: 'Ethnic minority members',
  definition_en: 'Members from an ethnic minority', definition_vi: '', check: '<= MEM_TOTAL', note: 'HelpAge',
};

test('the first catalogue (36 indicators, version 1) is readable by every role through the API', async () => {
  for (const name of Object.keys(USERS)) {
    const r = await as[name].get('/api/v1/indicators');
    assert.equal(r.status, 200, name);
    assert.equal(r.json.version, 1);
    assert.equal(r.json.items.length, 36);
    assert.equal(r.json.versions[0].change, 'load');
  }
  const r = await as.viewer.get('/api/v1/indicators/INC_OUTSTANDING');
  assert.equal(r.status, 200);
  assert.equal(r.json.kind, 'money');
  assert.equal(r.json.label_vi, 'Dư nợ cuối tháng');
  assert.match(r.json.check, /^= previous INC_OUTSTANDING/);
  assert.equal((await new Client(srv.url).get('/api/v1/indicators')).status, 401);
  assert.equal((await as.club.get('/api/v1/indicators?version=abc')).status, 422);
  assert.equal((await as.club.get('/api/v1/indicators?version=99')).status, 404);
  assert.equal((await as.club.get('/api/v1/indicators/NO_SUCH')).status, 404);
});

test('only administrators change the catalogue, through the API or the pages', async () => {
  for (const name of ['central', 'province', 'commune', 'club', 'viewer']) {
    const c = as[name];
    assert.equal((await c.postJson('/api/v1/indicators', NEW)).status, 403, name);
    assert.equal((await patch(c, '/api/v1/indicators/MEM_TOTAL', { label_vi: 'X' })).status, 403, name);
    assert.equal((await c.postJson('/api/v1/indicators/HEA_TALKS/retire', {})).status, 403, name);
    assert.equal((await c.get('/admin/indicators')).status, 403, name);
    assert.equal((await c.get('/admin/indicators/new')).status, 403, name);
    assert.equal((await c.get('/admin/indicators/MEM_TOTAL')).status, 403, name);
    assert.equal((await c.postForm('/admin/indicators', NEW)).status, 403, name);
    assert.equal((await c.postForm('/admin/indicators/MEM_TOTAL', { label_vi: 'X' })).status, 403, name);
    assert.equal((await c.postForm('/admin/indicators/HEA_TALKS/retire', {})).status, 403, name);
  }
  // Without the CSRF token an administrator's form is refused too.
  assert.equal((await as.admin.postForm('/admin/indicators', NEW, { csrf: false })).status, 403);
  assert.equal((await as.admin.get('/api/v1/indicators')).json.current_version, 1);
});

test('the catalogue page groups the indicators by area with their definitions; the nav links to it', async () => {
  const r = await as.admin.get('/admin/indicators');
  assert.equal(r.status, 200);
  for (const area of ['Thành viên', '1. Tăng thu nhập, sinh kế', '3. Chăm sóc tại nhà', '8. Huy động nguồn lực']) assert.ok(r.text.includes(area), area);
  assert.match(r.text, /Dư nợ cuối tháng/);
  // The definition next to the label (English while no Vietnamese one is written, marked as such).
  assert.match(r.text, /<span lang="en">Principal still owed on the last day of the month \(đồng\)<\/span>/);
  assert.match(r.text, /<code>&lt;= MEM_TOTAL<\/code>/);
  assert.match(r.text, /<li><a href="\/admin\/indicators"[^>]*>Danh mục chỉ tiêu<\/a><\/li>/);
  assert.match(r.text, /<select id="f-version" name="version">/);
  pages.list = r.text;
  pages.new = (await as.admin.get('/admin/indicators/new')).text;
  pages.show = (await as.admin.get('/admin/indicators/INC_OUTSTANDING')).text;
  assert.match(pages.show, /Sửa cách diễn đạt/);
  const en = new Client(srv.url);
  await en.loginForm('admin', USERS.admin.password);
  await en.postForm('/lang', { lang: 'en', next: '/admin/indicators' });
  const e = await en.get('/admin/indicators');
  assert.match(e.text, /6\. Culture, spiritual life and visits/);
  pages.list_en = e.text;
  // The language is the user's: back to Vietnamese for the tests below.
  await en.postForm('/lang', { lang: 'vi', next: '/admin/indicators' });
});

test('adding through the form: messages next to the field, typed values kept, nothing changed', async () => {
  const bad = [
    [{ code: 'mem ethnic' }, 'code', /Mã gồm 2 đến 24 chữ in hoa/],
    [{ code: 'MEM_TOTAL' }, 'code', /Mã này đã có trong danh mục/],
    [{ kind: 'percent' }, 'kind', /Loại số liệu là count/],
    [{ check: '<= MEM_NOBODY' }, 'check', /Quy tắc nhắc đến mã MEM_NOBODY/],
    [{ check: 'MEM_TOTAL' }, 'check', /Quy tắc kiểm tra viết dạng/],
    [{ label_vi: '  ' }, 'label_vi', /Vui lòng nhập thông tin này/],
  ];
  for (const [change, field, message] of bad) {
    const r = await as.admin.postForm('/admin/indicators', { ...NEW, ...change });
    assert.equal(r.status, 422, field);
    assert.match(r.text, new RegExp(`<div class="field invalid"><label for="f-${field}">`), field);
    assert.match(r.text, message, field);
    assert.match(r.text, /value="Ethnic minority members"/);
    pages[`new_error_${field}`] = r.text;
  }
  assert.equal((await as.admin.get('/api/v1/indicators')).json.current_version, 1);
  const r = await as.admin.postForm('/admin/indicators', NEW);
  assert.equal(r.status, 303);
  assert.match(r.headers.get('location'), /^\/admin\/indicators\?saved=1/);
  const list = await as.admin.get(r.headers.get('location'));
  assert.match(list.text, /Đã lưu: danh mục nay là phiên bản 2/);
  assert.match(list.text, /Thành viên người dân tộc thiểu số/);
});

test('the API adds, rewords and retires; each makes a version; old versions read as they were', async () => {
  let r = await as.admin.postJson('/api/v1/indicators', { ...NEW, code: 'HEA_BP', area: 'health', source: 'entered', over_time: 'sum', check: '', label_vi: 'Lượt đo huyết áp', label_en: 'Blood pressure checks' });
  assert.equal(r.status, 201);
  assert.equal(r.json.made_version, 3);
  r = await as.admin.postJson('/api/v1/indicators', { ...NEW, code: 'HEA_BP' });
  assert.equal(r.status, 422);
  assert.equal(r.json.error.field, 'code');
  r = await as.admin.postJson('/api/v1/indicators', { ...NEW, code: 'X1', kind: 'percent' });
  assert.equal(r.json.error.field, 'kind');
  r = await as.admin.postJson('/api/v1/indicators', { ...NEW, code: 'X1', check: '>= NOPE' });
  assert.equal(r.json.error.field, 'check');
  assert.match(r.json.error.message, /NOPE/);
  r = await as.admin.postJson('/api/v1/indicators', { ...NEW, code: 'X1', colour: 'red' });
  assert.equal(r.json.error.field, 'colour');
  r = await as.admin.postJson('/api/v1/indicators', { ...NEW, code: 7 });
  assert.equal(r.status, 422);

  r = await patch(as.admin, '/api/v1/indicators/HEA_BP', { label_vi: 'Lượt đo huyết áp cho thành viên', definition_vi: 'Số lần đo huyết áp' });
  assert.equal(r.status, 200);
  assert.equal(r.json.made_version, 4);
  assert.equal(r.json.wordings.length, 2);
  r = await patch(as.admin, '/api/v1/indicators/HEA_BP', { kind: 'money' });
  assert.equal(r.status, 422);
  assert.equal(r.json.error.field, 'kind');
  r = await patch(as.admin, '/api/v1/indicators/HEA_BP', { label_vi: 'Lượt đo huyết áp cho thành viên' });
  assert.equal(r.status, 422);
  assert.equal(r.json.error.field, 'label_vi');

  r = await as.admin.postJson('/api/v1/indicators/MEM_TOTAL/retire', {});
  assert.equal(r.status, 422, 'MEM_TOTAL is named by other checks');
  r = await as.admin.postJson('/api/v1/indicators/HEA_BP/retire', { note: 'đo trong HEA_CHECKS' });
  assert.equal(r.status, 200);
  assert.equal(r.json.until_version, 5);
  r = await as.admin.postJson('/api/v1/indicators/HEA_BP/retire', {});
  assert.equal(r.status, 422);

  const v = async (n) => (await as.viewer.get(`/api/v1/indicators?version=${n}`)).json.items;
  assert.equal((await v(1)).length, 36);
  assert.ok(!(await v(1)).some((x) => x.code === 'HEA_BP' || x.code === 'MEM_ETHNIC'));
  assert.equal((await v(3)).find((x) => x.code === 'HEA_BP').label_vi, 'Lượt đo huyết áp');
  assert.equal((await v(4)).find((x) => x.code === 'HEA_BP').label_vi, 'Lượt đo huyết áp cho thành viên');
  assert.equal((await v(5)).length, 37);
  r = await as.viewer.get('/api/v1/indicators/HEA_BP?version=3');
  assert.equal(r.json.label_vi, 'Lượt đo huyết áp');
  // The old version on the page says it is old.
  const old = await as.admin.get('/admin/indicators?version=1');
  assert.match(old.text, /Đây là phiên bản cũ 1/);
  assert.doesNotMatch(old.text, /<strong>Thành viên người dân tộc thiểu số<\/strong>/);
  assert.match(old.text, /<strong>Dư nợ cuối tháng<\/strong>/);
  pages.old = old.text;
  assert.equal((await as.admin.get('/admin/indicators?version=x')).status, 404);
  // Every change is audited.
  const audit = await as.admin.get('/api/v1/audit?entity=indicator&id=HEA_BP');
  assert.deepEqual(audit.json.items.map((x) => x.action).sort(), ['add', 'retire', 'reword']);
});

test('rewording and retiring through the pages', async () => {
  let r = await as.admin.postForm('/admin/indicators/MEM_ETHNIC', { label_vi: '', label_en: 'Ethnic minority members', definition_vi: 'Thành viên dân tộc thiểu số', definition_en: 'x', note: '' });
  assert.equal(r.status, 422);
  assert.match(r.text, /<div class="field invalid"><label for="f-label_vi">/);
  assert.match(r.text, /value="Thành viên dân tộc thiểu số"/);
  pages.reword_error = r.text;
  r = await as.admin.postForm('/admin/indicators/MEM_ETHNIC', { label_vi: 'Thành viên là người dân tộc thiểu số', label_en: 'Ethnic minority members', definition_vi: 'Thành viên dân tộc thiểu số', definition_en: 'Members from an ethnic minority', note: 'rõ hơn' });
  assert.equal(r.status, 303);
  r = await as.admin.get(r.headers.get('location'));
  assert.match(r.text, /Đã lưu/);
  assert.match(r.text, /Thành viên là người dân tộc thiểu số/);
  pages.show_saved = r.text;
  r = await as.admin.postForm('/admin/indicators/MEM_TOTAL/retire', { note: '' });
  assert.equal(r.status, 422);
  assert.match(r.text, /Quy tắc kiểm tra của chỉ tiêu MEM_/);
  pages.retire_error = r.text;
  r = await as.admin.postForm('/admin/indicators/MEM_ETHNIC/retire', { note: 'không dùng nữa' });
  assert.equal(r.status, 303);
  r = await as.admin.get('/admin/indicators/MEM_ETHNIC');
  assert.match(r.text, /đã thôi dùng từ phiên bản/);
  assert.doesNotMatch(r.text, /Thôi dùng chỉ tiêu này/);
  pages.retired = r.text;
  assert.equal((await as.admin.postForm('/admin/indicators/NO_SUCH/retire', {})).status, 404);
  assert.equal((await as.admin.get('/admin/indicators/NO_SUCH')).status, 404);
});

test('every indicator page is valid HTML', () => {
  validateHtml(pages);
});
