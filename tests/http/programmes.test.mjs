// Programmes and targets, province plans and money (issue 8): who reads and who changes what, bad
// input that changes nothing, progress computed from the data, the "57/63 tỉnh" count by year, the
// plans import (preview, all or nothing) and the Excel exports.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, USERS, validateHtml } from '../lib/harness.mjs';

let srv;
const as = {};
const pages = {};
before(async () => {
  srv = await startServer({ env: { ISHC_NOW: String(Date.parse('2026-10-15T03:00:00Z') / 1000) } });
  for (const name of Object.keys(USERS)) {
    as[name] = new Client(srv.url);
    await as[name].loginForm(name, USERS[name].password);
  }
});
after(async () => { await srv.stop(); srv.cleanup(); });

const send = (c, method, path, body) => c.request(method, path, { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
function upload(c, path, fields, file, name) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  fd.append('file', new Blob([file]), name);
  return c.request('POST', path, { body: fd });
}

test('the two programmes and their national targets are there from init; every role reads them', async () => {
  for (const name of Object.keys(USERS)) {
    const r = await as[name].get('/api/v1/programmes');
    assert.equal(r.status, 200, name);
    const codes = r.json.items.map((p) => p.code);
    assert.deepEqual(codes, ['DA1336', 'DA1648']);
    assert.equal(r.json.items[0].decision, '1336/QĐ-TTg');
    assert.equal(r.json.items[0].decision_date, '2020-08-31');
    assert.equal(r.json.items[1].decision_date, null, '1648: date not in the shared material, left to enter');
  }
  const p = (await as.viewer.get('/api/v1/programmes/DA1336')).json;
  assert.equal(p.provinces, 63);
  assert.equal((await as.viewer.get('/api/v1/programmes/DA1648')).json.provinces, 34);
  const t = (await as.club.get(`/api/v1/programmes/${p.id}/targets`)).json;
  const byMeasure = Object.fromEntries(t.items.filter((x) => x.unit === null && x.year === null).map((x) => [x.measure, x.value]));
  assert.deepEqual(byMeasure, { new_clubs: 3000, members: 150000, older_members: 100000, province_share: 950, well_managed_share: 700, borrowing_share: 500, both_funds_share: 1000 });
  assert.equal((await as.viewer.get('/api/v1/programmes/999')).status, 404);
  assert.equal((await new Client(srv.url).get('/api/v1/programmes')).status, 401);
  pages.list = (await as.viewer.get('/programmes')).text;
  const show = await as.commune.get(`/programmes/${p.id}`);
  assert.equal(show.status, 200);
  assert.match(show.text, /chưa đánh giá/);
  assert.match(show.text, /chưa có dữ liệu/);
  assert.doesNotMatch(show.text, /Đặt hoặc điều chỉnh chỉ tiêu/, 'no target form below the national level');
  pages.show_commune = show.text;
});

test('only the national level sets and revises targets; a revision needs a reason and keeps the history', async () => {
  const id = (await as.central.get('/api/v1/programmes/DA1336')).json.id;
  const body = { unit: '38', measure: 'new_clubs', value: '120', decided_on: '15/03/2021' };
  for (const name of ['province', 'commune', 'club', 'viewer']) {
    assert.equal((await as[name].postJson(`/api/v1/programmes/${id}/targets`, body)).status, 403, name);
    assert.equal((await as[name].postForm(`/programmes/${id}/targets`, body)).status, 403, name);
  }
  let r = await as.central.postJson(`/api/v1/programmes/${id}/targets`, body);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.value, 120);
  assert.equal(r.json.unit, '38');
  // Bad input: the field named, nothing changed.
  for (const [bad, field, code] of [
    [{ ...body, value: 'nhiều' }, 'value', 'invalid'],
    [{ ...body, measure: 'happiness' }, 'measure', 'invalid'],
    [{ ...body, unit: '15961' }, 'unit', 'not_province'],
    [{ ...body, unit: '99' }, 'unit', 'not_province'],
    [{ ...body, year: '2019' }, 'year', 'programme_year'],
    [{ ...body, decided_on: '31/02/2021' }, 'decided_on', 'date'],
    [{ ...body, measure: 'province_share', value: '95' }, 'unit', 'invalid'],
    [{ unit: '', measure: 'borrowing_share', value: '120%', decided_on: '01/01/2022', reason: 'x' }, 'value', 'invalid'],
    [{ ...body, value: '150' }, 'reason', 'reason_required'],
  ]) {
    r = await as.central.postJson(`/api/v1/programmes/${id}/targets`, bad);
    assert.equal(r.status, 422, JSON.stringify(bad));
    assert.equal(r.json.error.field, field, JSON.stringify(bad));
    assert.equal(r.json.error.code, code, JSON.stringify(bad));
  }
  r = await as.central.get(`/api/v1/programmes/${id}/targets?unit=38`);
  assert.deepEqual(r.json.items.map((t) => t.value), [120]);
  // The revision through the page, with its reason; the old value stays as history.
  r = await as.central.postForm(`/programmes/${id}/targets`, { ...body, value: '150', decided_on: '01/06/2023', reason: 'Tỉnh đăng ký thêm CLB' });
  assert.equal(r.status, 303, r.text.slice(0, 400));
  r = await as.central.get(`/api/v1/programmes/${id}/targets?unit=38&history=1`);
  assert.deepEqual(r.json.items.map((t) => [t.value, t.in_force]), [[150, true], [120, false]]);
  assert.equal(r.json.items[0].reason, 'Tỉnh đăng ký thêm CLB');
  // A share typed as a percentage with a decimal comma, national.
  r = await as.central.postJson(`/api/v1/programmes/${id}/targets`, { measure: 'borrowing_share', value: '55,5', decided_on: '2024-01-02', reason: 'Điều chỉnh giữa kỳ' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.value, 555);
  // The page shows the form to central with the error next to the field, what was typed kept.
  r = await as.central.postForm(`/programmes/${id}/targets`, { ...body, value: 'abc' });
  assert.equal(r.status, 422);
  assert.match(r.text, /id="f-t-value"[^>]*value="abc"/);
  pages.target_error = r.text;
  // Audited.
  r = await as.central.get('/api/v1/audit?entity=target');
  assert.ok(r.json.items.some((a) => a.action === 'revise'), 'revise audited');
});

test('progress is computed from clubs and members against the target in force, for the country and a province', async () => {
  const id = (await as.central.get('/api/v1/programmes/DA1336')).json.id;
  // Two clubs founded in 2021 in Thanh Hóa (through the clubs API), one planned (does not count).
  for (const [name, status, founded] of [['CLB A', 'active', '2021-04-01'], ['CLB B', 'founded', '2021-09-10'], ['CLB C', 'planned', null]]) {
    const r = await as.admin.postJson('/api/v1/clubs', { name, unit_code: '15961', status, status_date: founded || '2026-01-05', founded_on: founded });
    assert.equal(r.status, 201, r.text);
  }
  let r = await as.viewer.get(`/api/v1/programmes/${id}/progress?year=2021`);
  assert.equal(r.status, 200, r.text);
  const m = Object.fromEntries(r.json.items.map((x) => [x.measure, x]));
  assert.equal(m.new_clubs.actual, 2);
  assert.equal(m.province_share.of.num, 1);
  assert.equal(m.province_share.of.den, 63);
  assert.equal(m.well_managed_share.state, 'not_assessed');
  assert.equal(m.both_funds_share.state, 'no_data');
  r = await as.province.get(`/api/v1/programmes/${id}/progress?unit=38`);
  assert.equal(r.status, 200, r.text);
  const p = Object.fromEntries(r.json.items.map((x) => [x.measure, x]));
  assert.equal(p.new_clubs.actual, 2);
  assert.equal(p.new_clubs.target.value, 150, 'the revised target is the one in force');
  assert.equal(p.new_clubs.permille_of_target, 13);
  assert.equal(p.province_share, undefined, 'national only');
  assert.equal((await as.province.get(`/api/v1/programmes/${id}/progress?unit=01`)).status, 422);
  assert.equal((await as.viewer.get(`/api/v1/programmes/${id}/progress?year=2030`)).status, 422);
  r = await as.province.get(`/programmes/${id}?unit=38&year=2021`);
  assert.equal(r.status, 200);
  assert.match(r.text, /Thanh Hóa/);
  pages.show_province = r.text;
});

test('province plans: the province keeps its own, central all; viewers read; others are refused; bad input changes nothing', async () => {
  const id = (await as.central.get('/api/v1/programmes/DA1336')).json.id;
  let r = await send(as.province, 'PUT', `/api/v1/plans/${id}/38`, { issued: true, doc_no: 'KH 23/KH-UBND', issued_on: '2021-05-12', clubs_registered: 180, budget_vnd: '3.500.000.000', budget_decision: 'QĐ 1234/QĐ-UBND', budget_date: '20/06/2021', finance_mechanism: true, mobilisation_policy: true, obstacles: 'Ngân sách hạn hẹp' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.budget_vnd, 3500000000);
  assert.equal(r.json.doc_no, 'KH 23/KH-UBND');
  assert.equal((await send(as.province, 'PUT', `/api/v1/plans/${id}/01`, { issued: true })).status, 404, 'another province');
  for (const name of ['commune', 'club']) {
    assert.equal((await as[name].get(`/api/v1/plans?programme=${id}`)).status, 403, name);
    assert.equal((await as[name].get('/plans')).status, 403, name);
  }
  assert.equal((await send(as.viewer, 'PUT', `/api/v1/plans/${id}/38`, { issued: true })).status, 403);
  for (const [bad, field] of [[{ budget_vnd: 'ba tỷ' }, 'budget_vnd'], [{ issued_on: '2021-13-01' }, 'issued_on'], [{ issued: false }, 'issued'], [{ clubs_registered: -5 }, 'clubs_registered'], [{ colour: 'red' }, 'colour']]) {
    r = await send(as.province, 'PUT', `/api/v1/plans/${id}/38`, bad);
    assert.equal(r.status, 422, JSON.stringify(bad));
    assert.equal(r.json.error.field, field);
  }
  assert.equal((await as.province.get(`/api/v1/plans/${id}/38`)).json.budget_vnd, 3500000000, 'nothing changed');
  // Central records Hà Nội's, issued in 2022 through the page form.
  r = await as.central.postForm(`/plans/${id}/01`, { issued: '1', doc_no: 'KH 5/KH-UBND', issued_on: '10/02/2022', clubs_registered: '200' });
  assert.equal(r.status, 303, r.text.slice(0, 300));
  r = await as.central.postForm(`/plans/${id}/01`, { issued: '1', budget_vnd: 'nhiều' });
  assert.equal(r.status, 422);
  assert.match(r.text, /id="f-budget_vnd"[^>]*value="nhiều"/);
  pages.plan_error = r.text;
  // The count follows the year and the programme's geography (63 provinces).
  r = await as.central.get(`/api/v1/plans?programme=DA1336&year=2021`);
  assert.equal(r.status, 200);
  assert.deepEqual([r.json.summary.issued, r.json.summary.provinces, r.json.summary.budget_provinces, r.json.summary.budget_total_vnd, r.json.summary.clubs_registered], [1, 63, 1, 3500000000, 180]);
  r = await as.central.get(`/api/v1/plans?programme=DA1336&year=2022`);
  assert.deepEqual([r.json.summary.issued, r.json.summary.clubs_registered], [2, 380]);
  assert.equal((await as.central.get(`/api/v1/plans?programme=DA1648`)).json.summary.provinces, 34);
  assert.equal((await as.central.get(`/api/v1/plans?programme=DA1336&year=2019`)).status, 422);
  // The province sees only its own row; viewers all.
  r = await as.province.get(`/api/v1/plans?programme=DA1336`);
  assert.deepEqual(r.json.items.map((x) => x.unit), ['38']);
  assert.equal((await as.viewer.get(`/api/v1/plans?programme=DA1336`)).json.items.length, 63);
  r = await as.central.get(`/plans?programme=${id}&year=2021`);
  assert.equal(r.status, 200);
  assert.match(r.text, /<strong>1\/63<\/strong>/);
  assert.match(r.text, /3\.500\.000\.000 đ/);
  pages.plans = r.text;
  pages.plan_form = (await as.province.get(`/plans/${id}/38`)).text;
  pages.plan_viewer = (await as.viewer.get(`/plans/${id}/38`)).text;
  assert.doesNotMatch(pages.plan_viewer, /<form method="post"[^>]*action="\/plans/);
  // The export holds the plans, in my scope.
  r = await as.central.get(`/plans.xlsx?programme=${id}`);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /spreadsheetml/);
  assert.equal(r.bytes.subarray(0, 2).toString(), 'PK');
});

test('plans import: a preview, all rows or none, the row and column of each problem; central and province may', async () => {
  const bad = 'Mã tỉnh,Tỉnh/thành phố,Đề án,Đã ban hành,Số văn bản,Ngày ban hành,Số CLB đăng ký thành lập mới,Kinh phí 5 năm (đồng)\n' +
    '27,Bắc Ninh,1336,x,KH 12/KH-UBND,03/04/2021,95,"2.000.000.000"\n' +
    '40,Nghệ An,1336,x,KH 40/KH-UBND,05/05/2021,abc,\n' +
    '27,Bắc Ninh,1336,x,KH 12/KH-UBND,03/04/2021,95,\n';
  let r = await upload(as.central, '/api/v1/imports/plans?preview=1', {}, Buffer.from(bad), 'ke-hoach.csv');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.kind, 'plans');
  assert.equal(r.json.errors, 2, JSON.stringify(r.json.problems));
  r = await upload(as.central, '/api/v1/imports/plans', {}, Buffer.from(bad), 'ke-hoach.csv');
  assert.equal(r.status, 422);
  assert.equal((await as.central.get('/api/v1/plans/DA1336/27')).json.recorded, false, 'nothing was written');
  const good = 'Mã tỉnh,Tỉnh/thành phố,Đề án,Đã ban hành,Số văn bản,Ngày ban hành,Số CLB đăng ký thành lập mới,Kinh phí 5 năm (đồng),Cơ chế tài chính\n' +
    '27,Bắc Ninh,1336,x,KH 12/KH-UBND,03/04/2021,95,"2.000.000.000",x\n' +
    ',Tỉnh Nghệ An,1336,x,KH 40/KH-UBND,05/05/2021,120,,x\n';
  // The province may import only its own province.
  r = await upload(as.province, '/api/v1/imports/plans?preview=1', {}, Buffer.from(good), 'ke-hoach.csv');
  assert.equal(r.status, 200);
  assert.equal(r.json.errors, 2);
  assert.equal((await upload(as.commune, '/api/v1/imports/plans?preview=1', {}, Buffer.from(good), 'k.csv')).status, 403);
  // Through the pages: upload, preview, commit.
  r = await as.central.get('/imports/new?kind=plans');
  assert.equal(r.status, 200);
  pages.import_form = r.text;
  assert.equal((await as.commune.get('/imports/new?kind=plans')).status, 403);
  r = await upload(as.central, '/imports', { kind: 'plans' }, Buffer.from(good), 'ke-hoach.csv');
  assert.equal(r.status, 303, r.text.slice(0, 400));
  const loc = r.headers.get('location');
  r = await as.central.get(loc);
  assert.equal(r.status, 200);
  assert.match(r.text, /Nghệ An/);
  pages.import_preview = r.text;
  r = await as.central.postForm(`${loc}/commit`, {});
  assert.ok([200, 303].includes(r.status), r.text.slice(0, 300));
  r = await as.central.get('/api/v1/plans/DA1336/40');
  assert.deepEqual([r.json.issued, r.json.clubs_registered, r.json.finance_mechanism], [true, 120, true]);
  assert.equal((await as.central.get('/api/v1/plans/DA1336/27')).json.budget_vnd, 2000000000);
  // The same file again changes nothing (rows unchanged are skipped).
  r = await upload(as.central, '/api/v1/imports/plans', {}, Buffer.from(good), 'ke-hoach.csv');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.existing, 2);
});

test('resources: kept from the commune up within the scope, summed by source; viewers read; bad input changes nothing', async () => {
  let r = await as.commune.postJson('/api/v1/resources', { unit: '15961', year: 2024, source: 'members', form: 'cash', value_vnd: '12.500.000', description: 'Thành viên góp quỹ' });
  assert.equal(r.status, 201, r.text);
  const rid = r.json.id;
  assert.equal(r.json.value_vnd, 12500000);
  r = await as.province.postJson('/api/v1/resources', { unit: '38', year: 2024, source: 'state_province', value_vnd: 300000000, form: 'cash' });
  assert.equal(r.status, 201, r.text);
  r = await as.central.postJson('/api/v1/resources', { unit: '', year: 2024, source: 'state_central', value_vnd: 1500000000, form: 'cash' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.unit, null);
  for (const [who, bad, status, field] of [
    ['commune', { unit: '01', year: 2024, source: 'members', value_vnd: 1 }, 403, 'unit'],
    ['commune', { unit: '', year: 2024, source: 'members', value_vnd: 1 }, 422, 'unit'],
    ['commune', { unit: '15961', year: 2024, source: 'lottery', value_vnd: 1 }, 422, 'source'],
    ['commune', { unit: '15961', year: 2024, source: 'members', value_vnd: 'nhiều' }, 422, 'value_vnd'],
    ['commune', { unit: '15961', year: 'năm nay', source: 'members', value_vnd: 1 }, 422, 'year'],
    ['commune', { unit: '15961', year: 2024, source: 'members', value_vnd: 1, received_on: '2023-05-01' }, 422, 'received_on'],
    ['commune', { unit: '15961', year: 2024, source: 'members', value_vnd: 1, form: 'gold' }, 422, 'form'],
  ]) {
    r = await as[who].postJson('/api/v1/resources', bad);
    assert.equal(r.status, status, JSON.stringify(bad) + r.text);
    assert.equal(r.json.error.field, field, JSON.stringify(bad));
  }
  for (const name of ['club']) {
    assert.equal((await as[name].get('/api/v1/resources')).status, 403);
    assert.equal((await as[name].postJson('/api/v1/resources', { unit: '15961', year: 2024, source: 'members', value_vnd: 1 })).status, 403);
  }
  assert.equal((await as.viewer.postJson('/api/v1/resources', { unit: '15961', year: 2024, source: 'members', value_vnd: 1 })).status, 403);
  // Scope: the commune sees its own; the province its province's; central and viewers everything.
  assert.deepEqual((await as.commune.get('/api/v1/resources')).json.items.map((x) => x.id), [rid]);
  r = await as.province.get('/api/v1/resources?year=2024');
  assert.equal(r.json.total, 2);
  assert.equal(r.json.sum.total_vnd, 312500000);
  r = await as.viewer.get('/api/v1/resources?year=2024');
  assert.equal(r.json.sum.total_vnd, 1812500000);
  assert.equal(r.json.sum.by_source.state_central, 1500000000);
  assert.equal((await as.commune.get(`/api/v1/resources/${rid + 1}`)).status, 404, 'the province\'s entry is outside the commune');
  r = await send(as.commune, 'PATCH', `/api/v1/resources/${rid}`, { value_vnd: '13.000.000' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.value_vnd, 13000000);
  r = await send(as.commune, 'PATCH', `/api/v1/resources/${rid}`, { value_vnd: '-5' });
  assert.equal(r.status, 422);
  assert.equal((await as.commune.get(`/api/v1/resources/${rid}`)).json.value_vnd, 13000000);
  // Pages.
  r = await as.commune.postForm('/resources', { unit: '15961', year: '2025', source: 'business', form: 'in_kind', value: '5.000.000', description: 'Máy đo huyết áp' });
  assert.equal(r.status, 303, r.text.slice(0, 300));
  r = await as.commune.postForm('/resources', { unit: '15961', year: '2025', source: 'business', form: 'in_kind', value: 'năm triệu' });
  assert.equal(r.status, 422);
  assert.match(r.text, /id="f-value"[^>]*value="năm triệu"/);
  pages.resource_error = r.text;
  r = await as.commune.postForm(`/resources/${rid}`, { unit: '15961', year: '2024', source: 'members', form: 'cash', value: '14.000.000' });
  assert.equal(r.status, 303);
  pages.resources = (await as.province.get('/resources?year=2024')).text;
  assert.match(pages.resources, /<strong>314\.000\.000 đ<\/strong>/);
  pages.resource_new = (await as.commune.get('/resources/new')).text;
  pages.resource_show = (await as.viewer.get(`/resources/${rid}`)).text;
  r = await as.province.get('/resources.xlsx?year=2024');
  assert.equal(r.status, 200);
  assert.equal(r.bytes.subarray(0, 2).toString(), 'PK');
  assert.equal((await as.commune.get('/resources.xlsx?source=lottery')).status, 422);
});

test('donor projects: central records the donor, period, places and clubs; others read; bad codes are named', async () => {
  let r = await as.central.postJson('/api/v1/donor-projects', { code: 'KOICA-01', name: 'Dự án KOICA hỗ trợ CLB', donor: 'KOICA', start_date: '2022-01-01', end_date: '2024-12-31', units: ['38', '15961'], clubs: '15961-01' });
  assert.equal(r.status, 201, r.text);
  const id = r.json.id;
  assert.deepEqual([r.json.stats.provinces, r.json.stats.communes, r.json.stats.clubs], [1, 1, 1]);
  r = await as.central.postJson('/api/v1/donor-projects', { name: 'X', donor: 'Y', units: '38 99999' });
  assert.equal(r.status, 404);
  assert.equal(r.json.error.field, 'units');
  r = await as.central.postJson('/api/v1/donor-projects', { name: '', donor: 'Y' });
  assert.equal(r.status, 422);
  assert.equal(r.json.error.field, 'name');
  assert.equal((await as.central.postJson('/api/v1/donor-projects', { code: 'KOICA-01', name: 'X', donor: 'Y' })).status, 422);
  for (const name of ['province', 'commune', 'viewer']) {
    assert.equal((await as[name].postJson('/api/v1/donor-projects', { name: 'X', donor: 'Y' })).status, 403, name);
    assert.equal((await as[name].get(`/api/v1/donor-projects/${id}`)).status, 200, name);
    assert.equal((await as[name].get('/donor-projects/new')).status, 403, name);
  }
  r = await send(as.central, 'PATCH', `/api/v1/donor-projects/${id}`, { end_date: '2025-12-31', units: '38' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.end_date, '2025-12-31');
  assert.equal(r.json.units.length, 1);
  assert.ok((await as.viewer.get('/api/v1/donor-projects')).json.items.some((p) => p.code === 'KOICA-01'));
  r = await as.central.postForm('/donor-projects', { name: 'Dự án World Bank', donor: 'World Bank', units: '01' });
  assert.equal(r.status, 303, r.text.slice(0, 300));
  r = await as.central.postForm('/donor-projects', { name: 'Z', donor: 'Z', units: 'ABC' });
  assert.equal(r.status, 404);
  pages.donor_error = r.text;
  r = await as.central.postForm(`/donor-projects/${id}`, { name: 'Dự án KOICA hỗ trợ CLB (giai đoạn 2)', donor: 'KOICA', units: '38', clubs: '' });
  assert.equal(r.status, 303);
  pages.donors = (await as.viewer.get('/donor-projects')).text;
  pages.donor = (await as.central.get(`/donor-projects/${id}`)).text;
  pages.donor_new = (await as.central.get('/donor-projects/new')).text;
});

test('the programme itself: central enters Đề án 1648\'s decision date; a bad date changes nothing', async () => {
  const id = (await as.central.get('/api/v1/programmes/DA1648')).json.id;
  assert.equal((await send(as.province, 'PATCH', `/api/v1/programmes/${id}`, { decision_date: '2025-12-01' })).status, 403);
  let r = await send(as.central, 'PATCH', `/api/v1/programmes/${id}`, { decision_date: '30/02/2025' });
  assert.equal(r.status, 422);
  assert.equal(r.json.error.field, 'decision_date');
  r = await send(as.central, 'PATCH', `/api/v1/programmes/${id}`, { decision_date: '2025-12-01' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.decision_date, '2025-12-01');
  r = await as.central.postForm(`/programmes/${id}`, { name: 'Đề án 1648', decision: '1648/QĐ-TTg', decision_date: '', start_date: '01/01/2026', end_date: '01/01/2020' });
  assert.equal(r.status, 422);
  pages.programme_error = r.text;
  pages.programme_central = (await as.central.get(`/programmes/${id}`)).text;
});

test('every page visited is valid HTML', () => {
  validateHtml(pages);
});
