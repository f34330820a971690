// Importing past months' reports from Excel and CSV: each role imports only its own clubs' rows
// (club user its club, commune its communes'; viewers and central refused), the preview names
// every problem by row and column with warnings apart, the commit loads every month or none, the
// months then read back through GET /api/v1/clubs/{id}/reports/{period}, a second import of
// submitted months is refused, the template, and the command line.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, Client, USERS, ishc, validateHtml, root, makeDir } from '../lib/harness.mjs';

const FIX = join(root, 'tests', 'fixtures', 'import');
const read = (name) => readFileSync(join(FIX, name));
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let srv;
const as = {};
const pages = {};
const ids = {};

// The clubs of clubs.csv, and five members of 15961-01 who joined in 2023 (attendance is checked
// against the members on the book).
before(async () => {
  srv = await startServer();
  let r = ishc(['import', 'clubs', '--db', srv.db, '--file', join(FIX, 'clubs.csv')]);
  assert.equal(r.status, 0, r.stderr + r.stdout);
  const dir = makeDir('ishc-rimp-');
  const members = join(dir, 'tv.csv');
  writeFileSync(members, 'Họ và tên,Năm sinh,Giới tính,Dân tộc,Ngày vào CLB\n' +
    'Nguyễn Văn An,1950,Nam,Kinh,01/01/2023\nTrần Thị Bình,1955,Nữ,Kinh,01/01/2023\nLê Thị Cúc,1960,Nữ,Kinh,01/01/2023\n' +
    'Phạm Văn Dũng,1990,Nam,Kinh,01/01/2023\nHoàng Thị Em,1985,Nữ,Kinh,01/01/2023\n');
  r = ishc(['import', 'members', '--db', srv.db, '--club', '15961-01', '--file', members]);
  assert.equal(r.status, 0, r.stderr + r.stdout);
  for (const name of Object.keys(USERS)) {
    as[name] = new Client(srv.url);
    await as[name].login(name, USERS[name].password);
  }
  const list = await as.admin.get('/api/v1/clubs?per_page=50');
  assert.equal(list.status, 200, list.text);
  const items = list.json.items || list.json.clubs || list.json.data;
  for (const c of items) ids[c.code] = c.id;
  assert.ok(ids['15961-01'] && ids['15961-02'], list.text);
});
after(async () => { await srv.stop(); srv.cleanup(); });

function upload(c, path, fields, file, name) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  if (file !== undefined) fd.append('file', new Blob([file]), name);
  return c.request('POST', path, { body: fd });
}
const apiImport = (c, query, file, name) => upload(c, `/api/v1/imports/reports${query}`, {}, file, name);
const where = (json) => json.problems.map((p) => `${p.row}:${p.columns.join(',')}:${p.field}${p.warning ? '!' : ''}`);
const report = (c, code, period) => c.get(`/api/v1/clubs/${ids[code]}/reports/${period}`);
const value = (rep, code) => rep.items.find((i) => i.code === code).value;

test('viewers and central cannot import reports, on the pages or the API', async () => {
  for (const name of ['viewer', 'central']) {
    const r = await apiImport(as[name], '?preview=1', read('reports-good.csv'), 'reports-good.csv');
    assert.equal(r.status, 403, `${name}: ${r.text}`);
    assert.equal((await as[name].get('/imports/new?kind=reports')).status, 403, name);
    assert.equal((await as[name].get('/imports/reports-template.xlsx')).status, 403, name);
  }
});

test('the club user previews, then imports its own months; the report API reads them; a second import is refused', async () => {
  const c = as.club;
  let r = await apiImport(c, '?preview=1', read('reports-good.csv'), 'reports-good.csv');
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.json.kind, r.json.rows, r.json.valid, r.json.errors, r.json.preview], ['reports', 3, 3, 0, true]);
  assert.deepEqual(r.json.months.map((m) => `${m.club} ${m.period} ${m.status}`),
    ['15961-01 2024-01 submitted', '15961-01 2024-02 submitted', '15961-01 2024-03 submitted']);
  assert.deepEqual(r.json.skipped_rows, [5]);
  // The preview wrote nothing.
  r = await report(c, '15961-01', '2024-02');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'draft');

  // A file with another club's rows: named by row and column, nothing loaded.
  r = await apiImport(c, '', read('reports-commune.xlsx'), 'reports-commune.xlsx');
  assert.equal(r.status, 422, r.text);
  assert.equal(r.json.error.code, 'invalid');
  assert.deepEqual(where(r.json), ['3:B:club_code', '4:B:club_code']);
  assert.match(r.json.problems[0].message, /Không có CLB mã “15961-02” trong phạm vi của bạn/);
  assert.equal((await report(c, '15961-01', '2024-04')).json.status, 'draft');

  r = await apiImport(c, '', read('reports-good.csv'), 'reports-good.csv');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.loaded, 3);
  r = await report(c, '15961-01', '2024-02');
  assert.equal(r.json.status, 'submitted');
  assert.equal(value(r.json, 'MEET_ATTEND'), 5);
  assert.equal(value(r.json, 'INC_OUTSTANDING'), 5000000);
  assert.equal(value(r.json, 'MEM_TOTAL'), 5, 'member figures come from the book');
  r = await report(as.province, '15961-01', '2024-03');
  assert.equal(value(r.json, 'CARE_VISITS'), 11);

  // The same file again: every month is submitted now.
  r = await apiImport(c, '', read('reports-good.csv'), 'reports-good.csv');
  assert.equal(r.status, 422, r.text);
  assert.deepEqual(where(r.json), ['2:D:period', '3:D:period', '4:D:period']);
  assert.match(r.json.problems[0].message, /Báo cáo tháng 01\/2024 của CLB 15961-01 đã nộp nên không nhập đè được/);
});

test('pages: the commune sees every bad row by row and column, the marked file, and no import button', async () => {
  const c = as.commune;
  let r = await c.get('/imports/new?kind=reports');
  assert.equal(r.status, 200);
  assert.match(r.text, /Nhập báo cáo các tháng trước từ Excel/);
  assert.match(r.text, /name="kind" value="reports"/);
  assert.match(r.text, /href="\/imports\/reports-template\.xlsx"/);
  pages.form = r.text;

  r = await upload(c, '/imports', { kind: 'reports' }, read('reports-bad.xlsx'), 'reports-bad.xlsx');
  assert.equal(r.status, 303, r.text.slice(0, 400));
  const loc = r.headers.get('location');
  r = await c.get(loc);
  assert.equal(r.status, 200);
  assert.match(r.text, /16 dòng: 4 hợp lệ, 12 có lỗi/);
  assert.match(r.text, /Lỗi cần sửa \(12\)/);
  assert.match(r.text, /Cảnh báo: xin xem lại, không ngăn việc nhập \(2\)/);
  assert.match(r.text, /<td class="nowrap" data-label="Dòng">5<\/td><td data-label="Cột">B – Mã CLB<\/td><td data-label="Lỗi">Không có CLB mã “99999-01” trong phạm vi của bạn\.<\/td>/);
  assert.match(r.text, /<td class="nowrap" data-label="Dòng">6<\/td><td data-label="Cột">B – Mã CLB<\/td><td data-label="Lỗi">Không có CLB mã “15880-01”/);
  assert.match(r.text, /data-label="Dòng">8<\/td><td data-label="Cột">C – Tháng<\/td><td data-label="Lỗi">Tháng 01\/2099 chưa tới\./);
  assert.match(r.text, /data-label="Dòng">13<\/td><td data-label="Cột">D – Số thành viên dự họp<\/td><td data-label="Lỗi">Số thành viên dự họp \(9\) không được lớn hơn Tổng số thành viên \(5\)/);
  assert.match(r.text, /data-label="Dòng">15<\/td><td data-label="Cột">H – Dư nợ cuối tháng<\/td>/);
  assert.match(r.text, /data-label="Dòng">17<\/td><td data-label="Cột">I – Lượt thăm chăm sóc tại nhà<\/td><td data-label="Lỗi">Lượt thăm chăm sóc tại nhà \(40\) gấp mười lần/);
  assert.doesNotMatch(r.text, /\/commit/);
  pages.bad = r.text;
  const x = await c.get(loc + '/problems.xlsx');
  assert.equal(x.status, 200);
  assert.equal(x.headers.get('content-type'), XLSX_TYPE);
  assert.equal(x.bytes.subarray(0, 2).toString(), 'PK');
  // Someone else's upload is not theirs to see.
  assert.equal((await as.club.get(loc)).status, 404);
});

test('pages: the commune previews and commits its clubs\' months; approved where it may approve', async () => {
  const c = as.commune;
  let r = await upload(c, '/imports', { kind: 'reports' }, read('reports-commune.xlsx'), 'reports-commune.xlsx');
  assert.equal(r.status, 303, r.text.slice(0, 400));
  const loc = r.headers.get('location');
  r = await c.get(loc);
  assert.match(r.text, /3 dòng: 3 hợp lệ, 0 có lỗi/);
  assert.match(r.text, /Nhập 3 báo cáo tháng/);
  assert.match(r.text, /data-label="Tháng">02\/2024<\/td><td data-label="Nhập là">Đã duyệt<\/td>/);
  pages.good = r.text;
  r = await c.postForm(loc + '/commit', {});
  assert.equal(r.status, 303, r.text.slice(0, 400));
  assert.equal(r.headers.get('location'), loc + '?done=1');
  r = await c.get(loc + '?done=1');
  assert.match(r.text, /Đã nhập 3 báo cáo tháng/);
  pages.done = r.text;
  r = await report(c, '15961-02', '2024-02');
  assert.equal(r.json.status, 'approved');
  assert.equal(value(r.json, 'INC_OUTSTANDING'), 800000);
  assert.equal((await report(c, '15961-02', '2024-01')).json.status, 'submitted');
  r = await report(as.club, '15961-01', '2024-04');
  assert.equal(r.json.status, 'submitted');
  assert.equal(value(r.json, 'MEET_ATTEND'), 5);
  // A second commit changes nothing.
  r = await c.postForm(loc + '/commit', {});
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), loc);
});

test('a club user\'s “đã duyệt” is a warning: the month is imported submitted', async () => {
  const c = as.club;
  const csv = 'Mã CLB,Tháng,Lượt thăm chăm sóc tại nhà,Trạng thái\n15961-01,2024-05,8,đã duyệt\n';
  let r = await upload(c, '/imports', { kind: 'reports' }, Buffer.from(csv), 'thang5.csv');
  assert.equal(r.status, 303, r.text.slice(0, 400));
  const loc = r.headers.get('location');
  r = await c.get(loc);
  assert.match(r.text, /Cảnh báo: xin xem lại, không ngăn việc nhập \(1\)/);
  assert.match(r.text, /Bạn không có quyền duyệt báo cáo của CLB này/);
  assert.match(r.text, /Nhập 1 báo cáo tháng/);
  pages.warn = r.text;
  r = await c.postForm(loc + '/commit', {});
  assert.equal(r.status, 303);
  r = await report(c, '15961-01', '2024-05');
  assert.equal(r.json.status, 'submitted');
  assert.equal(value(r.json, 'CARE_VISITS'), 8);
});

test('the province imports across its communes; Hà Nội\'s club is outside its scope', async () => {
  const csv = 'Mã CLB,Tháng,Năm,Lượt thăm chăm sóc tại nhà\n15880-01,6,2024,2\n00004-01,6,2024,2\n';
  let r = await apiImport(as.province, '', Buffer.from(csv), 'p.csv');
  assert.equal(r.status, 422, r.text);
  assert.deepEqual(where(r.json), ['3:A:club_code']);
  r = await apiImport(as.province, '', Buffer.from(csv.split('\n').slice(0, 2).join('\n') + '\n'), 'p.csv');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.loaded, 1);
  assert.equal((await report(as.admin, '15880-01', '2024-06')).json.status, 'submitted');
});

test('the template has the catalogue\'s headings and reads back as an empty table', async () => {
  const r = await as.commune.get('/imports/reports-template.xlsx');
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), XLSX_TYPE);
  assert.equal(r.bytes.subarray(0, 2).toString(), 'PK');
  const back = await apiImport(as.commune, '?preview=1', r.bytes, 'mau.xlsx');
  assert.equal(back.status, 200, back.text);
  assert.equal(back.json.header_row, 4, "under the title and the note");
  const fields = back.json.columns.map((c) => c.field);
  for (const f of ['club_code', 'period', 'status', 'MEET_ATTEND', 'INC_OUTSTANDING', 'RES_CASH_VND']) assert.ok(fields.includes(f), f);
  assert.ok(!fields.includes('MEM_TOTAL'), 'member figures are not in the template');
  assert.equal(back.json.rows, 0, 'the clubs listed with no month are not rows to import');
});

test('command line: checks by default, names the rows, loads with --commit as a user', () => {
  let r = ishc(['import', 'reports', '--db', srv.db, '--file', join(FIX, 'reports-bad.xlsx'), '--as', 'commune']);
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /dòng 5, cột B \(Mã CLB\): Không có CLB mã “99999-01”/);
  assert.match(r.stdout, /cảnh báo, dòng 17, cột I/);
  assert.match(r.stderr, /12 lỗi, chưa nhập gì/);
  const dir = makeDir('ishc-rimp-cli-');
  const f = join(dir, 'cli.csv');
  writeFileSync(f, 'Mã CLB,Tháng,Lượt thăm chăm sóc tại nhà\n15961-02,2024-09,5\n');
  r = ishc(['import', 'reports', '--db', srv.db, '--file', f, '--as', 'commune']);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /1 dòng hợp lệ.*--commit/);
  r = ishc(['import', 'reports', '--db', srv.db, '--file', f, '--as', 'club', '--commit']);
  assert.equal(r.status, 1, r.stdout + r.stderr);
  r = ishc(['import', 'reports', '--db', srv.db, '--file', f, '--as', 'commune', '--commit']);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /đã nhập 1 báo cáo tháng/);
  r = ishc(['import', 'reports', '--db', srv.db, '--file', f, '--as', 'nobody']);
  assert.equal(r.status, 1);
});

test('the import pages are valid HTML', () => {
  validateHtml(pages);
});
