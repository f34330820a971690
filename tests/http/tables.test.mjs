// Periodic tables (/tables, /api/v1/tables) and the large exports (report values of a year, the
// API's /api/v1/exports/...): a small country built through the API, then every table checked
// against the live totals (/api/v1/aggregates), in JSON, CSV and .xlsx (frozen headings,
// Vietnamese number formats, a chart, constant-memory mode: inline strings, no sharedStrings),
// each role's scope, viewers refused club and person data, and every bad parameter named.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { inflateRawSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, Client, USERS, validateHtml, ishc } from '../lib/harness.mjs';

// Today is pinned to 15/04/2026: the default period is 01/2026 .. 03/2026.
const NOW = String(Date.UTC(2026, 3, 15, 9) / 1000);

let srv;
const as = {};
const club = {};

function put(c, path, body) {
  return c.request('PUT', path, { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
}

before(async () => {
  srv = await startServer({ env: { ISHC_NOW: NOW } });
  for (const name of Object.keys(USERS)) {
    as[name] = new Client(srv.url);
    await as[name].login(name, USERS[name].password);
  }
  const mk = async (body) => {
    const r = await as.admin.postJson('/api/v1/clubs', { status: 'active', ...body });
    assert.equal(r.status, 201, r.text);
    return r.json;
  };
  club.a = await mk({ name: 'CLB Hoằng Thành', unit_code: '15961', founded_on: '2024-03-15' });
  club.b = await mk({ name: 'CLB Hoằng Lộc mới', unit_code: '15961', founded_on: '2025-08-01' });
  club.c = await mk({ name: 'CLB Hàm Rồng', unit_code: '14758', founded_on: '2025-09-01' });
  club.h = await mk({ name: 'CLB Trúc Bạch', unit_code: '00004', founded_on: '2024-03-15' });
  const add = async (c, members) => {
    for (const [full_name, sex, birth] of members) {
      const r = await as.admin.postJson(`/api/v1/clubs/${c.id}/members`, { full_name, sex, birth, joined_on: '2025-10-01' });
      assert.equal(r.status, 201, r.text);
    }
  };
  await add(club.a, [['Lê Thị Lan', 'F', 1950], ['Trần Thị Mai', 'F', 1985], ['Phạm Văn Nam', 'M', 1955]]);
  await add(club.b, [['Đỗ Thị Hoa', 'F', 1960], ['Vũ Văn Tuấn', 'M', 1958]]);
  await add(club.c, [['Ngô Thị An', 'F', 1990], ['Hà Thị Bình', 'F', 1991]]);
  await add(club.h, [['Nguyễn Văn Bình', 'M', 1940]]);
  const save = async (c, period, values) => {
    let r = await put(as.admin, `/api/v1/clubs/${c.id}/reports/${period}`, { values });
    assert.equal(r.status, 200, r.text);
    r = await as.admin.postJson(`/api/v1/clubs/${c.id}/reports/${period}/submit`, {});
    assert.equal(r.status, 200, r.text);
  };
  await save(club.a, '2026-01', { HEA_CHECKS: 1, MEET_HELD: 1, MEET_ATTEND: 3 });
  await save(club.a, '2026-02', { HEA_CHECKS: 2, MEET_HELD: 1, MEET_ATTEND: 2 });
  await save(club.b, '2026-02', { HEA_CHECKS: 4, MEET_HELD: 0 });
  await save(club.a, '2026-03', { HEA_CHECKS: 5, MEET_HELD: 1, MEET_ATTEND: 3, INC_BORROWERS: 2, INC_FUND_VND: 1234567 });
  await save(club.c, '2026-03', { HEA_CHECKS: 7, MEET_HELD: 1, MEET_ATTEND: 2 });
  await save(club.h, '2026-03', { HEA_CHECKS: 11, MEET_HELD: 1, MEET_ATTEND: 1 });
  await save(club.h, '2025-06', { HEA_CHECKS: 6, MEET_HELD: 1 });
});
after(async () => { await srv.stop(); srv.cleanup(); });

// ---- a small XLSX reader ----

function unzip(buf) {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  assert.ok(eocd >= 0, 'no end of central directory: not a zip file');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const files = {};
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(p + 10), csize = buf.readUInt32LE(p + 20);
    const nlen = buf.readUInt16LE(p + 28), xlen = buf.readUInt16LE(p + 30), clen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nlen);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + csize);
    files[name] = method === 8 ? inflateRawSync(data) : Buffer.from(data);
    p += 46 + nlen + xlen + clen;
  }
  return files;
}
const unxml = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

// Every sheet of the workbook: {name, xml, rows: [[{col, value, format}]]}, plus the files.
function readXlsx(bytes) {
  assert.equal(bytes.subarray(0, 4).toString('hex'), '504b0304', 'an .xlsx is a zip file');
  const files = unzip(bytes);
  const styles = files['xl/styles.xml'].toString('utf8');
  const numFmts = Object.fromEntries([...styles.matchAll(/<numFmt numFmtId="(\d+)" formatCode="([^"]*)"/g)].map((m) => [m[1], unxml(m[2])]));
  const xfs = [...(styles.match(/<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/)?.[1] || '').matchAll(/<xf ([^>]*?)\/?>/g)]
    .map((m) => numFmts[(m[1].match(/numFmtId="(\d+)"/) || [])[1]] || '');
  const names = [...files['xl/workbook.xml'].toString('utf8').matchAll(/<sheet name="([^"]*)"/g)].map((m) => unxml(m[1]));
  const sheets = names.map((name, i) => {
    const xml = files[`xl/worksheets/sheet${i + 1}.xml`].toString('utf8');
    const rows = [];
    for (const row of xml.matchAll(/<row r="(\d+)"[^>]*>([\s\S]*?)<\/row>/g)) {
      const cells = [];
      for (const c of row[2].matchAll(/<c r="([A-Z]+)\d+"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
        const attrs = c[2], inner = c[3] || '';
        const type = (attrs.match(/ t="(\w+)"/) || [])[1] || 'n';
        const style = +((attrs.match(/ s="(\d+)"/) || [])[1] || 0);
        const value = type === 'inlineStr' ? unxml([...inner.matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((t) => t[1]).join(''))
          : (inner.match(/<v>([^<]*)<\/v>/) || [])[1];
        cells.push({ col: c[1], type, format: xfs[style] || '', value });
      }
      rows.push(cells);
    }
    return { name, xml, rows };
  });
  return { files, sheets };
}

function readCsv(bytes) {
  assert.equal(bytes.subarray(0, 3).toString('hex'), 'efbbbf', 'CSV starts with a UTF-8 byte-order mark');
  const rows = [];
  let row = [], field = '', quoted = false;
  const s = bytes.subarray(3).toString('utf8');
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') { field += '"'; i++; } else if (ch === '"') quoted = false; else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; } else if (ch === '\r') { /* CRLF */ } else if (ch === '\n') { row.push(field); rows.push(row); row = []; field = ''; } else field += ch;
  }
  return rows;
}

const aggregates = async (c, q) => {
  const r = await c.get(`/api/v1/aggregates?${q}`);
  assert.equal(r.status, 200, r.text);
  return r.json;
};

// ---- JSON ----

test('the API table of the country: provinces × indicators, totals equal to the live totals, both geographies, targets', async () => {
  const r = await as.central.get('/api/v1/tables?set=meetings&from=2026-01&to=2026-03');
  assert.equal(r.status, 200, r.text);
  const t = r.json;
  assert.equal(t.set, 'meetings');
  assert.deepEqual([t.from, t.to], ['2026-01', '2026-03']);
  const codes = t.columns.map((c) => c.code);
  for (const c of ['MEET_HELD', 'R_MEETING', 'HEA_CHECKS']) assert.ok(codes.includes(c), c);
  const col = (c) => codes.indexOf(c);
  for (const geo of ['today', 'then']) {
    const tab = t.tables[geo];
    assert.equal(tab.level, 'country');
    const live = await aggregates(as.central, `from=2026-01&to=2026-03&indicators=${codes.join(',')}&by=child&geography=${geo}`);
    // Every cell and the total equal the live totals.
    t.columns.forEach((c, k) => {
      const want = live.total.cells[k];
      const got = tab.total[k];
      if (c.kind === 'rate') assert.deepEqual(got && [got.num, got.den], want.num !== undefined && want.den ? [want.num, want.den] : null, c.code);
      else assert.equal(got, want.value ?? null, c.code);
    });
    live.rows.forEach((row, i) => {
      assert.equal(tab.rows[i].code, row.code);
      assert.equal(tab.rows[i].cells[col('HEA_CHECKS')], row.cells[col('HEA_CHECKS')].value ?? null);
    });
    const checks = tab.total[col('HEA_CHECKS')];
    assert.equal(checks, 1 + 2 + 4 + 5 + 7 + 11, geo);
    // Rows add up to the total for a count.
    assert.equal(tab.rows.reduce((s, row) => s + (row.cells[col('HEA_CHECKS')] || 0), 0), checks);
    const th = tab.rows.find((row) => row.code === '38');
    assert.ok(th, `${geo}: Thanh Hóa is a row`);
    assert.equal(th.cells[col('HEA_CHECKS')], 1 + 2 + 4 + 5 + 7);
  }
  // A rate with the model's target.
  const meet = t.columns[col('R_MEETING')];
  assert.equal(meet.kind, 'rate');
  const rw = (await as.central.get('/api/v1/tables?set=members&from=2026-03&to=2026-03')).json.columns.find((c) => c.code === 'R_WOMEN');
  assert.deepEqual(rw.target, { low_permille: 600, high_permille: 700, source: 'model' });
  // Where the programme in force sets a target (Đề án 1336: half of members borrowing), it wins.
  const funds = (await as.central.get('/api/v1/tables?set=funds&from=2025-01&to=2025-12')).json.columns;
  assert.deepEqual(funds.find((c) => c.code === 'R_BORROW').target, { low_permille: 500, high_permille: null, source: 'DA1336' });
  assert.deepEqual(funds.find((c) => c.code === 'R_PAR30').target, { low_permille: null, high_permille: 50, source: 'model' });
});

test('a province gets its communes; a commune its clubs; a club its months; outside the scope is 404', async () => {
  let r = await as.province.get('/api/v1/tables?set=meetings&from=2026-01&to=2026-03');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.tables.today.unit, '38');
  const codes = r.json.columns.map((c) => c.code);
  assert.equal(r.json.tables.today.total[codes.indexOf('HEA_CHECKS')], 19);
  assert.ok(!JSON.stringify(r.json).includes('Trúc Bạch'));
  r = await as.province.get('/api/v1/tables?unit=01&set=meetings');
  assert.equal(r.status, 404, r.text);
  assert.equal(r.json.error.field, 'unit');
  r = await as.commune.get('/api/v1/tables?set=meetings&from=2026-01&to=2026-03');
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.tables.today.rows.map((x) => x.code).sort(), ['15961-01', '15961-02']);
  r = await as.club.get('/api/v1/tables?set=meetings&from=2026-01&to=2026-03');
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.tables.today.rows.map((x) => x.code), ['2026-01', '2026-02', '2026-03']);
  assert.equal(r.json.tables.today.total[codes.indexOf('HEA_CHECKS')], 8);
  // A viewer reads the aggregates.
  r = await as.viewer.get('/api/v1/tables?set=funds&from=2026-03&to=2026-03');
  assert.equal(r.status, 200, r.text);
});

test('bad parameters are named and nothing is answered', async () => {
  for (const [q, field] of [['set=nope', 'set'], ['from=2026-13', 'from'], ['to=abc', 'to'], ['from=2026-05&to=2026-03', 'from'],
    ['status=maybe', 'status'], ['geography=x', 'geography'], ['format=pdf', 'format'], ['unit=99999', 'unit']]) {
    const r = await as.admin.get(`/api/v1/tables?${q}`);
    assert.ok(r.status === 400 || r.status === 404 || r.status === 422, `${q}: ${r.status}`);
    assert.equal(r.json.error.field, field, q);
  }
  const en = await as.admin.get('/api/v1/tables?from=2026-13', { headers: { 'Accept-Language': 'en' } });
  assert.ok(en.json.error.message);
});

// ---- files ----

test('.xlsx: a sheet per geography, frozen headings, Vietnamese number formats, totals equal to JSON, a chart, constant memory', async () => {
  const j = (await as.admin.get('/api/v1/tables?set=meetings&from=2026-01&to=2026-03')).json;
  const r = await as.admin.get('/tables?set=meetings&from=2026-01&to=2026-03&format=xlsx');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.match(r.headers.get('content-disposition'), /attachment; filename="bang-meetings-toan-quoc-2026-01-2026-03\.xlsx"/);
  const x = readXlsx(r.bytes);
  assert.deepEqual(x.sheets.map((s) => s.name), ['Địa giới hiện nay', 'Địa giới khi đó']);
  // Constant-memory mode writes strings inline: no shared strings table.
  assert.equal(x.files['xl/sharedStrings.xml'], undefined);
  assert.ok(x.files['xl/charts/chart1.xml'] && x.files['xl/charts/chart2.xml'], 'a chart on each sheet');
  for (const [i, s] of x.sheets.entries()) {
    assert.match(s.xml, /<pane xSplit="1" ySplit="4" topLeftCell="B5" activePane="bottomRight" state="frozen"\/>/);
    assert.match(s.xml, /orientation="landscape"/);
    assert.match(s.xml, /paperSize="9"/);
    const head = s.rows.findIndex((row) => row[0] && (row[0].value === 'Đơn vị'));
    assert.ok(head > 0, 'a header row');
    assert.deepEqual(s.rows[head].slice(1).map((c) => c.value), j.columns.map((c) => c.label));
    const total = s.rows.find((row) => row[0]?.value === 'Tổng cộng');
    assert.ok(total, 'a total row');
    const tab = j.tables[i === 0 ? 'today' : 'then'];
    const k = j.columns.findIndex((c) => c.code === 'HEA_CHECKS');
    const cell = total.find((c) => c.col === String.fromCharCode(66 + k));
    assert.equal(+cell.value, tab.total[k]);
    assert.equal(cell.format, '[$-42A]#,##0');
    const kr = j.columns.findIndex((c) => c.code === 'R_MEETING');
    const rate = total.find((c) => c.col === String.fromCharCode(66 + kr));
    assert.equal(rate.format, '[$-42A]0.0%');
    assert.ok(Math.abs(+rate.value - tab.total[kr].num / tab.total[kr].den) < 1e-9);
    const target = s.rows.find((row) => row[0]?.value === 'Chỉ tiêu');
    assert.ok(target, 'a target row');
  }
});

test('.csv: UTF-8 with BOM, comma-separated, one geography, Vietnamese numbers, total and target rows', async () => {
  const r = await as.province.get('/api/v1/tables?set=funds&from=2026-03&to=2026-03&format=csv&geography=then');
  assert.equal(r.status, 200, r.text);
  assert.match(r.headers.get('content-type'), /^text\/csv/);
  assert.match(r.headers.get('content-disposition'), /bang-funds-38-2026-03-2026-03-then\.csv/);
  const rows = readCsv(r.bytes);
  assert.equal(rows[0][0], 'Mã');
  assert.equal(rows[0][1], 'Đơn vị');
  const k = rows[0].indexOf('Số dư quỹ tăng thu nhập');
  assert.ok(k > 1);
  const total = rows.find((x) => x[1] === 'Tổng cộng');
  assert.equal(total[k], '1.234.567');
  const target = rows.find((x) => x[1] === 'Chỉ tiêu');
  assert.equal(target[rows[0].indexOf('Tỷ lệ thành viên đang vay vốn')], '≥ 50,0%');
});

test('the page: every role, both geographies, downloads, print CSS; errors shown at the field', async () => {
  const pages = {};
  for (const role of Object.keys(USERS)) {
    const r = await as[role].get('/tables?set=meetings&from=2026-01&to=2026-03');
    assert.equal(r.status, 200, `${role}: ${r.text}`);
    assert.match(r.text, /Quy đổi theo địa giới hiện nay/);
    assert.match(r.text, /Theo địa giới khi đó/);
    assert.match(r.text, /format=xlsx/);
    assert.match(r.text, /Tổng cộng/);
    pages[`tables-${role}`] = r.text;
  }
  assert.match(pages['tables-admin'], /data-label="Đơn vị"/);
  assert.match(pages['tables-province'], /Phường Hàm Rồng/);
  assert.ok(!pages['tables-province'].includes('Trúc Bạch'));
  const bad = await as.province.get('/tables?unit=01');
  assert.equal(bad.status, 404);
  assert.match(bad.text, /aria-invalid="true"/);
  pages['tables-bad'] = bad.text;
  const month = await as.admin.get('/tables?from=13/2026');
  assert.equal(month.status, 422);
  pages['tables-bad-month'] = month.text;
  const en = await as.admin.get('/tables?set=funds&lang=en');
  pages['tables-en'] = en.text;
  validateHtml(pages);
  const css = await as.admin.get('/static/app.css');
  assert.match(css.text, /@page tables \{ size: A4 landscape/);
});

// ---- large exports ----

test('report values of a year: scope, viewers refused, CSV and constant-memory .xlsx', async () => {
  let r = await as.admin.get('/exports/report-values.csv?year=2026');
  assert.equal(r.status, 200, r.text);
  let rows = readCsv(r.bytes);
  assert.deepEqual(rows[0], ['Mã CLB', 'Tên CLB', 'Mã xã', 'Xã/phường', 'Tháng', 'Tình trạng báo cáo', 'Mã chỉ tiêu', 'Giá trị']);
  const checks = rows.filter((x) => x[6] === 'HEA_CHECKS');
  assert.equal(checks.reduce((s, x) => s + +x[7], 0), 30, 'the sum of a year equals the live total');
  assert.ok(!rows.some((x) => x[4] === '2025-06'), 'only the year asked');
  r = await as.province.get('/exports/report-values.csv?year=2026');
  rows = readCsv(r.bytes);
  assert.deepEqual([...new Set(rows.slice(1).map((x) => x[0]))].sort(), ['14758-01', '15961-01', '15961-02']);
  r = await as.club.get('/api/v1/exports/report-values.csv?year=2026');
  assert.equal(r.status, 200, r.text);
  rows = readCsv(r.bytes);
  assert.deepEqual([...new Set(rows.slice(1).map((x) => x[0]))], ['15961-01']);
  r = await as.viewer.get('/exports/report-values.csv?year=2026');
  assert.equal(r.status, 403);
  r = await as.viewer.get('/api/v1/exports/report-values.xlsx');
  assert.equal(r.status, 403);
  assert.equal(r.json.error.code, 'forbidden');
  r = await as.admin.get('/exports/report-values.csv?year=19x');
  assert.equal(r.status, 422);
  r = await as.admin.get('/api/v1/exports/report-values.csv?year=1999');
  assert.equal(r.json.error.field, 'year');
  r = await as.admin.get('/exports/report-values.xlsx?year=2025');
  assert.equal(r.status, 200, r.text);
  const x = readXlsx(r.bytes);
  assert.equal(x.files['xl/sharedStrings.xml'], undefined, 'constant-memory mode: inline strings');
  const data = x.sheets[0].rows.filter((row) => row[0]?.value === '00004-01');
  const codes = data.map((row) => row[6].value);
  assert.ok(codes.includes('HEA_CHECKS') && codes.includes('MEET_HELD') && codes.includes('MEM_TOTAL'), codes.join());
  assert.equal(data.find((row) => row[6].value === 'HEA_CHECKS')[7].value, '6');
  assert.ok(data.every((row) => row[4].value === '2025-06'));
  assert.match(x.sheets[0].xml, /state="frozen"/);
});

test('members through the API exports: scope, viewers refused, constant memory', async () => {
  let r = await as.province.get('/api/v1/exports/members.xlsx');
  assert.equal(r.status, 200, r.text);
  const x = readXlsx(r.bytes);
  assert.equal(x.files['xl/sharedStrings.xml'], undefined, 'constant-memory mode: inline strings');
  const text = x.sheets[0].xml;
  assert.ok(text.includes('Lê Thị Lan') && text.includes('Ngô Thị An'));
  assert.ok(!text.includes('Nguyễn Văn Bình'), 'no member of another province');
  r = await as.admin.get('/api/v1/exports/members.csv');
  assert.equal(r.status, 200);
  assert.equal(readCsv(r.bytes).length, 1 + 8);
  r = await as.viewer.get('/api/v1/exports/members.csv');
  assert.equal(r.status, 403);
  r = await as.admin.get('/api/v1/exports/nothing.csv');
  assert.equal(r.status, 404);
});

test('ishc export members: the country or a scope, .xlsx in constant-memory mode or .csv; bad options refused', async () => {
  const out = join(srv.dir, 'all.xlsx');
  let r = ishc(['export', 'members', '--db', srv.db, '--out', out]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^8 thành viên \/ members/);
  const x = readXlsx(readFileSync(out));
  assert.equal(x.files['xl/sharedStrings.xml'], undefined, 'constant-memory mode: inline strings');
  assert.ok(x.sheets[0].xml.includes('Nguyễn Văn Bình'));
  assert.match(x.sheets[0].xml, /state="frozen"/);
  const csv = join(srv.dir, 'th.csv');
  r = ishc(['export', 'members', '--db', srv.db, '--out', csv, '--scope', '38']);
  assert.equal(r.status, 0, r.stderr);
  const rows = readCsv(readFileSync(csv));
  assert.equal(rows.length, 1 + 7);
  assert.ok(!rows.flat().includes('Nguyễn Văn Bình'));
  r = ishc(['export', 'members', '--db', srv.db, '--out', join(srv.dir, 'x.pdf')]);
  assert.equal(r.status, 1);
  r = ishc(['export', 'members', '--db', srv.db]);
  assert.equal(r.status, 2);
});
