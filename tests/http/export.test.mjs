// Exports of members and clubs (/exports/members.xlsx|csv, /exports/clubs.xlsx|csv): the same
// scope as the screens, no national ID for roles that may not see it, nothing about people for
// viewers; and the .xlsx files read back as real spreadsheets.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { inflateRawSync } from 'node:zlib';
import { startServer, Client, USERS, validateHtml } from '../lib/harness.mjs';

let srv;
const as = {};
const club = {};
const pages = {};

// ---- a small XLSX reader: the zip's central directory, then the sheet's cells ----

// The files of a zip archive as {name: Buffer}.
function unzip(buf) {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  assert.ok(eocd >= 0, 'no end of central directory: not a zip file');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const files = {};
  for (let i = 0; i < count; i++) {
    assert.equal(buf.readUInt32LE(p), 0x02014b50, 'central directory entry');
    const method = buf.readUInt16LE(p + 10), csize = buf.readUInt32LE(p + 20);
    const nlen = buf.readUInt16LE(p + 28), xlen = buf.readUInt16LE(p + 30), clen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nlen);
    assert.equal(buf.readUInt32LE(local), 0x04034b50, 'local file header');
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + csize);
    files[name] = method === 8 ? inflateRawSync(data) : Buffer.from(data);
    p += 46 + nlen + xlen + clen;
  }
  return files;
}

const unxml = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

// The first sheet as rows of {ref, type, style, value}, with shared and inline strings resolved,
// and the number formats of the styles (index -> format code).
function readXlsx(bytes) {
  assert.equal(bytes.subarray(0, 4).toString('hex'), '504b0304', 'an .xlsx starts with a zip signature');
  const files = unzip(bytes);
  for (const part of ['[Content_Types].xml', 'xl/workbook.xml', 'xl/styles.xml', 'xl/worksheets/sheet1.xml']) assert.ok(files[part], part);
  const shared = [];
  if (files['xl/sharedStrings.xml']) {
    for (const si of files['xl/sharedStrings.xml'].toString('utf8').matchAll(/<si>([\s\S]*?)<\/si>/g)) {
      shared.push(unxml([...si[1].matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((t) => t[1]).join('')));
    }
  }
  const styles = files['xl/styles.xml'].toString('utf8');
  const numFmts = Object.fromEntries([...styles.matchAll(/<numFmt numFmtId="(\d+)" formatCode="([^"]*)"/g)].map((m) => [m[1], unxml(m[2])]));
  const xfs = [...(styles.match(/<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/)?.[1] || '').matchAll(/<xf ([^>]*?)\/?>/g)]
    .map((m) => numFmts[(m[1].match(/numFmtId="(\d+)"/) || [])[1]] || '');
  const sheet = files['xl/worksheets/sheet1.xml'].toString('utf8');
  const rows = [];
  for (const row of sheet.matchAll(/<row r="(\d+)"[^>]*>([\s\S]*?)<\/row>/g)) {
    const cells = [];
    for (const c of row[2].matchAll(/<c r="([A-Z]+)\d+"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attrs = c[2], inner = c[3] || '';
      const type = (attrs.match(/ t="(\w+)"/) || [])[1] || 'n';
      const style = +((attrs.match(/ s="(\d+)"/) || [])[1] || 0);
      let value;
      if (type === 's') value = shared[+inner.match(/<v>(\d+)<\/v>/)[1]];
      else if (type === 'inlineStr') value = unxml([...inner.matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((t) => t[1]).join(''));
      else value = (inner.match(/<v>([^<]*)<\/v>/) || [])[1];
      cells.push({ col: c[1], type, format: xfs[style] || '', value });
    }
    rows.push({ r: +row[1], cells });
  }
  return { files, rows, sheet, workbook: files['xl/workbook.xml'].toString('utf8'), styles };
}

// Rows of a CSV export (BOM checked and dropped; simple quoting).
function readCsv(r) {
  assert.equal(r.bytes.subarray(0, 3).toString('hex'), 'efbbbf', 'CSV starts with a UTF-8 byte-order mark');
  const rows = [];
  let row = [], field = '', quoted = false;
  const s = r.bytes.subarray(3).toString('utf8');
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') { field += '"'; i++; } else if (ch === '"') quoted = false; else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; } else if (ch === '\r') { /* CRLF */ } else if (ch === '\n') { row.push(field); rows.push(row); row = []; field = ''; } else field += ch;
  }
  assert.equal(field, '', 'the last row ends with CRLF');
  return rows;
}

// Header row and data rows of an exported sheet as objects keyed by heading.
function table(x) {
  const head = x.rows.find((row) => row.cells.some((c) => c.value === 'STT'));
  assert.ok(head, 'a header row with STT');
  const names = Object.fromEntries(head.cells.map((c) => [c.col, c.value]));
  return {
    head,
    headings: head.cells.map((c) => c.value),
    data: x.rows.filter((row) => row.r > head.r).map((row) => Object.fromEntries(row.cells.map((c) => [names[c.col], c]))),
  };
}

async function client(role) {
  const c = new Client(srv.url);
  await c.login(role, USERS[role].password);
  return c;
}

before(async () => {
  srv = await startServer();
  for (const role of Object.keys(USERS)) as[role] = await client(role);
  const mk = async (body) => {
    const r = await as.admin.postJson('/api/v1/clubs', body);
    assert.equal(r.status, 201, r.text);
    return r.json;
  };
  // Thanh Hóa (38): the club user's 15961-01 and a second club; Hà Nội (01): 00004-01.
  club.a = await mk({ name: 'CLB Liên thế hệ thôn Phú Thọ', unit_code: '15961', status: 'active', founded_on: '2024-03-15',
    decision_no: '125/QĐ-UBND', decision_date: '2024-03-10', programme: 'DA1336', contact_name: 'Lê Thị Hoa', contact_phone: '0912000111' });
  club.b = await mk({ name: 'CLB Hoằng Lộc Đông', unit_code: '15961', contact_name: 'Mai Văn Tâm', contact_phone: '0912000222' });
  club.hn = await mk({ name: 'CLB Ba Đình', unit_code: '00004', contact_name: 'Trần Văn Nam', contact_phone: '0243123456' });
  const add = async (c, body) => {
    const r = await as.admin.postJson(`/api/v1/clubs/${c.id}/members`, body);
    assert.equal(r.status, 201, r.text);
    return r.json;
  };
  await add(club.a, { full_name: 'Nguyễn Thị Ánh', sex: 'F', birth: '05/03/1956', phone: '0912345678', household: 'poor',
    disability: true, national_id: '038156000123', joined_on: '2024-03-15', consent_on: '2024-03-15', consent_form: 'written',
    note: '=SUM(A1:A2)' });
  await add(club.a, { full_name: 'Lê Văn Bình', sex: 'M', birth: '1990', household: 'near_poor', village: 'Xóm 2, thôn Phú Thọ' });
  const left = await add(club.a, { full_name: 'Trương Văn Cường', sex: 'M', birth: '1949', joined_on: '2024-03-15' });
  const r = await as.admin.request('PATCH', `/api/v1/members/${left.id}`, {
    body: JSON.stringify({ left_on: '2025-05-01', left_reason: 'Chuyển đi' }), headers: { 'Content-Type': 'application/json' },
  });
  assert.equal(r.status, 200, r.text);
  await add(club.b, { full_name: 'Phạm Thị Cúc', sex: 'F', birth: '1950', phone: '0388777666' });
  await add(club.hn, { full_name: 'Đỗ Văn Hùng', sex: 'M', birth: '1948', phone: '0987000111', national_id: '001048000999' });
});
after(async () => {
  await srv.stop();
  srv.cleanup();
});

test('members.csv: UTF-8 with BOM, Vietnamese headings, every member in the scope', async () => {
  const r = await as.admin.get('/exports/members.csv');
  assert.equal(r.status, 200, r.text);
  assert.match(r.headers.get('content-type'), /^text\/csv/);
  assert.equal(r.headers.get('content-disposition'), 'attachment; filename="thanh-vien.csv"');
  const rows = readCsv(r);
  const head = rows[0];
  for (const h of ['STT', 'Họ và tên', 'Năm sinh', 'Giới tính', 'Dân tộc', 'Hộ nghèo/cận nghèo', 'Điện thoại', 'Số CCCD/định danh', 'Mã CLB', 'Tỉnh/thành phố']) {
    assert.ok(head.includes(h), h);
  }
  const col = (name) => head.indexOf(name);
  const data = rows.slice(1);
  assert.deepEqual(data.map((x) => x[col('Họ và tên')]).sort(), ['Lê Văn Bình', 'Nguyễn Thị Ánh', 'Phạm Thị Cúc', 'Đỗ Văn Hùng'].sort());
  assert.deepEqual(data.map((x) => x[col('STT')]), ['1', '2', '3', '4']);
  const anh = data.find((x) => x[col('Họ và tên')] === 'Nguyễn Thị Ánh');
  assert.equal(anh[col('Ngày sinh')], '05/03/1956');
  assert.equal(anh[col('Năm sinh')], '1956');
  assert.equal(anh[col('Giới tính')], 'Nữ');
  assert.equal(anh[col('Điện thoại')], '0912345678');
  assert.equal(anh[col('Hộ nghèo/cận nghèo')], 'Hộ nghèo');
  assert.equal(anh[col('Khuyết tật')], 'x');
  assert.equal(anh[col('Số CCCD/định danh')], '038156000123');
  assert.equal(anh[col('Hình thức đồng ý')], 'Bằng văn bản');
  assert.equal(anh[col('Mã CLB')], '15961-01');
  assert.equal(anh[col('Tỉnh/thành phố')], 'Thanh Hóa');
  // A cell that would run as a formula in Excel is defused.
  assert.equal(anh[col('Ghi chú')], "'=SUM(A1:A2)");
  const binh = data.find((x) => x[col('Họ và tên')] === 'Lê Văn Bình');
  assert.equal(binh[col('Thôn/tổ dân phố')], 'Xóm 2, thôn Phú Thọ');
  assert.equal(binh[col('Ngày sinh')], '');
  // Narrowed by member names (no accents needed) or by the clubs' status.
  let some = readCsv(await as.admin.get('/exports/members.csv?q=nguyen%20thi'));
  assert.deepEqual(some.slice(1).map((x) => x[col('Họ và tên')]), ['Nguyễn Thị Ánh']);
  some = readCsv(await as.admin.get('/exports/members.csv?status=planned'));
  assert.deepEqual(some.slice(1).map((x) => x[col('Họ và tên')]).sort(), ['Phạm Thị Cúc', 'Đỗ Văn Hùng'].sort());
  assert.deepEqual(some.slice(1).map((x) => x[col('STT')]), ['1', '2']);
  // Members who left only on request.
  const all = readCsv(await as.admin.get('/exports/members.csv?include_left=1'));
  assert.equal(all.length, 6);
  const cuong = all.find((x) => x[col('Họ và tên')] === 'Trương Văn Cường');
  assert.equal(cuong[col('Ngày ra khỏi CLB')], '01/05/2025');
  assert.equal(cuong[col('Lý do ra khỏi CLB')], 'Chuyển đi');
});

test("a province officer's export holds no other province's members", async () => {
  const csv = readCsv(await as.province.get('/exports/members.csv'));
  const text = csv.flat().join('|');
  assert.ok(!text.includes('Đỗ Văn Hùng'));
  assert.ok(!text.includes('001048000999'));
  assert.ok(!text.includes('00004-01'));
  assert.deepEqual(csv.slice(1).map((x) => x[csv[0].indexOf('Mã CLB')]).sort(), ['15961-01', '15961-01', '15961-02']);
  // Club by club in code order (read through the club index, never sorted as a whole).
  assert.deepEqual(csv.slice(1).map((x) => x[csv[0].indexOf('Mã CLB')]), ['15961-01', '15961-01', '15961-02']);
  const r = await as.province.get('/exports/members.xlsx');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.equal(r.headers.get('content-disposition'), 'attachment; filename="thanh-vien-38.xlsx"');
  const x = readXlsx(r.bytes);
  assert.match(x.rows[1].cells[0].value, /^Tỉnh Thanh Hóa\. Xuất ngày \d\d\/\d\d\/\d{4}\.$/);
  const everything = Object.values(x.files).map((b) => b.toString('utf8')).join('');
  assert.ok(!everything.includes('Hùng'));
  assert.ok(!everything.includes('001048000999'));
  assert.ok(!everything.includes('Ba Đình'));
  const t = table(x);
  assert.deepEqual(t.data.map((d) => d['Họ và tên'].value).sort(), ['Lê Văn Bình', 'Nguyễn Thị Ánh', 'Phạm Thị Cúc']);
  assert.ok(t.data.every((d) => d['Tỉnh/thành phố'].value === 'Thanh Hóa'));
  // ?unit= narrows inside the scope; another province is refused.
  const u = readCsv(await as.province.get('/exports/members.csv?unit=15961'));
  assert.equal(u.length, 4);
  const other = await as.province.get('/exports/members.xlsx?unit=01');
  assert.equal(other.status, 403);
  assert.match(other.text, /Đơn vị này nằm ngoài phạm vi của bạn/);
  pages.out_of_scope = other.text;
  const guess = await as.province.get(`/exports/members.csv?club=${club.hn.id}`);
  assert.equal(guess.status, 404);
  pages.not_found = guess.text;
});

test('members.xlsx is a real spreadsheet: title, bold header, text codes, number years, date cells', async () => {
  const r = await as.commune.get(`/exports/members.xlsx?club=${club.a.id}`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.headers.get('content-disposition'), 'attachment; filename="thanh-vien-15961-01.xlsx"');
  const x = readXlsx(r.bytes);
  assert.match(x.workbook, /<sheet name="Thành viên"/);
  // Title and subtitle above the table.
  assert.equal(x.rows[0].r, 1);
  assert.match(x.rows[0].cells[0].value, /^DANH SÁCH THÀNH VIÊN/);
  assert.match(x.rows[1].cells[0].value, /CLB Liên thế hệ thôn Phú Thọ \(15961-01\)/);
  assert.match(x.rows[1].cells[0].value, /Xuất ngày \d\d\/\d\d\/\d{4}/);
  const t = table(x);
  assert.equal(t.head.r, 4);
  // The header is bold, frozen, filtered and printed on every page.
  assert.match(x.styles, /<b\/>/);
  assert.match(x.sheet, /<pane ySplit="4"[^>]*state="frozen"/);
  assert.match(x.sheet, /<autoFilter ref="A4:[A-Z]+6"\/>/);
  assert.match(x.workbook, /_xlnm\.Print_Titles[^>]*>'Thành viên'!\$4:\$4</);
  assert.match(x.sheet, /<cols>/);
  assert.equal(t.data.length, 2);
  const anh = t.data.find((d) => d['Họ và tên'].value === 'Nguyễn Thị Ánh');
  assert.equal(anh['STT'].type, 'n');
  assert.equal(anh['Điện thoại'].value, '0912345678');
  assert.notEqual(anh['Điện thoại'].type, 'n');
  assert.equal(anh['Mã CLB'].value, '15961-01');
  assert.notEqual(anh['Mã CLB'].type, 'n');
  assert.equal(anh['Số CCCD/định danh'].value, '038156000123');
  assert.notEqual(anh['Số CCCD/định danh'].type, 'n');
  assert.equal(anh['Năm sinh'].type, 'n');
  assert.equal(anh['Năm sinh'].value, '1956');
  // 05/03/1956 is day 20519 of Excel's 1900 system, shown dd/mm/yyyy.
  assert.equal(anh['Ngày sinh'].type, 'n');
  assert.equal(anh['Ngày sinh'].value, '20519');
  assert.equal(anh['Ngày sinh'].format, 'dd/mm/yyyy');
  assert.equal(anh['Ngày vào CLB'].value, String(45366)); // 2024-03-15
  // In a spreadsheet cell text is never a formula.
  assert.equal(anh['Ghi chú'].value, '=SUM(A1:A2)');
  assert.notEqual(anh['Ghi chú'].type, 'str');
  assert.ok(!x.sheet.includes('<f>'));
});

test('the national ID number is only exported to roles that may see it', async () => {
  for (const role of ['admin', 'province', 'commune', 'club']) {
    const csv = readCsv(await as[role].get('/exports/members.csv'));
    assert.ok(csv[0].includes('Số CCCD/định danh'), role);
  }
  const csv = readCsv(await as.central.get('/exports/members.csv'));
  assert.ok(!csv[0].includes('Số CCCD/định danh'));
  assert.equal(csv.length, 5);
  assert.ok(!csv.flat().some((v) => v === '038156000123' || v === '001048000999'));
  const r = await as.central.get('/exports/members.xlsx');
  assert.equal(r.status, 200);
  const everything = Object.values(readXlsx(r.bytes).files).map((b) => b.toString('utf8')).join('');
  assert.ok(!everything.includes('038156000123'));
  assert.ok(!everything.includes('CCCD'));
});

test("a club's board exports its own club only; another club's id finds nothing", async () => {
  const csv = readCsv(await as.club.get('/exports/members.csv'));
  assert.deepEqual(csv.slice(1).map((x) => x[csv[0].indexOf('Họ và tên')]).sort(), ['Lê Văn Bình', 'Nguyễn Thị Ánh']);
  let r = await as.club.get('/exports/members.xlsx');
  assert.equal(r.headers.get('content-disposition'), 'attachment; filename="thanh-vien-15961-01.xlsx"');
  r = await as.club.get(`/exports/members.xlsx?club=${club.b.id}`);
  assert.equal(r.status, 404);
  r = await as.club.get('/exports/clubs.csv?club=15961-02');
  assert.equal(r.status, 404);
  r = await as.commune.get(`/exports/clubs.csv?club=${club.hn.id}`);
  assert.equal(r.status, 404);
  r = await as.club.get('/exports/members.csv?unit=15961');
  assert.equal(r.status, 403);
  const clubs = readCsv(await as.club.get('/exports/clubs.csv'));
  assert.equal(clubs.length, 2);
});

test('viewers get 403 for members exports and clubs exports without contacts', async () => {
  for (const f of ['members.xlsx', 'members.csv', 'members.csv?club=1', 'members.xlsx?unit=38']) {
    const r = await as.viewer.get('/exports/' + f);
    assert.equal(r.status, 403, f);
    assert.match(r.text, /Bạn không có quyền truy cập mục này/);
    pages.viewer_forbidden = r.text;
  }
  let r = await as.viewer.get('/exports/clubs.csv');
  assert.equal(r.status, 200);
  const csv = readCsv(r);
  assert.ok(!csv[0].includes('Người liên hệ'));
  assert.ok(!csv[0].includes('Điện thoại liên hệ'));
  assert.ok(csv[0].includes('Số thành viên'));
  assert.equal(csv.length, 4);
  const text = r.bytes.toString('utf8');
  for (const secret of ['Lê Thị Hoa', '0912000111', 'Trần Văn Nam', '0243123456', 'Ánh', 'Hùng']) assert.ok(!text.includes(secret), secret);
  r = await as.viewer.get('/exports/clubs.xlsx');
  assert.equal(r.status, 200);
  const x = readXlsx(r.bytes);
  const t = table(x);
  assert.ok(!t.headings.includes('Người liên hệ'));
  const everything = Object.values(x.files).map((b) => b.toString('utf8')).join('');
  for (const secret of ['Lê Thị Hoa', '0912000111', 'Trần Văn Nam', '0243123456']) assert.ok(!everything.includes(secret), secret);
  assert.deepEqual(t.data.map((d) => d['Số thành viên'].value).sort(), ['1', '1', '2']);
});

test('clubs.xlsx and clubs.csv: each role its clubs, codes as text, dates as dates', async () => {
  let r = await as.admin.get('/exports/clubs.xlsx');
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-disposition'), 'attachment; filename="cau-lac-bo.xlsx"');
  let t = table(readXlsx(r.bytes));
  assert.deepEqual(t.data.map((d) => d['Mã CLB'].value).sort(), ['00004-01', '15961-01', '15961-02']);
  const hn = t.data.find((d) => d['Mã CLB'].value === '00004-01');
  assert.equal(hn['Mã xã'].value, '00004');
  assert.notEqual(hn['Mã xã'].type, 'n');
  assert.equal(hn['Điện thoại liên hệ'].value, '0243123456');
  assert.equal(hn['Người liên hệ'].value, 'Trần Văn Nam');
  const a = t.data.find((d) => d['Mã CLB'].value === '15961-01');
  assert.equal(a['Ngày thành lập'].value, '45366');
  assert.equal(a['Ngày thành lập'].format, 'dd/mm/yyyy');
  assert.equal(a['Tình trạng'].value, 'Đang hoạt động');
  assert.equal(a['Số thành viên'].value, '2');
  assert.equal(a['Đề án/dự án'].value, 'DA1336');
  r = await as.province.get('/exports/clubs.csv');
  assert.equal(r.headers.get('content-disposition'), 'attachment; filename="cau-lac-bo-38.csv"');
  const csv = readCsv(r);
  assert.deepEqual(csv.slice(1).map((x) => x[1]).sort(), ['15961-01', '15961-02']);
  assert.equal(csv[1][csv[0].indexOf('Ngày quyết định')] || csv[2][csv[0].indexOf('Ngày quyết định')], '10/03/2024');
  r = await as.admin.get('/exports/clubs.xlsx?unit=01');
  assert.equal(r.headers.get('content-disposition'), 'attachment; filename="cau-lac-bo-01.xlsx"');
  t = table(readXlsx(r.bytes));
  assert.deepEqual(t.data.map((d) => d['Mã CLB'].value), ['00004-01']);
  r = await as.admin.get('/exports/clubs.csv?status=planned');
  assert.deepEqual(readCsv(r).slice(1).map((x) => x[1]).sort(), ['00004-01', '15961-02']);
});

test('bad export requests: unknown files, bad filters, no log-in', async () => {
  let r = await as.admin.get('/exports/members.pdf');
  assert.equal(r.status, 404);
  pages.unknown = r.text;
  r = await as.admin.get('/exports/users.csv');
  assert.equal(r.status, 404);
  r = await as.admin.get('/exports/members.csv?club=1&unit=38');
  assert.equal(r.status, 422);
  assert.match(r.text, /Giá trị không hợp lệ/);
  pages.both = r.text;
  r = await as.admin.get('/exports/clubs.csv?unit=99999');
  assert.equal(r.status, 404);
  r = await as.admin.get('/exports/clubs.csv?status=sleeping');
  assert.equal(r.status, 422);
  r = await as.admin.get('/exports/members.csv?include_left=maybe');
  assert.equal(r.status, 422);
  r = await as.admin.get('/exports/members.csv?club=99999');
  assert.equal(r.status, 404);
  r = await new Client(srv.url).get('/exports/members.csv');
  assert.equal(r.status, 303);
  assert.match(r.headers.get('location'), /^\/login/);
  // An empty selection is still a file with its headings.
  r = await as.admin.get('/exports/clubs.xlsx?q=nobody');
  assert.equal(r.status, 200);
  assert.equal(table(readXlsx(r.bytes)).data.length, 0);
  assert.equal(readCsv(await as.admin.get('/exports/clubs.csv?q=nobody')).length, 1);
  r = await as.commune.request('POST', '/exports/members.csv');
  assert.equal(r.status, 405);
});

test('error pages of exports are valid HTML', () => {
  validateHtml(pages);
});
