// Administrative units through the 2025 reform: pages, API, and the import commands.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, Client, USERS, ishc, validateHtml } from '../lib/harness.mjs';

let srv, viewer;
const pages = {};
before(async () => {
  srv = await startServer();
  viewer = new Client(srv.url);
  await viewer.login('viewer', USERS.viewer.password);
});
after(async () => { await srv.stop(); srv.cleanup(); });

test('the country as it was on 2021-06-30: 63 provinces; and as it is today: 34', async () => {
  let r = await viewer.get('/api/v1/units?level=province&on=2021-06-30&per_page=100');
  assert.equal(r.status, 200);
  assert.equal(r.json.total, 63);
  assert.ok(r.json.items.some((u) => u.name === 'Bắc Giang' && u.valid_to === '2025-06-30'));
  r = await viewer.get('/api/v1/units?level=province&per_page=100');
  assert.equal(r.json.total, 34);
  assert.equal(r.json.items[0].name, 'An Giang');
  r = await viewer.get('/units?on=30/06/2021');
  assert.equal(r.status, 200);
  assert.match(r.text, /63 tỉnh, thành phố/);
  assert.match(r.text, /Đơn vị hành chính ngày 30\/06\/2021/);
  assert.match(r.text, /bản chụp tháng 3\/2025/);
  pages.units_2021 = r.text;
  r = await viewer.get('/units');
  assert.match(r.text, /34 tỉnh, thành phố/);
  pages.units_today = r.text;
});

test('any commune is found by typing its name without accents', async () => {
  let r = await viewer.get('/api/v1/units?q=hoang%20loc&level=commune');
  assert.equal(r.json.total, 1);
  assert.equal(r.json.items[0].name, 'Xã Hoằng Lộc');
  assert.equal(r.json.items[0].parent_code, '38');
  r = await viewer.get('/units?q=da+nang');
  assert.match(r.text, /Đà Nẵng/);
  pages.search = r.text;
  r = await viewer.get('/api/v1/units?q=hoang%20loc&level=commune&on=2021-06-30');
  assert.ok(r.json.total >= 1);
  assert.ok(r.json.items.every((u) => u.valid_to === '2025-06-30'));
});

test('an old commune is followed to its new one; a new province to the old ones it carries', async () => {
  let r = await viewer.get('/api/v1/units/15961?on=2021-06-30');
  assert.equal(r.status, 200);
  assert.equal(r.json.level, 'commune');
  assert.equal(r.json.successors.length, 1);
  assert.equal(r.json.successors[0].name, 'Xã Hoằng Lộc');
  assert.equal(r.json.successors[0].how, 'kept_code');
  assert.equal(r.json.restated.code, '15961');
  r = await viewer.get('/api/v1/units/24');
  assert.equal(r.json.name, 'Bắc Ninh');
  assert.deepEqual(r.json.predecessors.map((u) => u.name).sort(), ['Bắc Giang', 'Bắc Ninh']);
  r = await viewer.get('/units/24?on=2021-06-30');
  assert.equal(r.status, 200);
  assert.match(r.text, /Bắc Giang \(24\)/);
  assert.match(r.text, /Trở thành/);
  assert.match(r.text, /Quy đổi theo địa giới hiện nay/);
  pages.unit_old = r.text;
  r = await viewer.get('/units/24');
  assert.match(r.text, /Trước đây là/);
  pages.unit_new = r.text;
  r = await viewer.get('/units/15964?on=2021-06-30');
  assert.match(r.text, /chưa có bảng đối chiếu cho đơn vị này/);
  pages.unit_unmapped = r.text;
});

test('bad dates, levels and codes get clear answers', async () => {
  let r = await viewer.get('/api/v1/units?on=31/02/2021');
  assert.equal(r.status, 422);
  assert.equal(r.json.error.field, 'on');
  r = await viewer.get('/api/v1/units?level=village');
  assert.equal(r.json.error.field, 'level');
  r = await viewer.get('/api/v1/units/99?on=2021-06-30');
  assert.equal(r.status, 404);
  r = await viewer.get('/api/v1/units?parent=99');
  assert.equal(r.status, 404);
  r = await viewer.get('/units?on=hôm-qua');
  assert.equal(r.status, 422);
  assert.match(r.text, /aria-invalid="true"/);
  pages.bad_date = r.text;
  assert.equal((await viewer.get('/units/77777')).status, 404);
  assert.equal((await new Client(srv.url).get('/api/v1/units')).status, 401);
});

test('units import: a bad list names its rows and changes nothing; a good one loads', async () => {
  const bad = join(srv.dir, 'bad.csv');
  writeFileSync(bad, 'province_code,commune_code,commune_name\n38,15961,Xã Hoằng Lộc\n99,15976,Xã Hoằng Châu\n38,15961,Xã Lặp\n');
  let r = ishc(['units', 'import', '--db', srv.db, '--list', bad, '--valid-from', '2027-01-01']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /dòng 3, cột province_code: Không có tỉnh mã 99/);
  assert.match(r.stderr, /dòng 4, cột commune_code: Xã mã 15961 đã có ở dòng 2/);
  assert.match(r.stderr, /nothing was loaded \(2 problems\)/);
  assert.equal((await viewer.get('/api/v1/units?level=commune&on=2027-01-02')).json.total, 3321);
  r = ishc(['units', 'import', '--db', srv.db, '--list', bad, '--valid-from', 'soon']);
  assert.equal(r.status, 1);
  const noHeader = join(srv.dir, 'noheader.csv');
  writeFileSync(noHeader, '38,15961,Xã Hoằng Lộc\n');
  r = ishc(['units', 'import', '--db', srv.db, '--list', noHeader, '--valid-from', '2027-01-01']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /must name the columns/);
  r = ishc(['units', 'import', '--db', srv.db]);
  assert.equal(r.status, 2);
});

test('units map: links an absorbed commune, refuses a second mapping', async () => {
  const file = join(srv.dir, 'map.csv');
  writeFileSync(file, 'old_code,new_code\n15964,15961\n');
  let r = ishc(['units', 'map', '--db', srv.db, '--mapping', file]);
  assert.equal(r.status, 0, r.stderr);
  r = await viewer.get('/api/v1/units/15964?on=2021-06-30');
  assert.equal(r.json.restated.code, '15961');
  r = ishc(['units', 'map', '--db', srv.db, '--mapping', file]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /already mapped/);
  const a = new Client(srv.url);
  await a.login('admin', USERS.admin.password);
  const audit = await a.get('/api/v1/audit?entity=unit_links');
  assert.equal(audit.json.items[0].action, 'map');
  assert.equal(audit.json.items[0].username, 'cli');
});

test('every page visited here is valid HTML', () => {
  validateHtml(pages);
});
