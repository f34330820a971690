// The live totals through the API and the pages: a small country built through the API (two clubs
// in Xã Hoằng Lộc 15961, one founded before the 2025 reform in what was then Xã Hoằng Thành, one in
// another Thanh Hóa commune, one in Hà Nội), reports saved, submitted (and approved when the route
// exists), then every figure checked exactly: commune, province and country, by sub-unit and by
// month, quarter and year, both geographies, which reports count, rates from totals, each role's
// scope, and every bad parameter named.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, USERS, validateHtml } from '../lib/harness.mjs';

// Today is pinned to 15/04/2026: "last month" is 2026-03, and a March report sent now is late.
const NOW = String(Date.UTC(2026, 3, 15, 9) / 1000);

let srv;
const as = {};
const club = {};
let canApprove = false;
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
  // A: founded in 2024 in commune 15961 as it was then (Xã Hoằng Thành, Huyện Hoằng Hóa);
  // B: founded after the reform in today's Xã Hoằng Lộc 15961; C: Phường Hàm Rồng 14758;
  // H: Hà Nội, founded in 2024 in Phường Trúc Bạch 00004 (today's Phường Ba Đình).
  club.a = await mk({ name: 'CLB Hoằng Thành', unit_code: '15961', founded_on: '2024-03-15' });
  club.b = await mk({ name: 'CLB Hoằng Lộc mới', unit_code: '15961', founded_on: '2025-08-01' });
  club.c = await mk({ name: 'CLB Hàm Rồng', unit_code: '14758', founded_on: '2025-09-01' });
  club.h = await mk({ name: 'CLB Trúc Bạch', unit_code: '00004', founded_on: '2024-03-15' });
  assert.deepEqual([club.a.code, club.b.code, club.c.code, club.h.code], ['15961-01', '15961-02', '14758-01', '00004-01']);
  const add = async (c, members, joined_on) => {
    for (const [full_name, sex, birth] of members) {
      const r = await as.admin.postJson(`/api/v1/clubs/${c.id}/members`, { full_name, sex, birth, joined_on });
      assert.equal(r.status, 201, r.text);
    }
  };
  // Members at every month end used: A 3 (2 women, 2 older), B 2 (1 woman, 2 older),
  // C 4 (4 women, none older), H 1 (a man, older).
  await add(club.a, [['Lê Thị Lan', 'F', 1950], ['Trần Thị Mai', 'F', 1985], ['Phạm Văn Nam', 'M', 1955]], '2024-04-01');
  await add(club.b, [['Đỗ Thị Hoa', 'F', 1960], ['Vũ Văn Tuấn', 'M', 1958]], '2025-08-10');
  await add(club.c, [['Ngô Thị An', 'F', 1990], ['Hà Thị Bình', 'F', 1991], ['Lý Thị Cúc', 'F', 1992], ['Mai Thị Dung', 'F', 1993]], '2025-09-05');
  await add(club.h, [['Nguyễn Văn Bình', 'M', 1940]], '2024-04-01');

  const save = async (c, period, values, submit) => {
    let r = await put(as.admin, `/api/v1/clubs/${c.id}/reports/${period}`, { values });
    assert.equal(r.status, 200, r.text);
    if (submit) {
      r = await as.admin.postJson(`/api/v1/clubs/${c.id}/reports/${period}/submit`, {});
      assert.equal(r.status, 200, r.text);
    }
  };
  await save(club.a, '2024-06', { HEA_CHECKS: 9 }, true);
  await save(club.h, '2024-06', { HEA_CHECKS: 6 }, true);
  await save(club.a, '2026-01', { HEA_CHECKS: 1 }, true);
  await save(club.a, '2026-02', { HEA_CHECKS: 2 }, true);
  await save(club.b, '2026-02', { HEA_CHECKS: 4 }, true);
  await save(club.a, '2026-03', { HEA_CHECKS: 5, INC_BORROWERS: 1 }, true);
  await save(club.b, '2026-03', { HEA_CHECKS: 3, INC_BORROWERS: 2 }, true);
  await save(club.c, '2026-03', { HEA_CHECKS: 7, INC_BORROWERS: 1 }, false); // a draft only
  await save(club.h, '2026-03', { HEA_CHECKS: 11 }, true);
  // April's report of A, sent before its due date (05/05/2026): on time.
  await save(club.a, '2026-04', { HEA_CHECKS: 2 }, true);
  // The commune approves A's March when the route exists.
  const r = await as.commune.postJson(`/api/v1/clubs/${club.a.id}/reports/2026-03/approve`, {});
  canApprove = r.status === 200;
  if (r.status !== 404) assert.equal(r.status, 200, r.text);
});
after(async () => { await srv.stop(); srv.cleanup(); });

function put(c, path, body) {
  return c.request('PUT', path, { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
}

// GET /api/v1/aggregates with the query given; asserts 200 and returns the answer.
async function agg(c, query) {
  const r = await c.get('/api/v1/aggregates?' + new URLSearchParams(query));
  assert.equal(r.status, 200, `${new URLSearchParams(query)}: ${r.text}`);
  return r.json;
}
// The cell of column code in row (a row object of the answer).
function cell(ans, row, code) {
  const i = ans.columns.findIndex((c) => c.code === code);
  assert.ok(i >= 0, `no column ${code}`);
  return row.cells[i];
}
const val = (ans, row, code) => cell(ans, row, code).value;
const rowOf = (ans, key) => {
  const row = ans.rows.find((r) => r.code === key || r.period === key);
  assert.ok(row, `no row ${key} in ${ans.rows.map((r) => r.code ?? r.period).join(' ')}`);
  return row;
};
function refused(r, status, code, field) {
  assert.equal(r.status, status, r.text);
  assert.equal(r.json.error.code, code, r.text);
  if (field) assert.equal(r.json.error.field, field, r.text);
}

const IND = 'MEM_TOTAL,MEM_WOMEN,MEM_OLDER,HEA_CHECKS,INC_BORROWERS,R_WOMEN,R_OLDER,R_BORROW,_EXPECTED,_REPORTS,R_REPORTED';

test('a commune by club, a province by commune and the country by province, for one month', async () => {
  let a = await agg(as.admin, { unit: '15961', from: '2026-03', to: '2026-03', indicators: IND, by: 'child' });
  assert.deepEqual(a.unit, { code: '15961', name: 'Xã Hoằng Lộc', level: 'commune' });
  assert.deepEqual(a.columns.map((c) => c.code), IND.split(','));
  assert.equal(a.columns[0].label, 'Tổng số thành viên');
  assert.equal(a.columns[0].over_time, 'last');
  assert.equal(a.columns[3].over_time, 'sum');
  const women = a.columns.find((c) => c.code === 'R_WOMEN');
  assert.equal(women.kind, 'rate');
  assert.ok(women.formula.length > 0);
  assert.equal(typeof a.geography.note, 'string');
  const A = rowOf(a, '15961-01'), B = rowOf(a, '15961-02');
  assert.deepEqual([A.name, A.level, B.name], ['CLB Hoằng Thành', 'club', 'CLB Hoằng Lộc mới']);
  assert.deepEqual([val(a, A, 'MEM_TOTAL'), val(a, A, 'HEA_CHECKS'), val(a, B, 'HEA_CHECKS')], [3, 5, 3]);
  assert.deepEqual(cell(a, a.total, 'MEM_TOTAL'), { value: 5, clubs: 2 });
  assert.deepEqual([val(a, a.total, 'MEM_WOMEN'), val(a, a.total, 'MEM_OLDER'), val(a, a.total, 'HEA_CHECKS'), val(a, a.total, 'INC_BORROWERS')], [3, 4, 8, 3]);
  assert.deepEqual(cell(a, a.total, 'R_WOMEN'), { num: 3, den: 5, rate: 0.6 });
  assert.deepEqual(cell(a, a.total, 'R_BORROW'), { num: 3, den: 5, rate: 0.6 });
  assert.deepEqual([val(a, a.total, '_EXPECTED'), val(a, a.total, '_REPORTS')], [2, 2]);
  assert.deepEqual(cell(a, a.total, 'R_REPORTED'), { num: 2, den: 2, rate: 1 });

  a = await agg(as.admin, { unit: '38', from: '2026-03', to: '2026-03', indicators: IND });
  assert.deepEqual(a.unit, { code: '38', name: 'Thanh Hóa', level: 'province' });
  assert.equal(a.by, 'child');
  const hl = rowOf(a, '15961'), hr = rowOf(a, '14758');
  assert.equal(hl.level, 'commune');
  assert.deepEqual([val(a, hl, 'MEM_TOTAL'), val(a, hl, 'HEA_CHECKS')], [5, 8]);
  // Hàm Rồng's only report is a draft: it does not count, but its club is expected.
  assert.deepEqual(cell(a, hr, 'HEA_CHECKS'), { value: null, clubs: 0 });
  assert.deepEqual([val(a, hr, '_EXPECTED'), val(a, hr, '_REPORTS')], [1, null]);
  assert.deepEqual(cell(a, hr, 'R_REPORTED'), { num: 0, den: 1, rate: 0 });
  assert.deepEqual([val(a, a.total, 'MEM_TOTAL'), val(a, a.total, 'HEA_CHECKS'), val(a, a.total, '_EXPECTED')], [5, 8, 3]);
  // rates are given to six decimals; num and den are exact
  assert.deepEqual(cell(a, a.total, 'R_REPORTED'), { num: 2, den: 3, rate: 0.666667 });

  a = await agg(as.central, { from: '2026-03', to: '2026-03', indicators: IND });
  assert.equal(a.unit.level, 'country');
  const th = rowOf(a, '38'), hn = rowOf(a, '01');
  assert.deepEqual([val(a, th, 'MEM_TOTAL'), val(a, hn, 'MEM_TOTAL'), val(a, hn, 'HEA_CHECKS')], [5, 1, 11]);
  assert.deepEqual([val(a, a.total, 'MEM_TOTAL'), val(a, a.total, 'HEA_CHECKS')], [6, 19]);
  // A rate of the country from its totals (3 women of 6 members), not the mean of the provinces'
  // rates (3/5 and 0/1, whose mean is 0.3).
  assert.deepEqual(cell(a, th, 'R_WOMEN'), { num: 3, den: 5, rate: 0.6 });
  assert.deepEqual(cell(a, hn, 'R_WOMEN'), { num: 0, den: 1, rate: 0 });
  assert.deepEqual(cell(a, a.total, 'R_WOMEN'), { num: 3, den: 6, rate: 0.5 });
  assert.deepEqual(cell(a, a.total, 'R_OLDER'), { num: 5, den: 6, rate: Number((5 / 6).toFixed(6)) });
  assert.deepEqual(cell(a, a.total, 'R_REPORTED'), { num: 3, den: 4, rate: 0.75 });
});

test('by month, quarter and year: sums add the months, end-of-month figures take the last', async () => {
  const q = { unit: '15961', from: '2026-01', to: '2026-03', indicators: 'MEM_TOTAL,HEA_CHECKS,R_WOMEN', by: 'month' };
  let a = await agg(as.admin, q);
  assert.equal(a.step, 'month');
  assert.deepEqual(a.rows.map((r) => r.period), ['2026-01', '2026-02', '2026-03']);
  assert.deepEqual(a.rows.map((r) => val(a, r, 'HEA_CHECKS')), [1, 6, 8]);
  assert.deepEqual(a.rows.map((r) => val(a, r, 'MEM_TOTAL')), [3, 5, 5]);
  assert.deepEqual(a.rows.map((r) => cell(a, r, 'R_WOMEN').num), [2, 3, 3]);
  assert.deepEqual([val(a, a.total, 'HEA_CHECKS'), val(a, a.total, 'MEM_TOTAL')], [15, 5]);

  a = await agg(as.admin, { ...q, step: 'quarter' });
  assert.deepEqual(a.rows.map((r) => [r.period, r.from, r.to]), [['2026-Q1', '2026-01', '2026-03']]);
  assert.deepEqual([val(a, a.rows[0], 'HEA_CHECKS'), val(a, a.rows[0], 'MEM_TOTAL')], [15, 5]);
  assert.deepEqual(cell(a, a.rows[0], 'R_WOMEN'), { num: 3, den: 5, rate: 0.6 });

  a = await agg(as.admin, { ...q, from: '2025-12', step: 'year' });
  assert.deepEqual(a.rows.map((r) => r.period), ['2025', '2026']);
  assert.deepEqual(cell(a, a.rows[0], 'HEA_CHECKS'), { value: null, clubs: 0 });
  assert.deepEqual([val(a, a.rows[1], 'HEA_CHECKS'), val(a, a.rows[1], 'MEM_TOTAL')], [15, 5]);

  // A club by month (its only possible rows).
  a = await agg(as.club, { from: '2026-01', to: '2026-03', indicators: 'HEA_CHECKS' });
  assert.deepEqual(a.unit.code, '15961-01');
  assert.equal(a.by, 'month');
  assert.deepEqual(a.rows.map((r) => val(a, r, 'HEA_CHECKS')), [1, 2, 5]);
});

test('before the reform: "then" shows the units of the time, "today" restates them; the country is the same in both', async () => {
  const q = { from: '2024-06', to: '2024-06', indicators: 'HEA_CHECKS,MEM_TOTAL' };
  const then = await agg(as.admin, { ...q, geography: 'then' });
  const today = await agg(as.admin, { ...q, geography: 'today' });
  assert.equal(then.geography.code, 'then');
  assert.equal(today.geography.code, 'today');
  assert.notEqual(then.geography.note, today.geography.note);
  assert.deepEqual(then.total.cells, today.total.cells);
  assert.deepEqual([val(then, then.total, 'HEA_CHECKS'), val(then, then.total, 'MEM_TOTAL')], [15, 4]);
  assert.equal(val(then, rowOf(then, '38'), 'HEA_CHECKS'), 9);
  assert.equal(val(then, rowOf(then, '01'), 'HEA_CHECKS'), 6);
  assert.equal(val(today, rowOf(today, '38'), 'HEA_CHECKS'), 9);

  // Thanh Hóa in June 2024 had districts: club A counts in Huyện Hoằng Hóa (399) then, and in
  // today's Xã Hoằng Lộc restated.
  const pThen = await agg(as.province, { ...q, unit: '38', geography: 'then' });
  const hh = rowOf(pThen, '399');
  assert.deepEqual([hh.name, hh.level, val(pThen, hh, 'HEA_CHECKS')], ['Huyện Hoằng Hóa', 'district', 9]);
  const pToday = await agg(as.province, { ...q, unit: '38', geography: 'today' });
  const hl = rowOf(pToday, '15961');
  assert.deepEqual([hl.name, hl.level, val(pToday, hl, 'HEA_CHECKS')], ['Xã Hoằng Lộc', 'commune', 9]);
  assert.equal(val(pToday, pToday.total, 'HEA_CHECKS'), 9);
  assert.equal(val(pThen, pThen.total, 'HEA_CHECKS'), 9);

  // Commune 15961 in June 2024 was Xã Hoằng Thành; today it is Xã Hoằng Lộc. Club A is in both.
  const cThen = await agg(as.commune, { ...q, unit: '15961', geography: 'then' });
  assert.equal(cThen.unit.name, 'Xã Hoằng Thành');
  assert.equal(val(cThen, rowOf(cThen, '15961-01'), 'HEA_CHECKS'), 9);
  const cToday = await agg(as.commune, { ...q, unit: '15961', geography: 'today' });
  assert.equal(cToday.unit.name, 'Xã Hoằng Lộc');
  assert.equal(val(cToday, cToday.total, 'HEA_CHECKS'), 9);

  // Over the whole range, the country is the same in both geographies month by month.
  const r = { from: '2024-01', to: '2026-04', indicators: 'HEA_CHECKS,MEM_TOTAL,_REPORTS', by: 'month' };
  const t1 = await agg(as.viewer, { ...r, geography: 'then' }), t2 = await agg(as.viewer, { ...r, geography: 'today' });
  assert.deepEqual(t1.rows, t2.rows);
  assert.equal(val(t1, t1.total, 'HEA_CHECKS'), 9 + 6 + 1 + 2 + 4 + 5 + 3 + 11 + 2);
});

test('which reports count: all counts drafts, submitted does not; a saved value is in the next answer', async () => {
  const q = { unit: '38', from: '2026-03', to: '2026-03', indicators: 'HEA_CHECKS,INC_BORROWERS,MEM_TOTAL,_REPORTS' };
  let sub = await agg(as.province, q);
  let all = await agg(as.province, { ...q, status: 'all' });
  assert.equal(sub.status, 'submitted');
  assert.deepEqual([val(sub, sub.total, 'HEA_CHECKS'), val(sub, sub.total, 'MEM_TOTAL'), val(sub, sub.total, '_REPORTS')], [8, 5, 2]);
  assert.deepEqual([val(all, all.total, 'HEA_CHECKS'), val(all, all.total, 'MEM_TOTAL'), val(all, all.total, '_REPORTS')], [15, 9, 3]);
  assert.equal(val(all, rowOf(all, '14758'), 'HEA_CHECKS'), 7);

  // The draft changes: the very next request shows it, in the commune, the province and the country.
  let r = await put(as.admin, `/api/v1/clubs/${club.c.id}/reports/2026-03`, { values: { HEA_CHECKS: 9 } });
  assert.equal(r.status, 200, r.text);
  all = await agg(as.province, { ...q, status: 'all' });
  assert.equal(val(all, all.total, 'HEA_CHECKS'), 17);
  const nat = await agg(as.admin, { ...q, unit: '', status: 'all' });
  assert.equal(val(nat, nat.total, 'HEA_CHECKS'), 17 + 11);
  sub = await agg(as.province, q);
  assert.equal(val(sub, sub.total, 'HEA_CHECKS'), 8);

  if (canApprove) {
    const ok = await agg(as.province, { ...q, status: 'approved' });
    assert.equal(ok.status, 'approved');
    assert.deepEqual([val(ok, ok.total, 'HEA_CHECKS'), val(ok, ok.total, '_REPORTS')], [5, 1]);
  }
});

test('the reporting rate: expected, reports, on time and approved', async () => {
  const a = await agg(as.commune, { unit: '15961', from: '2026-04', to: '2026-04', indicators: '_EXPECTED,_REPORTS,_ONTIME,R_REPORTED,R_ONTIME' });
  assert.deepEqual([val(a, a.total, '_EXPECTED'), val(a, a.total, '_REPORTS'), val(a, a.total, '_ONTIME')], [2, 1, 1]);
  assert.deepEqual(cell(a, a.total, 'R_ONTIME'), { num: 1, den: 2, rate: 0.5 });
  const m = await agg(as.commune, { unit: '15961', from: '2026-03', to: '2026-03', indicators: '_REPORTS,_ONTIME,_APPROVED,R_APPROVED' });
  assert.deepEqual([val(m, m.total, '_REPORTS'), val(m, m.total, '_ONTIME')], [2, 0]);
  if (canApprove) assert.deepEqual(cell(m, m.total, 'R_APPROVED'), { num: 1, den: 2, rate: 0.5 });
});

test('each role reads the totals of its scope only', async () => {
  const q = { from: '2026-03', to: '2026-03', indicators: 'HEA_CHECKS' };
  // Viewers see totals (no person's data), of the whole country.
  let a = await agg(as.viewer, q);
  assert.equal(val(a, a.total, 'HEA_CHECKS'), 19);
  a = await agg(as.viewer, { ...q, unit: '01' });
  assert.equal(val(a, a.total, 'HEA_CHECKS'), 11);
  // A province user: no unit means the province; Hà Nội and its communes are not found.
  a = await agg(as.province, q);
  assert.equal(a.unit.code, '38');
  for (const unit of ['01', '00004', '00004-01']) refused(await as.province.get('/api/v1/aggregates?' + new URLSearchParams({ ...q, unit })), 404, 'not_found');
  // A commune user: its commune and its clubs; not the province.
  a = await agg(as.commune, q);
  assert.equal(a.unit.code, '15961');
  refused(await as.commune.get('/api/v1/aggregates?unit=38'), 404, 'not_found');
  refused(await as.commune.get('/api/v1/aggregates?unit=14758'), 404, 'not_found');
  // A club user: its club only.
  a = await agg(as.club, { ...q, unit: '15961-01' });
  assert.equal(val(a, a.total, 'HEA_CHECKS'), 5);
  for (const unit of ['15961', '15961-02', '38']) refused(await as.club.get('/api/v1/aggregates?' + new URLSearchParams({ ...q, unit })), 404, 'not_found');
  assert.equal((await new Client(srv.url).get('/api/v1/aggregates')).status, 401);
});

test('bad parameters are refused with the parameter named, in Vietnamese or English', async () => {
  const bad = async (query, status, code, field) => {
    const r = await as.admin.get('/api/v1/aggregates?' + new URLSearchParams(query));
    refused(r, status, code, field);
    return r;
  };
  let r = await bad({ from: '2026-13' }, 422, 'period', 'from');
  assert.match(r.json.error.message, /[Tt]háng/);
  await bad({ to: 'tháng ba' }, 422, 'period', 'to');
  await bad({ from: '2026-04', to: '2026-03' }, 422, 'period', 'from');
  await bad({ by: 'district' }, 422, 'invalid', 'by');
  await bad({ by: 'month', step: 'week' }, 422, 'invalid', 'step');
  await bad({ by: 'child', step: 'year' }, 422, 'invalid', 'step');
  await bad({ geography: 'now' }, 422, 'invalid', 'geography');
  await bad({ status: 'draft' }, 422, 'invalid', 'status');
  r = await bad({ indicators: 'MEM_TOTAL,NO_SUCH' }, 422, 'invalid', 'indicators');
  assert.match(r.json.error.message, /NO_SUCH/);
  await bad({ unit: '15961-01', by: 'child' }, 422, 'invalid', 'by');
  await bad({ unit: '99999' }, 404, 'not_found');
  await bad({ indicators: Array.from({ length: 49 }, () => 'MEM_TOTAL').join(',') }, 422, 'invalid', 'indicators');

  const en = new Client(srv.url);
  await en.login('admin', USERS.admin.password);
  await en.postForm('/lang', { lang: 'en', next: '/' });
  r = await en.get('/api/v1/aggregates?geography=now');
  refused(r, 422, 'invalid', 'geography');
  assert.match(r.json.error.message, /today/);
  const ok = (await en.get('/api/v1/aggregates?indicators=MEM_TOTAL,R_WOMEN&from=2026-03&to=2026-03')).json;
  assert.deepEqual(ok.columns.map((c) => c.label), ['Members', 'Share of women members']);
  assert.match(ok.geography.label, /today/);
  await en.postForm('/lang', { lang: 'vi', next: '/' });
});

test('GET /api/v1/aggregates/indicators lists what can be asked for, to every role', async () => {
  for (const name of Object.keys(USERS)) {
    const r = await as[name].get('/api/v1/aggregates/indicators');
    assert.equal(r.status, 200, `${name}: ${r.text}`);
    assert.equal(r.json.indicators.length, 36);
    assert.ok(r.json.rates.some((x) => x.code === 'R_WOMEN' && x.formula && x.num === 'MEM_WOMEN'), r.text);
    assert.ok(r.json.rates.some((x) => x.code === 'R_BORROW' && x.target.low === 0.5 && x.target.high === null), r.text);
    assert.deepEqual(r.json.counts.map((x) => x.code), ['_EXPECTED', '_REPORTS', '_SUBMITTED', '_ONTIME', '_APPROVED']);
    assert.deepEqual(r.json.default, ['MEM_TOTAL', 'R_WOMEN', 'R_OLDER', 'R_BORROW', 'INC_OUTSTANDING', 'R_REPORTED']);
  }
});

// ---- pages ----

const text = (html) => html.replace(/<[^>]+>/g, ' ').replace(/&nbsp;/g, ' ').replace(/\s+/g, ' ');

test('pages: the overview, the trend and the reporting rate for every role, valid HTML, with the figures', async () => {
  const pages = {};
  for (const name of Object.keys(USERS)) {
    for (const path of ['/reports/overview', '/reports/trend', '/reports/rate']) {
      const r = await as[name].get(path);
      assert.equal(r.status, 200, `${name} ${path}: ${r.text.slice(0, 2000)}`);
      pages[`${name}${path}`] = r.text;
    }
  }
  // Defaults: the user's scope and last month (03/2026).
  assert.match(text(pages['province/reports/overview']), /Thanh Hóa \(38\)/);
  assert.match(text(pages['commune/reports/overview']), /Xã Hoằng Lộc \(15961\)/);
  assert.match(text(pages['club/reports/overview']), /CLB Hoằng Thành/);
  assert.match(text(pages['viewer/reports/overview']), /Toàn quốc/);
  assert.match(pages['admin/reports/overview'], /tháng 03\/2026/);
  assert.match(pages['admin/reports/overview'], /<a href="\/reports\/overview\?unit=38&amp;from=2026-03/);

  // The commune overview: a row per club, the total, targets in the headings, the flag in words.
  const r = await as.commune.get('/reports/overview?unit=15961&from=2026-03&to=2026-03&indicators=MEM_TOTAL,HEA_CHECKS,R_BORROW,R_WOMEN&geography=today&status=submitted');
  assert.equal(r.status, 200);
  pages['commune-15961'] = r.text;
  const t = text(r.text);
  assert.match(t, /CLB Hoằng Thành 15961-01 3 5 /);
  assert.match(t, /CLB Hoằng Lộc mới 15961-02 2 3 /);
  assert.match(t, /Tổng 5 8 60,0% 3\/5/);
  assert.match(t, /Chỉ tiêu: ≥ 50,0%/);
  // R_BORROW of club A: 1/3 = 33,3%, below the 50% target, said in words.
  assert.match(t, /33,3% 1\/3 Dưới chỉ tiêu/);

  // Drafts counted when asked.
  const all = text((await as.province.get('/reports/overview?unit=38&from=2026-03&indicators=HEA_CHECKS&status=all')).text);
  assert.match(all, /Tổng 17/);

  // The trend: an SVG chart with a title and a description, and its table.
  const tr = await as.commune.get('/reports/trend?unit=15961&indicator=HEA_CHECKS&from=2026-01&to=2026-03');
  assert.equal(tr.status, 200);
  pages['trend'] = tr.text;
  assert.match(tr.text, /<svg class="chart" role="img"[^>]*aria-labelledby="trend-title trend-desc"/);
  assert.match(tr.text, /<desc id="trend-desc">[^<]*03\/2026: 8/);
  assert.match(text(tr.text), /01\/2026 1 1 02\/2026 6 2 03\/2026 8 2/);
  const q = await as.commune.get('/reports/trend?unit=15961&indicator=HEA_CHECKS&from=2026-01&to=2026-03&step=quarter');
  assert.match(text(q.text), /Quý 1\/2026 15 /);
  pages['trend-quarter'] = q.text;

  // The reporting rate of the province for March: Hàm Rồng expected 1, begun 1, submitted 0.
  const rate = await as.province.get('/reports/rate?unit=38&period=2026-03');
  assert.equal(rate.status, 200);
  pages['rate'] = rate.text;
  const rt = text(rate.text);
  assert.match(rt, /Phường Hàm Rồng 14758 1 1 0 0 0 0,0% 0\/1 Dưới chỉ tiêu \(≥ 100,0%\)/);
  assert.match(rt, new RegExp(`Xã Hoằng Lộc 15961 2 2 2 0 ${canApprove ? 1 : 0} 100,0% 2/2 `));
  assert.match(rt, /Tổng 3 3 2 0 /);
  // Communes without a club are left out, with a link to show them.
  assert.doesNotMatch(rt, /Xã Yên Định/);
  assert.match(rt, /164 đơn vị không có số liệu nào được ẩn/);
  const every = await as.province.get('/reports/rate?unit=38&period=2026-03&all_rows=1');
  assert.match(text(every.text), /Xã Yên Định 15469 0 0 0 0 0 — /);
  pages['rate-all'] = every.text;

  // The CSV of the overview.
  const csv = await as.province.get('/reports/overview?unit=38&from=2026-03&to=2026-03&indicators=HEA_CHECKS,R_WOMEN&format=csv');
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /text\/csv/);
  assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  assert.match(csv.text, /15961,Xã Hoằng Lộc,8,"60,0"/);

  // The home page leads to the totals.
  assert.match((await as.viewer.get('/')).text, /href="\/reports\/overview"/);
  validateHtml(pages);
});

test('pages: a bad parameter is a clear message next to its field, and another unit is not found', async () => {
  const pages = {};
  const check = async (c, path, status, re, name) => {
    const r = await c.get(path);
    assert.equal(r.status, status, `${path}: ${r.text.slice(0, 1500)}`);
    assert.match(r.text, re);
    pages[name] = r.text;
    return r;
  };
  await check(as.admin, '/reports/overview?from=2026-13', 422, /id="e-from"[^>]*>Tháng không hợp lệ/, 'from');
  await check(as.admin, '/reports/overview?indicators=NO_SUCH', 422, /NO_SUCH/, 'indicators');
  await check(as.admin, '/reports/overview?geography=now', 422, /aria-invalid="true"/, 'geography');
  await check(as.admin, '/reports/trend?indicator=NO_SUCH', 422, /id="e-indicator"/, 'indicator');
  await check(as.admin, '/reports/rate?period=03-2026x', 422, /id="e-period"/, 'period');
  await check(as.province, '/reports/overview?unit=01', 404, /id="e-unit"[^>]*>Không có đơn vị/, 'scope');
  await check(as.club, '/reports/rate?unit=15961-02', 404, /id="e-unit"/, 'club-scope');
  // A month typed the Vietnamese way is understood.
  await check(as.admin, '/reports/overview?from=3/2026&to=03/2026&unit=15961', 200, /tháng 03\/2026/, 'vn-month');
  validateHtml(pages);
});
