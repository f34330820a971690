// Documents of direction and guidance (issue 9, the review's section I): the pages and the API per
// role — central records the central level's, a province its own; bad input answers 422 naming the
// field (in Vietnamese, and in English for a user who chose it) and saves nothing; a document
// outside the scope is 404, a role without the right 403; every page through the HTML checker.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, USERS, validateHtml, dbSql } from '../lib/harness.mjs';

let srv;
const as = {};
const pages = {};
before(async () => {
  srv = await startServer({ env: { ISHC_NOW: '1770681600' } }); // 10/02/2026
  for (const name of Object.keys(USERS)) {
    as[name] = new Client(srv.url);
    await as[name].login(name, USERS[name].password);
  }
});
after(async () => { await srv.stop(); srv.cleanup(); });

const count = (sql) => Number(dbSql(srv.db, sql).trim());
const docs = () => count('SELECT COUNT(*) FROM guidance_documents');
const audits = () => count("SELECT COUNT(*) FROM audit_log WHERE entity = 'guidance_document'");

let centralId, provinceId;

test('central records a central document through the form; the list and the page show it', async () => {
  let r = await as.central.get('/guidance/new');
  assert.equal(r.status, 200);
  assert.match(r.text, /name="number"/);
  pages.form = r.text;
  const good = { unit: '', programme: 'DA1336', number: '125/HD-NCT', issued_on: '15/03/2021', kind: 'guidance',
    title: 'Hướng dẫn thành lập, duy trì CLB Liên thế hệ tự giúp nhau', issuer: 'Trung ương Hội NCT Việt Nam', note: '' };
  r = await as.central.postForm('/guidance', good);
  assert.equal(r.status, 303, r.text);
  centralId = Number(r.headers.get('location').match(/\/guidance\/(\d+)/)[1]);
  r = await as.central.get(`/guidance/${centralId}?saved=1`);
  assert.equal(r.status, 200);
  assert.match(r.text, /Đã lưu văn bản/);
  assert.match(r.text, /125\/HD-NCT/);
  assert.match(r.text, /15\/03\/2021/);
  assert.match(r.text, /name="title"/, 'central may edit it');
  pages.show = r.text;
  r = await as.central.get('/guidance?year=2021');
  assert.equal(r.status, 200);
  assert.match(r.text, /<table class="stack">/);
  assert.match(r.text, /data-label="Số, ký hiệu"><a href="\/guidance\/\d+">125\/HD-NCT<\/a>/);
  assert.match(r.text, /data-label="Loại">Hướng dẫn</);
  assert.match(r.text, /15\/03\/2021/);
  pages.list = r.text;
  r = await as.central.get('/guidance?year=2022');
  assert.doesNotMatch(r.text, /125\/HD-NCT/);
  assert.equal(audits(), 1);

  // the same number the same year from the same level: refused on the number
  const n = docs();
  r = await as.central.postForm('/guidance', { ...good, issued_on: '01/12/2021' });
  assert.equal(r.status, 422);
  assert.match(r.text, /Văn bản số này của cùng đơn vị trong cùng năm đã được ghi nhận/);
  assert.match(r.text, /id="f-number"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="f-number"/);
  assert.match(r.text, /value="01\/12\/2021"/, 'what was typed is kept');
  pages.dup = r.text;
  assert.equal(docs(), n);
});

test('bad input is refused naming the field, in Vietnamese and in English, and saves nothing', async () => {
  const good = { unit: '', programme: '', number: '7/CV-NCT', issued_on: '05/01/2026', kind: 'official_letter', title: 'Về việc báo cáo' };
  const n = docs(), a = audits();
  const cases = [
    [{ number: '' }, 'number', /Vui lòng|bắt buộc|không được để trống/i],
    [{ issued_on: '11/02/2026' }, 'issued_on', /Ngày ban hành không được sau ngày hôm nay/],
    [{ issued_on: '31/02/2021' }, 'issued_on', /Ngày không hợp lệ/],
    [{ kind: 'memo' }, 'kind', /không hợp lệ/],
    [{ title: '' }, 'title', /./],
    [{ unit: '15961' }, 'unit', /tỉnh/],
    [{ number: 'x'.repeat(61) }, 'number', /./],
  ];
  for (const [change, field, msg] of cases) {
    const r = await as.central.postForm('/guidance', { ...good, ...change });
    assert.equal(r.status, 422, `${field}: ${r.status}`);
    assert.match(r.text, new RegExp(`id="e-${field}"`), `the message under ${field}`);
    assert.match(r.text, msg);
    const j = await as.central.postJson('/api/v1/guidance', { ...good, unit_code: good.unit, ...change, ...(change.unit !== undefined ? { unit_code: change.unit } : {}), unit: undefined });
    assert.equal(j.status, 422, `API ${field}: ${j.text}`);
    assert.equal(j.json.error.field, field);
  }
  pages.bad = (await as.central.postForm('/guidance', { ...good, number: '' })).text;
  // English for a user who chose it
  const en = new Client(srv.url);
  await en.login('central', USERS.central.password);
  assert.equal((await en.postForm('/lang', { lang: 'en', next: '/' })).status, 303);
  let r = await en.postForm('/guidance', { ...good, issued_on: '11/02/2026' });
  assert.equal(r.status, 422);
  assert.match(r.text, /The date of issue cannot be after today/);
  r = await en.postJson('/api/v1/guidance', { number: '7/CV-NCT', issued_on: '2026-02-11', kind: 'plan', title: 'x' });
  assert.equal(r.status, 422);
  assert.equal(r.json.error.field, 'issued_on');
  assert.match(r.json.error.message, /The date of issue cannot be after today/);
  r = await en.postJson('/api/v1/guidance', { number: '7/CV-NCT', issued_on: '2026-02-01', kind: 'plan', title: 'x', colour: 'red' });
  assert.equal(r.status, 422);
  assert.equal(r.json.error.field, 'colour');
  assert.equal(docs(), n);
  assert.equal(audits(), a);
});

test('a province records and edits its own; it reads central documents but cannot change them', async () => {
  let r = await as.province.postForm('/guidance', { programme: 'DA1336', number: '15/KH-HNCT', issued_on: '02/04/2021', kind: 'plan',
    title: 'Kế hoạch thực hiện Đề án 1336 năm 2021', issuer: 'Hội NCT tỉnh Thanh Hóa' });
  assert.equal(r.status, 303, r.text);
  provinceId = Number(r.headers.get('location').match(/\/guidance\/(\d+)/)[1]);
  r = await as.province.postForm(`/guidance/${provinceId}`, { programme: 'DA1336', number: '15/KH-HNCT', issued_on: '02/04/2021',
    kind: 'plan', title: 'Kế hoạch thực hiện Đề án 1336 trên địa bàn tỉnh năm 2021', issuer: 'Hội NCT tỉnh Thanh Hóa' });
  assert.equal(r.status, 303, r.text);
  r = await as.province.get(`/guidance/${provinceId}`);
  assert.match(r.text, /trên địa bàn tỉnh năm 2021/);
  pages.provinceShow = r.text;
  // another province's code: out of scope, nothing saved
  const n = docs();
  r = await as.province.postJson('/api/v1/guidance', { unit_code: '01', number: '3/KH', issued_on: '2021-05-01', kind: 'plan', title: 'x' });
  assert.equal(r.status, 403);
  assert.equal(r.json.error.field, 'unit');
  // central's document: read, but no edit form and no change
  r = await as.province.get(`/guidance/${centralId}`);
  assert.equal(r.status, 200);
  assert.doesNotMatch(r.text, /name="title"/);
  r = await as.province.postForm(`/guidance/${centralId}`, { number: 'X', issued_on: '15/03/2021', kind: 'plan', title: 'x' });
  assert.equal(r.status, 403);
  r = await as.province.request('PATCH', `/api/v1/guidance/${centralId}`, { body: JSON.stringify({ title: 'x' }), headers: { 'Content-Type': 'application/json' } });
  assert.equal(r.status, 403);
  assert.equal(docs(), n);
  // the list: central's and its own
  r = await as.province.get('/api/v1/guidance?year=2021');
  assert.equal(r.status, 200);
  assert.deepEqual(r.json.items.map((d) => d.number).sort(), ['125/HD-NCT', '15/KH-HNCT']);
  r = await as.province.get('/api/v1/guidance?unit=0');
  assert.deepEqual(r.json.items.map((d) => d.number), ['125/HD-NCT']);
  r = await as.province.get('/api/v1/guidance?unit=01');
  assert.equal(r.status, 403);
});

test('another province sees central documents only; communes and clubs are refused; viewers read', async () => {
  const hn = new Client(srv.url);
  assert.equal((await as.admin.postJson('/api/v1/users', { username: 'hanoi', full_name: 'Hội NCT Hà Nội', role: 'province', scope: '01', password: 'hanoi-password-1' })).status, 201);
  await hn.login('hanoi', 'hanoi-password-1');
  let r = await hn.get(`/guidance/${provinceId}`);
  assert.equal(r.status, 404);
  r = await hn.get(`/api/v1/guidance/${provinceId}`);
  assert.equal(r.status, 404);
  r = await hn.get('/api/v1/guidance');
  assert.deepEqual(r.json.items.map((d) => d.number), ['125/HD-NCT']);
  r = await hn.request('PATCH', `/api/v1/guidance/${provinceId}`, { body: JSON.stringify({ title: 'x' }), headers: { 'Content-Type': 'application/json' } });
  assert.equal(r.status, 404);
  for (const role of ['commune', 'club']) {
    assert.equal((await as[role].get('/guidance')).status, 403, role);
    assert.equal((await as[role].get('/api/v1/guidance')).status, 403, role);
    assert.equal((await as[role].get(`/guidance/${centralId}`)).status, 403, role);
    assert.equal((await as[role].postForm('/guidance', { number: '1', issued_on: '01/01/2021', kind: 'plan', title: 'x' })).status, 403, role);
  }
  r = await as.viewer.get('/guidance');
  assert.equal(r.status, 200);
  assert.match(r.text, /15\/KH-HNCT/);
  assert.doesNotMatch(r.text, /href="\/guidance\/new"/);
  pages.viewer = r.text;
  r = await as.viewer.get(`/guidance/${centralId}`);
  assert.equal(r.status, 200);
  assert.doesNotMatch(r.text, /name="title"/);
  assert.equal((await as.viewer.get('/guidance/new')).status, 403);
  assert.equal((await as.viewer.postJson('/api/v1/guidance', { number: '1', issued_on: '2021-01-01', kind: 'plan', title: 'x' })).status, 403);
  assert.equal((await as.central.get('/guidance/999999')).status, 404);
});

test('the API: create, read, change, list paginated by year, unit and programme', async () => {
  let r = await as.admin.postJson('/api/v1/guidance', { unit_code: '', programme: 'DA1336', number: '46/KH-NCT', issued_on: '05/02/2021',
    kind: 'plan', title: 'Kế hoạch triển khai thực hiện Đề án 1336 năm 2021', issuer: 'Trung ương Hội NCT Việt Nam' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.issued_on, '2021-02-05');
  assert.equal(r.json.level, 'central');
  assert.equal(r.json.programme, 'DA1336');
  const id = r.json.id;
  r = await as.admin.get(`/api/v1/guidance/${id}`);
  assert.equal(r.json.number, '46/KH-NCT');
  r = await as.central.request('PATCH', `/api/v1/guidance/${id}`, { body: JSON.stringify({ kind: 'decision', programme: null }), headers: { 'Content-Type': 'application/json' } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.kind, 'decision');
  assert.equal(r.json.programme, null);
  r = await as.central.request('PATCH', `/api/v1/guidance/${id}`, { body: JSON.stringify({ unit_code: '38' }), headers: { 'Content-Type': 'application/json' } });
  assert.equal(r.status, 422);
  r = await as.central.get('/api/v1/guidance?year=2021&per_page=1');
  assert.equal(r.status, 200);
  assert.equal(r.json.total, 3);
  assert.equal(r.json.items.length, 1);
  r = await as.central.get('/api/v1/guidance?year=2021&per_page=1&page=3');
  assert.equal(r.json.items.length, 1);
  r = await as.central.get('/api/v1/guidance?programme=DA1336');
  assert.deepEqual(r.json.items.map((d) => d.number).sort(), ['125/HD-NCT', '15/KH-HNCT']);
  r = await as.central.get('/api/v1/guidance?unit=38');
  assert.deepEqual(r.json.items.map((d) => d.number), ['15/KH-HNCT']);
  assert.equal((await as.central.get('/api/v1/guidance?year=abc')).status, 422);
  assert.equal((await as.central.get('/api/v1/guidance?unit=99999')).status, 404);
  r = await as.central.get('/guidance?year=abc');
  assert.equal(r.status, 422);
  pages.badYear = r.text;
  r = await as.central.get('/');
  assert.match(r.text, /href="\/guidance"/, 'home links the documents');
  assert.doesNotMatch((await as.commune.get('/')).text, /href="\/guidance"/);
});

test('every page passes the HTML checker', () => {
  validateHtml(pages);
});
