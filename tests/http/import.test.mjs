// Importing members and clubs from Excel and CSV: the preview names every problem by row and
// column, the commit loads all rows or none, a second import of the same file adds nobody, and
// every role reaches exactly the clubs it should. Also the command line.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, Client, USERS, ishc, validateHtml, root, makeDir, emptyDb, dropDb } from '../lib/harness.mjs';

const FIX = join(root, 'tests', 'fixtures', 'import');
const SAMPLE = join(root, 'data', 'samples', 'danh-sach-thanh-vien-mau.xlsx');
const read = (name) => readFileSync(name.includes('/') ? name : join(FIX, name));
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let srv;
const clients = {};
const pages = {};

// The clubs of the tests come from the clubs import itself (command line): 15961-01 and -02 in
// Xã Hoằng Lộc (Thanh Hóa), 15880-01 in Xã Hoằng Giang (Thanh Hóa), 00004-01 in Ba Đình (Hà Nội).
before(async () => {
  srv = await startServer();
  const r = ishc(['import', 'clubs', '--db', srv.db, '--file', join(FIX, 'clubs.csv')]);
  assert.equal(r.status, 0, r.stderr + r.stdout);
  for (const name of Object.keys(USERS)) {
    clients[name] = new Client(srv.url);
    await clients[name].login(name, USERS[name].password);
  }
});
after(async () => { await srv.stop(); srv.cleanup(); });

// Posts a multipart form with a file, as the upload form does.
function upload(c, path, fields, file, name = 'danh-sach.xlsx') {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  if (file !== undefined) fd.append('file', new Blob([file]), name);
  return c.request('POST', path, { body: fd });
}

// Uploads through the page; returns the preview's path (/imports/N) after checking the redirect.
async function uploadPage(c, club, file, name) {
  const r = await upload(c, '/imports', { kind: 'members', club }, file, name);
  assert.equal(r.status, 303, r.text.slice(0, 500));
  const loc = r.headers.get('location');
  assert.match(loc, /^\/imports\/\d+$/);
  return loc;
}

function apiImport(c, query, file, name = 'danh-sach.xlsx') {
  return upload(c, `/api/v1/imports/members?${query}`, {}, file, name);
}

function problemsOf(json) {
  return json.problems.map((p) => `${p.row}:${p.columns.join(',')}:${p.field}`);
}

test('the sample: the preview names its three bad rows by row and column and loads nothing', async () => {
  const c = clients.commune;
  const where = await uploadPage(c, '15961-01', read(SAMPLE), 'danh-sach-thanh-vien-mau.xlsx');
  const r = await c.get(where);
  assert.equal(r.status, 200);
  assert.match(r.text, /62 dòng: 59 hợp lệ, 3 có lỗi/);
  assert.match(r.text, /Chưa nhập gì/);
  // row 30 (#23) empty name, row 35 (#28) born 1890, row 39 (#32) a year under both Nam and Nữ
  assert.match(r.text, /<td class="nowrap" data-label="Dòng">30<\/td><td data-label="Cột">B – Họ và tên<\/td><td data-label="Lỗi">Thiếu họ và tên\.<\/td>/);
  assert.match(r.text, /<td class="nowrap" data-label="Dòng">35<\/td><td data-label="Cột">D – Năm sinh \/ Nữ<\/td><td data-label="Lỗi">Năm sinh 1890 không hợp lý/);
  assert.match(r.text, /<td class="nowrap" data-label="Dòng">39<\/td><td data-label="Cột">C, D – Năm sinh \/ Nam, Năm sinh \/ Nữ<\/td><td data-label="Lỗi">Năm sinh ghi ở cả cột Nam và cột Nữ/);
  assert.equal((r.text.match(/data-label="Lỗi">/g) || []).length, 3, 'exactly three problems: the untidy rows pass quietly');
  assert.doesNotMatch(r.text, /\/commit/, 'no commit button while there are problems');
  // The totals and signature lines under the table are skipped, not errors.
  assert.match(r.text, /Các dòng bỏ qua[^<]*: 71, 73, 74, 75\./);
  assert.match(r.text, /problems\.xlsx/);
  pages.preview_bad = r.text;

  // The marked copy: an .xlsx with comments on the bad cells and a sheet listing the problems.
  const x = await c.get(where + '/problems.xlsx');
  assert.equal(x.status, 200);
  assert.equal(x.headers.get('content-type'), XLSX_TYPE);
  assert.match(x.headers.get('content-disposition'), /attachment; filename="danh-sach-loi\.xlsx"/);
  assert.equal(x.bytes.subarray(0, 2).toString(), 'PK');
  const names = x.bytes.toString('latin1');
  assert.ok(names.includes('xl/comments1.xml') && names.includes('xl/worksheets/sheet2.xml'));

  // Committing anyway changes nothing.
  const k = await c.request('POST', where + '/commit');
  assert.equal(k.status, 422);
  assert.match(k.text, /Chưa nhập gì/);
  const p = await apiImport(c, 'club=15961-01&preview=1', read('danh-sach-da-sua.xlsx'));
  assert.equal(p.json.new, 62, 'nothing was loaded');
});

test('the same problems in English, and through the API with their row, columns and field', async () => {
  const en = new Client(srv.url);
  await en.login('commune', USERS.commune.password);
  let r = await en.postForm('/lang', { lang: 'en', next: '/' });
  assert.equal(r.status, 303);
  r = await apiImport(en, 'club=15961-01&preview=1', read(SAMPLE));
  assert.equal(r.status, 200);
  assert.equal(r.json.rows, 62);
  assert.equal(r.json.valid, 59);
  assert.equal(r.json.invalid, 3);
  assert.equal(r.json.header_row, 6);
  assert.deepEqual(problemsOf(r.json), ['30:B:full_name', '35:D:birth', '39:C,D:birth']);
  assert.equal(r.json.problems[0].message, 'The name is missing.');
  assert.equal(r.json.problems[0].message_vi, 'Thiếu họ và tên.');
  assert.equal(r.json.problems[1].heading, 'Năm sinh / Nữ');
  assert.deepEqual(r.json.skipped_rows, [71, 73, 74, 75]);
  assert.ok(r.json.columns.some((c) => c.column === 'C' && c.field === 'birth_male' && c.heading === 'Năm sinh / Nam'));
  const page = await en.get(`/imports/${(await uploadPage(en, '15961-01', read(SAMPLE), 's.xlsx')).split('/')[2]}`);
  assert.match(page.text, /62 rows: 59 valid, 3 with problems/);
  assert.match(page.text, /Birth year 1890 is not plausible/);
  pages.preview_en = page.text;
  await en.postForm('/lang', { lang: 'vi', next: '/' });
});

test('the fixed list loads all 62 members; importing it again adds nobody', async () => {
  const c = clients.commune;
  let where = await uploadPage(c, '15961-01', read('danh-sach-da-sua.xlsx'), 'danh-sach-da-sua.xlsx');
  let r = await c.get(where);
  assert.match(r.text, /62 dòng: 62 hợp lệ, 0 có lỗi/);
  assert.match(r.text, /Nhập 62 thành viên/);
  // The untidy rows as read: the NFD name in NFC, the spaces gone, the old tone placement modern.
  assert.match(r.text, /Bùi Thị Thanh Hằng/);
  assert.match(r.text, /data-label="Họ và tên">Nguyễn Thị Thanh Nga</);
  pages.preview_ok = r.text;
  r = await c.request('POST', where + '/commit');
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), where + '?done=1');
  r = await c.get(where + '?done=1');
  assert.match(r.text, /Đã nhập 62 thành viên; 0 người đã có trong sổ/);
  pages.done = r.text;
  // A second commit of the same upload (a double click) loads nothing more.
  r = await c.request('POST', where + '/commit');
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), where);
  // The file is not kept once loaded.
  r = await c.get(where + '/problems.xlsx');
  assert.equal(r.status, 404);
  const first = where;

  // The same file again: everyone is there already.
  where = await uploadPage(c, '15961-01', read('danh-sach-da-sua.xlsx'), 'danh-sach-da-sua.xlsx');
  r = await c.get(where);
  assert.match(r.text, /62 dòng: 62 hợp lệ, 0 có lỗi/);
  assert.match(r.text, /62 người đã có trong sổ, sẽ bỏ qua/);
  assert.doesNotMatch(r.text, /\/commit/);
  pages.again = r.text;
  r = await apiImport(c, 'club=15961-01', read('danh-sach-da-sua.xlsx'));
  assert.equal(r.status, 200);
  assert.equal(r.json.loaded, 0);
  assert.equal(r.json.existing, 62);
  // Another club of the same commune finds the same people: no second record.
  r = await apiImport(c, 'club=15961-02&preview=1', read('danh-sach-da-sua.xlsx'));
  assert.equal(r.json.existing, 62);
  // The import is audited, with who did it and what it loaded.
  r = await clients.admin.get('/api/v1/audit?entity=import&id=' + first.split('/')[2]);
  assert.equal(r.status, 200);
  assert.equal(r.json.total, 1);
  assert.equal(r.json.items[0].action, 'import');
  assert.equal(r.json.items[0].username, 'commune');
  assert.deepEqual([r.json.items[0].after.club, r.json.items[0].after.loaded], ['15961-01', 62]);
});

test('lists worded differently: sex in its own column, full birth dates, other headings', async () => {
  const c = clients.commune;
  const where = await uploadPage(c, '15961-02', read('hoi-vien-kieu-khac.xlsx'), 'hoi-vien.xlsx');
  let r = await c.get(where);
  assert.match(r.text, /5 dòng: 5 hợp lệ, 0 có lỗi/);
  assert.match(r.text, /data-label="Họ và tên">Nguyễn Văn Thành<\/td><td data-label="Giới tính">Nam<\/td><td data-label="Năm sinh">12\/04\/1950<\/td>/);
  assert.match(r.text, /data-label="Hộ">Cận nghèo</, '"Cận nghèo" and "CN" in a household column');
  assert.match(r.text, /data-label="Điện thoại">0356789012</, 'a phone stored as a number gets its leading 0 back');
  assert.match(r.text, /data-label="Họ và tên">Lê Thị Thủy</, 'old tone placement made modern');
  assert.match(r.text, /data-label="Họ và tên">Hà Thị Lan</, 'stray spaces removed');
  assert.match(r.text, /Các dòng bỏ qua[^<]*: 10, 12\./, 'the total and the signature line are skipped');
  pages.variant = r.text;
  r = await c.request('POST', where + '/commit');
  assert.equal(r.status, 303);
  r = await apiImport(c, 'club=15961-02&preview=1', read('hoi-vien-kieu-khac.xlsx'));
  assert.equal(r.json.existing, 5);
});

test('each kind of bad row is named by row and column; loading refuses the whole file', async () => {
  const c = clients.commune;
  let r = await apiImport(c, 'club=15961-02&preview=1', read('thanh-vien-loi.csv'), 'thanh-vien-loi.csv');
  assert.equal(r.status, 200);
  assert.deepEqual(problemsOf(r.json), [
    '3:B:full_name',      // empty name
    '4:C:birth',          // 1890
    '5:C:birth',          // 31/02/1950
    '6:F:phone',          // 12ab345
    '7:G:household',      // giàu
    '8:B:full_name',      // the same person as row 2
    '9:H:joined_on',      // 15/13/2020
    '10:D:sex',           // không rõ
  ]);
  assert.match(r.json.problems[2].message, /Ngày sinh “31\/02\/1950” không có thật/);
  assert.match(r.json.problems[5].message, /Trùng với dòng 2/);
  assert.match(r.json.problems[4].message, /Không hiểu “giàu”/);
  assert.deepEqual(r.json.skipped_rows, [12], 'the total line');
  r = await apiImport(c, 'club=15961-02', read('thanh-vien-loi.csv'), 'thanh-vien-loi.csv');
  assert.equal(r.status, 422);
  assert.equal(r.json.error.code, 'invalid');
  assert.equal(r.json.problems.length, 8);
  assert.equal(r.json.loaded, 0);
  // Nothing of it was loaded: the good rows are still new.
  r = await apiImport(c, 'club=15961-02&preview=1', read('thanh-vien-loi.csv'), 'thanh-vien-loi.csv');
  assert.equal(r.json.new, 2);

  // Two heading rows, a year under both Nam and Nữ, both household marks; footer lines skipped.
  r = await apiImport(c, 'club=15961-02&preview=1', read('hai-dong-tieu-de.csv'), 'hai-dong-tieu-de.csv');
  assert.deepEqual(problemsOf(r.json), ['5:C,D:birth', '6:F,G:household']);
  assert.deepEqual(r.json.skipped_rows, [7, 8, 9]);
  const where = await uploadPage(c, '15961-02', read('thanh-vien-loi.csv'), 'thanh-vien-loi.csv');
  r = await c.get(where);
  assert.match(r.text, /10 dòng: 2 hợp lệ, 8 có lỗi/);
  pages.bad_rows = r.text;
});

test('files that are not lists: not a table, empty, old .xls, oversized, no heading', async () => {
  const c = clients.commune;
  const junk = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe, 0x00, 0x01, 0x80, 0x81]);
  let r = await apiImport(c, 'club=15961-01&preview=1', junk, 'anh.png');
  assert.equal(r.status, 200);
  assert.equal(r.json.problems.length, 1);
  assert.equal(r.json.problems[0].row, 0);
  assert.match(r.json.problems[0].message, /Không đọc được tệp/);
  r = await apiImport(c, 'club=15961-01', junk, 'anh.png');
  assert.equal(r.status, 422);
  // Through the page: the form again with the reason, nothing kept.
  r = await upload(c, '/imports', { kind: 'members', club: '15961-01' }, junk, 'anh.png');
  assert.equal(r.status, 422);
  assert.match(r.text, /Không nhập được tệp này/);
  assert.match(r.text, /Không đọc được tệp/);
  pages.not_a_table = r.text;
  r = await upload(c, '/imports', { kind: 'members', club: '15961-01' }, Buffer.alloc(0), 'trong.xlsx');
  assert.equal(r.status, 422);
  assert.match(r.text, /Tệp trống/);
  r = await upload(c, '/imports', { kind: 'members', club: '15961-01' }, undefined);
  assert.equal(r.status, 422);
  assert.match(r.text, /aria-invalid="true" aria-describedby="e-file"/, 'the file field is marked');
  pages.no_file = r.text;
  r = await apiImport(c, 'club=15961-01&preview=1', Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(600)]), 'cu.xls');
  assert.match(r.json.problems[0].message, /tệp Excel kiểu cũ \(\.xls\)/);
  r = await apiImport(c, 'club=15961-01&preview=1', Buffer.from('xin chào\nđây là một bức thư\n'), 'thu.csv');
  assert.match(r.json.problems[0].message, /Không tìm thấy dòng tiêu đề/);
  // Over 10 MB: refused with a clear message.
  const big = Buffer.alloc(11 << 20, 'a');
  r = await upload(c, '/imports', { kind: 'members', club: '15961-01' }, big, 'lon.csv');
  assert.equal(r.status, 413);
  assert.match(r.text, /tối đa 10 MB/);
  pages.too_large = r.text;
  r = await apiImport(c, 'club=15961-01&preview=1', big, 'lon.csv');
  assert.equal(r.status, 413);
  assert.equal(r.json.error.code, 'too_large');
});

test('roles and scope: who may import into which club', async () => {
  const file = read('hoi-vien-kieu-khac.xlsx');
  // Viewers never; central keeps no club books.
  for (const [who, status] of [['viewer', 403], ['central', 403]]) {
    let r = await apiImport(clients[who], 'club=15961-01&preview=1', file);
    assert.equal(r.status, status, who);
    r = await clients[who].get('/imports/new?kind=members&club=15961-01');
    assert.equal(r.status, 403, who);
    r = await upload(clients[who], '/imports', { kind: 'members', club: '15961-01' }, file);
    assert.equal(r.status, 403, who);
  }
  // The club role: its own club only, and no clubs import.
  let r = await apiImport(clients.club, 'club=15961-01&preview=1', file);
  assert.equal(r.status, 200);
  r = await apiImport(clients.club, 'preview=1', file);
  assert.equal(r.json.club.code, '15961-01', 'a club user\'s own club when none is named');
  r = await apiImport(clients.club, 'club=15961-02&preview=1', file);
  assert.equal(r.status, 404, 'another club of the commune looks absent');
  r = await clients.club.get('/imports/new');
  assert.equal(r.status, 200, 'the club role goes straight to its own club');
  assert.match(r.text, /15961-01/);
  pages.form_club = r.text;
  r = await clients.club.get('/imports/new?kind=clubs');
  assert.equal(r.status, 403);
  r = await upload(clients.club, '/api/v1/imports/clubs?preview=1', {}, read('clubs.csv'), 'clubs.csv');
  assert.equal(r.status, 403);
  // The commune: its clubs, not those of another commune, even in the same province.
  r = await apiImport(clients.commune, 'club=15880-01&preview=1', file);
  assert.equal(r.status, 404);
  r = await upload(clients.commune, '/imports', { kind: 'members', club: '15880-01' }, file);
  assert.equal(r.status, 404);
  r = await clients.commune.get('/imports/new?kind=members&club=15880-01');
  assert.equal(r.status, 404);
  // The province: its communes' clubs, not another province's.
  r = await apiImport(clients.province, 'club=15880-01&preview=1', file);
  assert.equal(r.status, 200);
  r = await apiImport(clients.province, 'club=00004-01&preview=1', file);
  assert.equal(r.status, 404);
  r = await apiImport(clients.admin, 'club=00004-01&preview=1', file);
  assert.equal(r.status, 200);
  r = await apiImport(clients.admin, 'club=99999-01&preview=1', file);
  assert.equal(r.status, 404);
  r = await apiImport(clients.admin, 'preview=1', file);
  assert.equal(r.status, 422);
  assert.equal(r.json.error.field, 'club');
  // Without a club, the form lists the clubs in scope to choose from.
  r = await clients.commune.get('/imports/new');
  assert.equal(r.status, 200);
  assert.match(r.text, /15961-01/);
  assert.match(r.text, /15961-02/);
  assert.doesNotMatch(r.text, /15880-01/);
  pages.choose_club = r.text;
  r = await clients.commune.get('/imports/new?kind=members&club=15961-01');
  pages.form = r.text;
  r = await clients.commune.get('/imports/new?kind=nothing');
  assert.equal(r.status, 404);
});

test('an upload is seen and committed only by its uploader (and administrators)', async () => {
  const where = await uploadPage(clients.commune, '15961-01', read(SAMPLE), 'mau.xlsx');
  for (const who of ['province', 'club']) {
    let r = await clients[who].get(where);
    assert.equal(r.status, 404, who);
    r = await clients[who].get(where + '/problems.xlsx');
    assert.equal(r.status, 404, who);
    r = await clients[who].request('POST', where + '/commit');
    assert.equal(r.status, 404, who);
  }
  let r = await clients.viewer.get(where);
  assert.equal(r.status, 403);
  r = await clients.admin.get(where);
  assert.equal(r.status, 200);
  r = await clients.commune.get('/imports/999999');
  assert.equal(r.status, 404);
  // A commit needs the form's CSRF token.
  const raw = new Client(srv.url);
  raw.cookies = clients.commune.cookies;
  r = await raw.request('POST', where + '/commit', { csrf: false });
  assert.equal(r.status, 403);
});

test('the upload survives a restart of the server between the preview and the commit', async () => {
  const dir = makeDir();
  let s = await startServer({ dir });
  assert.equal(ishc(['import', 'clubs', '--db', s.db, '--file', join(FIX, 'clubs.csv')]).status, 0);
  let c = new Client(s.url);
  await c.login('commune', USERS.commune.password);
  const where = await uploadPage(c, '15961-01', read('danh-sach-da-sua.xlsx'), 'da-sua.xlsx');
  await s.stop();
  s = await startServer({ dir, db: s.db });
  try {
    c = new Client(s.url);
    await c.login('commune', USERS.commune.password);
    let r = await c.get(where);
    assert.match(r.text, /Nhập 62 thành viên/);
    r = await c.request('POST', where + '/commit');
    assert.equal(r.status, 303);
    r = await c.get(where + '?done=1');
    assert.match(r.text, /Đã nhập 62 thành viên/);
  } finally {
    await s.stop();
    s.cleanup();
  }
});

test('clubs: imported within the scope, the commune found by code or by name', async () => {
  // A province officer: one club in scope, one in Hà Nội.
  const csv = 'Mã xã,Tên CLB,Thôn/tổ dân phố,Ngày thành lập,Số quyết định,Chương trình/Dự án\n' +
    '15880,CLB Liên thế hệ thôn Mới,Thôn Mới,05/05/2024,7/QĐ-UBND,Đề án 1648\n' +
    '00004,CLB Liên thế hệ Ngọc Hà,Tổ 3,2024,,\n' +
    '15880,CLB Liên thế hệ thôn Mới,Thôn Mới,05/05/2024,,\n' +
    '15880,CLB Thôn Hạ,Thôn Hạ,31/02/2024,,Dự án không có\n';
  let r = await upload(clients.province, '/api/v1/imports/clubs?preview=1', {}, Buffer.from(csv), 'clb.csv');
  assert.equal(r.status, 200);
  assert.deepEqual(problemsOf(r.json), ['3:A:unit_code', '4:B:name', '5:D:founded_on', '5:F:programme']);
  assert.match(r.json.problems[0].message, /nằm ngoài phạm vi của bạn/);
  r = await upload(clients.province, '/api/v1/imports/clubs', {}, Buffer.from(csv), 'clb.csv');
  assert.equal(r.status, 422);
  const good = csv.split('\n').slice(0, 2).join('\n') + '\n';
  r = await upload(clients.province, '/api/v1/imports/clubs', {}, Buffer.from(good), 'clb.csv');
  assert.equal(r.status, 200);
  assert.equal(r.json.loaded, 1);
  r = await upload(clients.province, '/api/v1/imports/clubs', {}, Buffer.from(good), 'clb.csv');
  assert.equal(r.json.loaded, 0);
  assert.equal(r.json.existing, 1, 'the same club again is already there');
  // A commune officer need not name the commune; a commune named by its name is found.
  const own = 'STT,Tên CLB,Thôn\n1,CLB Liên thế hệ thôn Bắc,Thôn Bắc\n';
  r = await upload(clients.commune, '/api/v1/imports/clubs?preview=1', {}, Buffer.from(own), 'clb.csv');
  assert.equal(r.json.new, 1);
  const byName = 'Tên xã,Tên CLB\nHoằng Giang,CLB Liên thế hệ Giang Nam\n';
  r = await upload(clients.province, '/api/v1/imports/clubs?preview=1', {}, Buffer.from(byName), 'clb.csv');
  assert.deepEqual(r.json.problems, []);
  assert.equal(r.json.new, 1);
  r = await upload(clients.central, '/api/v1/imports/clubs?preview=1', {}, Buffer.from(good), 'clb.csv');
  assert.equal(r.status, 200, 'central may import clubs anywhere');
  // Through the pages.
  const where = (await upload(clients.commune, '/imports', { kind: 'clubs' }, Buffer.from(own), 'clb.csv')).headers.get('location');
  r = await clients.commune.get(where);
  assert.match(r.text, /1 dòng: 1 hợp lệ, 0 có lỗi/);
  assert.match(r.text, /Nhập 1 CLB/);
  pages.clubs_preview = r.text;
  r = await clients.commune.get('/imports/new?kind=clubs');
  pages.clubs_form = r.text;
  r = await clients.commune.request('POST', where + '/commit');
  assert.equal(r.status, 303);
  r = await clients.commune.get(where + '?done=1');
  assert.match(r.text, /Đã nhập 1 CLB/);
  pages.clubs_done = r.text;
});

test('the raw file as the request body, with its Content-Type', async () => {
  const r = await clients.commune.request('POST', '/api/v1/imports/members?club=15961-01&preview=1',
    { body: read('hoi-vien-kieu-khac.xlsx'), headers: { 'Content-Type': XLSX_TYPE } });
  assert.equal(r.status, 200);
  assert.equal(r.json.rows, 5);
});

test('a 5,000-row list loads in one transaction, quickly', async (t) => {
  const fam = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ'];
  const mid = ['Văn', 'Thị', 'Thị Thu', 'Đức', 'Ngọc', 'Quang', 'Thị Kim', 'Hữu'];
  const giv = ['An', 'Bình', 'Chi', 'Dũng', 'Hà', 'Hằng', 'Hoa', 'Hùng', 'Lan', 'Mai', 'Minh', 'Nga', 'Sơn', 'Thủy', 'Yến'];
  const lines = ['STT,Họ và tên,Năm sinh,Giới tính,Dân tộc,Số điện thoại,Hộ nghèo/cận nghèo,"Thôn, xóm"'];
  let n = 0;
  for (const f of fam) for (const m of mid) for (const g of giv) for (let y = 1940; y < 1945 && n < 5000; y++) {
    n++;
    lines.push(`${n},${f} ${m} ${g},${y},${m.startsWith('Thị') ? 'Nữ' : 'Nam'},Kinh,09${String(10000000 + n)},${n % 7 ? '' : 'nghèo'},Thôn ${n % 9 + 1}`);
  }
  assert.equal(n, 5000);
  const csv = Buffer.from(lines.join('\n') + '\n');
  const t0 = performance.now();
  const r = await apiImport(clients.province, 'club=15880-01', csv, 'lon.csv');
  const ms = performance.now() - t0;
  assert.equal(r.status, 200, r.text.slice(0, 300));
  assert.equal(r.json.loaded, 5000);
  t.diagnostic(`5,000 members checked and loaded through the API in ${ms.toFixed(0)} ms`);
});

test('the command line: the preview prints each problem, the fixed list loads, nothing twice', async () => {
  const dir = makeDir();
  const db = emptyDb(dir, 'cli.db');
  try {
    assert.equal(ishc(['init', '--db', db]).status, 0);
    assert.equal(ishc(['import', 'clubs', '--db', db, '--file', join(FIX, 'clubs.csv'), '--preview']).status, 0);
    let r = ishc(['import', 'clubs', '--db', db, '--file', join(FIX, 'clubs.csv')]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /đã nhập 4 CLB/);
    const out = join(dir, 'loi.xlsx');
    r = ishc(['import', 'members', '--db', db, '--club', '15961-01', '--file', SAMPLE, '--preview', '--problems', out]);
    assert.equal(r.status, 1);
    assert.deepEqual(r.stdout.trim().split('\n'), [
      'dòng 30, cột B (Họ và tên): Thiếu họ và tên. / row 30, column B (Họ và tên): The name is missing.',
      'dòng 35, cột D (Năm sinh / Nữ): Năm sinh 1890 không hợp lý: phải từ 1900 đến 2026. / row 35, column D (Năm sinh / Nữ): Birth year 1890 is not plausible: it must be from 1900 to 2026.',
      'dòng 39, cột C và D (Năm sinh / Nam, Năm sinh / Nữ): Năm sinh ghi ở cả cột Nam và cột Nữ: chỉ ghi ở cột đúng giới tính. / row 39, columns C and D (Năm sinh / Nam, Năm sinh / Nữ): A birth year is written under both Nam (male) and Nữ (female): write it under one only.',
    ].map((l) => l.replace('2026', String(new Date().getUTCFullYear()))));
    assert.match(r.stderr, /3 lỗi, chưa nhập gì/);
    assert.ok(existsSync(out));
    r = ishc(['import', 'members', '--db', db, '--club', '15961-01', '--file', SAMPLE]);
    assert.equal(r.status, 1, 'loading a list with problems loads nothing');
    r = ishc(['import', 'members', '--db', db, '--club', '15961-01', '--file', join(FIX, 'danh-sach-da-sua.xlsx')]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /đã nhập 62 thành viên, 0 đã có/);
    r = ishc(['import', 'members', '--db', db, '--club', '15961-01', '--file', join(FIX, 'danh-sach-da-sua.xlsx')]);
    assert.match(r.stdout, /đã nhập 0 thành viên, 62 đã có/);
    r = ishc(['import', 'members', '--db', db, '--club', '99999-01', '--file', SAMPLE]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /không có CLB mã 99999-01/);
    r = ishc(['import', 'members', '--db', db, '--file', SAMPLE]);
    assert.equal(r.status, 2, 'a missing --club is a usage error');
  } finally {
    // the directory is small; leave nothing behind
    (await import('node:fs')).rmSync(dir, { recursive: true, force: true });
    dropDb(db);
  }
});

test('every import page visited is valid HTML', () => {
  validateHtml(pages);
});
