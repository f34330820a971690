// Importing training courses and monitoring / support visits (issue 8) through the import framework:
// the templates per kind, a preview naming row and column, all rows or none, scope (a province only
// its own province), the problems file, every role, and the imported rows on the pages.
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
  const c = await as.admin.postJson('/api/v1/clubs', { name: 'CLB Phú Thọ', unit_code: '15961', status: 'active', founded_on: '2020-03-01' });
  assert.equal(c.status, 201, c.text);
});
after(async () => { await srv.stop(); srv.cleanup(); });

const count = (sql) => Number(dbSql(srv.db, sql).trim());
function upload(c, path, fields, file, name) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  fd.append('file', new Blob([file]), name);
  return c.request('POST', path, { body: fd });
}
const csv = (rows) => Buffer.from(rows.map((r) => r.join(',')).join('\n') + '\n');

const TH = ['STT', 'Mã đơn vị tổ chức', 'Chủ đề', 'Địa điểm', 'Ngày bắt đầu', 'Ngày kết thúc', 'Số cán bộ Hội NCT', 'Số thành viên Ban chủ nhiệm', 'Số tình nguyện viên'];
const goodTrainings = csv([TH,
  [1, '38', 'Quản lý CLB Liên thế hệ', 'Thành phố Thanh Hóa', '05/01/2026', '07/01/2026', 12, 30, 5],
  [2, '15961', 'Chăm sóc tại nhà', 'Xã Hoằng Lộc', '20/01/2026', '', 0, 8, 20]]);

test('trainings: the template, a preview, the problems by row and column, nothing written until all is right', async () => {
  // The template: Vietnamese headings the import reads back.
  let r = await as.province.get('/imports/trainings-template.xlsx');
  assert.equal(r.status, 200);
  assert.equal(r.bytes.subarray(0, 2).toString(), 'PK');
  assert.match(r.headers.get('content-disposition'), /mau-nhap-tap-huan\.xlsx/);
  const tpl = await upload(as.province, '/api/v1/imports/trainings?preview=1', {}, r.bytes, 'mau.xlsx');
  assert.equal(tpl.status, 200, tpl.text);
  assert.ok(tpl.json.header_row > 0, 'the template\'s heading row is recognised');
  assert.deepEqual(tpl.json.columns.map((c) => c.field),
    ['number', 'unit', 'topic', 'place', 'start_date', 'end_date', 'officers', 'board_members', 'volunteers', 'note']);
  for (const who of ['club', 'viewer']) assert.equal((await as[who].get('/imports/trainings-template.xlsx')).status, 403, who);

  const bad = csv([TH,
    [1, '38', 'Quản lý CLB', 'Thanh Hóa', '31/02/2026', '', 5, 5, 0],        // a wrong date
    [2, '99999', 'Quản lý CLB', 'Thanh Hóa', '05/01/2026', '', 5, 5, 0],     // an unknown unit
    [3, '38', 'Quản lý CLB', 'Thanh Hóa', '10/01/2026', '08/01/2026', 5, 5, 0], // an end before the start
    [4, '01', 'Quản lý CLB', 'Hà Nội', '10/01/2026', '', 5, 5, 0],          // another province: out of scope
    [5, '38', 'Quản lý CLB', 'Thanh Hóa', '12/01/2026', '', 5, 5, 0]]);      // good
  r = await upload(as.province, '/api/v1/imports/trainings?preview=1', {}, bad, 'tap-huan.csv');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.kind, 'trainings');
  const where = r.json.problems.map((p) => [p.row, p.column, p.field]);
  assert.deepEqual(where, [[2, 'E', 'start_date'], [3, 'B', 'unit'], [4, 'F', 'end_date'], [5, 'B', 'unit']]);
  assert.match(r.json.problems[1].message_vi, /99999/);
  assert.match(r.json.problems[3].message_vi, /ngoài phạm vi/);
  assert.equal(r.json.valid, 1);
  r = await upload(as.province, '/api/v1/imports/trainings', {}, bad, 'tap-huan.csv');
  assert.equal(r.status, 422);
  assert.equal(count('SELECT COUNT(*) FROM trainings'), 0, 'nothing written');
  // The central level may import the other province's course.
  r = await upload(as.central, '/api/v1/imports/trainings?preview=1', {}, csv([TH, [1, '01', 'Quản lý CLB', 'Hà Nội', '10/01/2026', '', 5, 5, 0]]), 't.csv');
  assert.equal(r.json.errors, 0, r.text);
  // English headings are read too.
  r = await upload(as.central, '/api/v1/imports/trainings?preview=1', {},
    csv([['Organiser', 'Topic', 'Place', 'Start date', 'End date', 'Officers', 'Board members', 'Volunteers'], ['01', 'Club management', 'Ha Noi', '2026-01-10', '', 1, 2, 3]]), 't.csv');
  assert.equal(r.json.errors, 0, r.text);
  assert.equal(r.json.new, 1);

  // Through the pages: the form, the preview with the problems, the marked file; nothing written.
  r = await as.province.get('/imports/new?kind=trainings');
  assert.equal(r.status, 200);
  assert.match(r.text, /trainings-template\.xlsx/);
  pages.form = r.text;
  r = await upload(as.province, '/imports', { kind: 'trainings' }, bad, 'tap-huan.csv');
  assert.equal(r.status, 303, r.text.slice(0, 300));
  const loc = r.headers.get('location');
  r = await as.province.get(loc);
  assert.equal(r.status, 200);
  assert.match(r.text, /5 dòng: 1 hợp lệ, 4 có lỗi/);
  assert.match(r.text, /Ngày kết thúc không được trước ngày bắt đầu/);
  pages.preview_bad = r.text;
  r = await as.province.get(`${loc}/problems.xlsx`);
  assert.equal(r.status, 200);
  assert.equal(r.bytes.subarray(0, 2).toString(), 'PK');
  r = await as.province.postForm(`${loc}/commit`, {});
  assert.equal(r.status, 422);
  assert.equal(count('SELECT COUNT(*) FROM trainings'), 0);
});

test('trainings: a good file committed by the province, audited, on the trainings page; again changes nothing', async () => {
  let r = await upload(as.province, '/imports', { kind: 'trainings' }, goodTrainings, 'tap-huan.csv');
  assert.equal(r.status, 303);
  const loc = r.headers.get('location');
  r = await as.province.get(loc);
  assert.match(r.text, /2 dòng: 2 hợp lệ, 0 có lỗi/);
  assert.match(r.text, /Nhập 2 lớp tập huấn/);
  pages.preview_good = r.text;
  r = await as.province.postForm(`${loc}/commit`, {});
  assert.equal(r.status, 303);
  r = await as.province.get(r.headers.get('location'));
  assert.match(r.text, /Đã nhập 2 lớp tập huấn/);
  pages.done = r.text;
  assert.equal(count("SELECT COUNT(*) FROM trainings WHERE source = 'import'"), 2);
  assert.equal(count("SELECT COUNT(*) FROM audit_log WHERE entity = 'training' AND action = 'create'"), 2);
  assert.equal(count("SELECT COUNT(*) FROM audit_log WHERE entity = 'import' AND action = 'import'"), 1);
  r = await as.viewer.get('/trainings?year=2026');
  assert.match(r.text, /Quản lý CLB Liên thế hệ/);
  r = await as.province.get('/trainings?year=2026');
  assert.match(r.text, /imports\/new\?kind=trainings/);
  pages.trainings = r.text;
  const api = await as.viewer.get('/api/v1/trainings?year=2026');
  assert.equal(api.status, 200);
  // The same file again: both rows already there, nothing new.
  r = await upload(as.province, '/api/v1/imports/trainings', {}, goodTrainings, 'tap-huan.csv');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.existing, 2);
  assert.equal(r.json.loaded, 0);
  assert.equal(count('SELECT COUNT(*) FROM trainings'), 2);
});

test('trainings and visits imports per role: club users and viewers may not; commune within its commune', async () => {
  for (const kind of ['trainings', 'visits']) {
    for (const who of ['club', 'viewer']) {
      assert.equal((await as[who].get(`/imports/new?kind=${kind}`)).status, 403, `${who} ${kind}`);
      assert.equal((await upload(as[who], `/api/v1/imports/${kind}?preview=1`, {}, goodTrainings, 't.csv')).status, 403, `${who} ${kind}`);
      assert.equal((await upload(as[who], '/imports', { kind }, goodTrainings, 't.csv')).status, 403, `${who} ${kind}`);
    }
    for (const who of ['admin', 'central', 'province', 'commune'])
      assert.equal((await as[who].get(`/imports/new?kind=${kind}`)).status, 200, `${who} ${kind}`);
  }
  const r = await upload(as.commune, '/api/v1/imports/trainings?preview=1', {}, goodTrainings, 't.csv');
  assert.equal(r.status, 200);
  assert.deepEqual(r.json.problems.map((p) => [p.row, p.column]), [[2, 'B']], 'the province is outside the commune');
  assert.equal(r.json.existing, 1, 'the commune\'s course is already there');
});

const VH = ['STT', 'Ngày', 'Loại', 'Đoàn', 'Mã đơn vị', 'Mã CLB', 'Nhận xét chung', 'CLB họp định kỳ hằng tháng',
  'Có đủ hai quỹ: tăng thu nhập và hoạt động', 'Kiến nghị', 'Đơn vị thực hiện', 'Hạn thực hiện'];

test('visits: the template, problems by row and column, all or none; a good file with its recommendations', async () => {
  let r = await as.province.get('/imports/visits-template.xlsx');
  assert.equal(r.status, 200);
  const tpl = await upload(as.province, '/api/v1/imports/visits?preview=1', {}, r.bytes, 'mau.xlsx');
  assert.equal(tpl.status, 200, tpl.text);
  const fields = tpl.json.columns.map((c) => c.field);
  for (const f of ['visit_date', 'kind', 'team', 'unit', 'club', 'summary', 'meetings', 'funds', 'support', 'recommendation', 'owner', 'due_date'])
    assert.ok(fields.includes(f), f);
  const bad = csv([VH,
    [1, '32/01/2026', 'Giám sát', 'Đoàn tỉnh', '', '15961-01', '', 'Đạt', '', '', '', ''],        // wrong date
    [2, '15/01/2026', 'Thăm hỏi', 'Đoàn tỉnh', '15961', '', '', '', '', '', '', ''],             // unknown kind
    [3, '15/01/2026', 'Giám sát', 'Đoàn tỉnh', '', '15961-09', '', '', '', '', '', ''],          // unknown club
    [4, '15/01/2026', 'Hỗ trợ kỹ thuật', 'Đoàn tỉnh', '01', '', '', '', '', '', '', ''],         // out of scope
    [5, '15/01/2026', 'Giám sát', 'Đoàn tỉnh', '15961', '', '', 'có lẽ', '', '', '', ''],         // bad finding
    [6, '16/01/2026', 'Giám sát', 'Đoàn tỉnh', '15961', '', '', '', '', 'Lập sổ quỹ', '', '31/03/2026']]); // owner missing
  r = await upload(as.province, '/api/v1/imports/visits?preview=1', {}, bad, 'giam-sat.csv');
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.problems.map((p) => [p.row, p.column]), [[2, 'B'], [3, 'C'], [4, 'F'], [5, 'E'], [6, 'H'], [7, 'K']]);
  r = await upload(as.province, '/api/v1/imports/visits', {}, bad, 'giam-sat.csv');
  assert.equal(r.status, 422);
  assert.equal(count('SELECT COUNT(*) FROM visits'), 0);

  const good = csv([VH,
    [1, '15/01/2026', 'Giám sát', 'Đoàn Hội NCT tỉnh', '', '15961-01', 'CLB họp đều', 'Đạt', 'Đạt một phần', 'Bổ sung quỹ hoạt động', '15961', '31/01/2026'],
    [2, '20/01/2026', 'Hỗ trợ kỹ thuật', 'Cán bộ tỉnh', '15961', '', '', 'Chưa đạt', '', '', '', '']]);
  r = await upload(as.province, '/imports', { kind: 'visits' }, good, 'giam-sat.csv');
  assert.equal(r.status, 303);
  const loc = r.headers.get('location');
  r = await as.province.get(loc);
  assert.match(r.text, /Bổ sung quỹ hoạt động/);
  pages.visit_preview = r.text;
  r = await as.province.postForm(`${loc}/commit`, {});
  assert.equal(r.status, 303);
  assert.equal(count("SELECT COUNT(*) FROM visits WHERE source = 'import'"), 2);
  assert.equal(count("SELECT COUNT(*) FROM visit_findings WHERE result = 'partly' AND item = 'funds'"), 1);
  assert.equal(count("SELECT COUNT(*) FROM audit_log WHERE entity = 'followup'"), 1);
  assert.equal(count("SELECT COUNT(*) FROM audit_log WHERE entity = 'visit'"), 2);
  r = await as.province.get('/visits?year=2026');
  assert.match(r.text, /CLB Phú Thọ/);
  assert.match(r.text, /imports\/new\?kind=visits/);
  pages.visits = r.text;
  // The recommendation, due 31/01/2026, is overdue for the commune that owns it.
  assert.match((await as.commune.get('/followups/overdue')).text, /Bổ sung quỹ hoạt động/);
  // Again: already there.
  r = await upload(as.province, '/api/v1/imports/visits', {}, good, 'giam-sat.csv');
  assert.equal(r.json.existing, 2, r.text);
  assert.equal(count('SELECT COUNT(*) FROM visits'), 2);
});

test('a visit without a unit or club: the unit column is named, in Vietnamese and English', async () => {
  const r = await upload(as.province, '/api/v1/imports/visits?preview=1', {}, csv([VH, [1, '15/01/2026', 'Giám sát', 'Đoàn', '', '', '', '', '', '', '', '']]), 'v.csv');
  assert.equal(r.json.errors, 1);
  assert.equal(r.json.problems[0].column, 'E');
  assert.match(r.json.problems[0].message_en, /required/i);
});

test('every import page of trainings and visits is valid HTML', () => {
  validateHtml(pages);
});
