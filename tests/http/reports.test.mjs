// A club's monthly report through the API: every role's limits on reading, saving and submitting,
// the member figures computed from the book, and each kind of bad value refused with the field
// (the indicator code) named and nothing saved.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, USERS } from '../lib/harness.mjs';

let srv;
const as = {};
const club = {};
const member = {};
before(async () => {
  srv = await startServer();
  for (const name of Object.keys(USERS)) {
    as[name] = new Client(srv.url);
    await as[name].login(name, USERS[name].password);
  }
  // 15961-01 (the club user's) in Xã Hoằng Lộc, Thanh Hóa; one in Hà Nội, outside the province's scope.
  let r = await as.admin.postJson('/api/v1/clubs', { name: 'CLB Phú Thọ', unit_code: '15961', status: 'active', founded_on: '2024-03-15' });
  assert.equal(r.status, 201, r.text);
  club.a = r.json;
  assert.equal(club.a.code, '15961-01');
  r = await as.admin.postJson('/api/v1/clubs', { name: 'CLB Ba Đình', unit_code: '00004', status: 'active', founded_on: '2024-03-15' });
  assert.equal(r.status, 201, r.text);
  club.hn = r.json;
  const add = async (body) => {
    const x = await as.admin.postJson(`/api/v1/clubs/${club.a.id}/members`, body);
    assert.equal(x.status, 201, x.text);
    return x.json;
  };
  member.anh = await add({ full_name: 'Nguyễn Thị Ánh', sex: 'F', birth: 1950, household: 'poor', joined_on: '2024-04-01' });
  member.binh = await add({ full_name: 'Lê Văn Bình', sex: 'M', birth: 1990, joined_on: '2024-04-01' });
  member.cuc = await add({ full_name: 'Trần Thị Cúc', sex: 'F', birth: 1980, disability: true, joined_on: '2026-01-10' });
});
after(async () => { await srv.stop(); srv.cleanup(); });

const put = (c, path, body) => c.request('PUT', path, { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
const url = (id, period) => `/api/v1/clubs/${id}/reports/${period}`;
const value = (rep, code) => rep.items.find((i) => i.code === code).value;
function refused(r, status, code, field) {
  assert.equal(r.status, status, r.text);
  assert.equal(r.json.error.code, code, r.text);
  if (field) assert.equal(r.json.error.field, field, r.text);
}

test('GET: every role but viewers reads the month of a club in scope; member figures come from the book', async () => {
  for (const name of ['admin', 'central', 'province', 'commune', 'club']) {
    const r = await as[name].get(url(club.a.id, '2026-01'));
    assert.equal(r.status, 200, `${name}: ${r.text}`);
    assert.equal(r.json.period, '2026-01');
    assert.equal(r.json.status, 'draft');
    assert.equal(r.json.catalogue_version, 1);
    assert.equal(r.json.items.length, 36);
  }
  const r = await as.club.get(url(club.a.id, '2026-01'));
  const total = r.json.items.find((i) => i.code === 'MEM_TOTAL');
  assert.deepEqual([total.value, total.computed, total.source, total.label], [3, true, 'members', 'Tổng số thành viên']);
  assert.equal(value(r.json, 'MEM_OLDER'), 1);
  assert.equal(value(r.json, 'MEM_WOMEN'), 2);
  assert.equal(value(r.json, 'MEM_POOR'), 1);
  assert.equal(value(r.json, 'MEM_DISAB'), 1);
  assert.equal(value(r.json, 'MEM_JOINED'), 1);
  assert.equal(value(r.json, 'MEM_LEFT'), 0);
  const attend = r.json.items.find((i) => i.code === 'MEET_ATTEND');
  assert.deepEqual([attend.value, attend.computed, attend.kind], [null, false, 'count']);
  assert.match(attend.definition, /present at the monthly meeting/);
  assert.equal(value((await as.club.get(url(club.a.id, '2025-12'))).json, 'MEM_TOTAL'), 2);

  refused(await as.viewer.get(url(club.a.id, '2026-01')), 403, 'forbidden');
  refused(await as.province.get(url(club.hn.id, '2026-01')), 404, 'not_found');
  refused(await as.commune.get(url(club.hn.id, '2026-01')), 404, 'not_found');
  refused(await as.club.get(url(club.hn.id, '2026-01')), 404, 'not_found');
  refused(await as.admin.get(url(999999, '2026-01')), 404, 'not_found');
  for (const p of ['2026-13', '2026-1', 'janvier', '2099-01', '2024-02']) refused(await as.admin.get(url(club.a.id, p)), 422, 'period', 'period');
  assert.equal((await new Client(srv.url).get(url(club.a.id, '2026-01'))).status, 401);
});

test('PUT: club, commune, province and admin save a draft; bad values are refused with the field named, nothing saved', async () => {
  let r = await put(as.club, url(club.a.id, '2026-01'), { values: { MEET_HELD: 1, MEET_ATTEND: '3', RES_CASH_VND: '1.250.000 đ' } });
  assert.equal(r.status, 200, r.text);
  assert.equal(value(r.json, 'MEET_ATTEND'), 3);
  assert.equal(value(r.json, 'RES_CASH_VND'), 1250000);
  r = await put(as.commune, url(club.a.id, '2026-01'), { values: { HEA_CHECKS: 5 } });
  assert.equal(r.status, 200, r.text);
  r = await put(as.province, url(club.a.id, '2026-01'), { values: { HEA_TALKS: '2', HEA_CHECKS: null } });
  assert.equal(r.status, 200, r.text);
  assert.equal(value(r.json, 'HEA_CHECKS'), null);
  assert.equal(value(r.json, 'MEET_ATTEND'), 3);
  r = await put(as.admin, url(club.hn.id, '2026-01'), { values: { HEA_TALKS: 1 } });
  assert.equal(r.status, 200, r.text);

  const saved = (await as.club.get(url(club.a.id, '2026-01'))).json;
  r = await put(as.club, url(club.a.id, '2026-01'), { values: { MEET_ATTEND: 45 } });
  refused(r, 422, 'report_check', 'MEET_ATTEND');
  assert.match(r.json.error.message, /Số thành viên dự họp \(45\) không được lớn hơn Tổng số thành viên \(3\)/);
  assert.deepEqual(r.json.error.errors.map((e) => e.field), ['MEET_ATTEND']);
  refused(await put(as.club, url(club.a.id, '2026-01'), { values: { HEA_CHECKS: -2 } }), 422, 'report_check', 'HEA_CHECKS');
  refused(await put(as.club, url(club.a.id, '2026-01'), { values: { HEA_TALKS: 'abc' } }), 422, 'report_check', 'HEA_TALKS');
  refused(await put(as.club, url(club.a.id, '2026-01'), { values: { RES_CASH_VND: '1.25.000' } }), 422, 'report_check', 'RES_CASH_VND');
  refused(await put(as.club, url(club.a.id, '2026-01'), { values: { MEET_HELD: 2 } }), 422, 'report_check', 'MEET_HELD');
  r = await put(as.club, url(club.a.id, '2026-01'), { values: { MEM_TOTAL: 10 } });
  refused(r, 422, 'report_check', 'MEM_TOTAL');
  assert.match(r.json.error.message, /được tính từ sổ thành viên/);
  r = await put(as.club, url(club.a.id, '2026-01'), { values: { HEA_TALKS: 4, MEET_ATTEND: 9, HEA_INSURED: 4, NO_SUCH: 1 } });
  refused(r, 422, 'report_check');
  // every problem at once: the unknown code and the rules broken by the values that could be read
  assert.deepEqual(r.json.error.errors.map((e) => e.field), ['NO_SUCH', 'MEET_ATTEND', 'HEA_INSURED']);
  r = await put(as.club, url(club.a.id, '2026-01'), { values: { HEA_TALKS: 4, MEET_ATTEND: 9, HEA_INSURED: 4 } });
  assert.deepEqual(r.json.error.errors.map((e) => e.field), ['MEET_ATTEND', 'HEA_INSURED']);
  refused(await put(as.club, url(club.a.id, '2026-01'), { values: { HEA_TALKS: 1.5 } }), 422, 'invalid', 'HEA_TALKS');
  refused(await put(as.club, url(club.a.id, '2026-01'), { values: [1] }), 422, 'required', 'values');
  refused(await put(as.club, url(club.a.id, '2026-01'), { HEA_TALKS: 1 }), 422, 'invalid', 'HEA_TALKS');
  refused(await put(as.club, url(club.a.id, '2099-01'), { values: { HEA_TALKS: 1 } }), 422, 'period', 'period');
  assert.deepEqual((await as.club.get(url(club.a.id, '2026-01'))).json, saved);

  refused(await put(as.central, url(club.a.id, '2026-01'), { values: { HEA_TALKS: 1 } }), 403, 'forbidden');
  refused(await put(as.viewer, url(club.a.id, '2026-01'), { values: { HEA_TALKS: 1 } }), 403, 'forbidden');
  refused(await put(as.province, url(club.hn.id, '2026-01'), { values: { HEA_TALKS: 1 } }), 404, 'not_found');
  refused(await put(as.club, url(club.hn.id, '2026-01'), { values: { HEA_TALKS: 1 } }), 404, 'not_found');
  assert.deepEqual((await as.club.get(url(club.a.id, '2026-01'))).json, saved);

  const audit = await as.admin.get('/api/v1/audit?entity=report');
  assert.equal(audit.status, 200);
  assert.ok(audit.json.items.some((i) => i.action === 'save'), audit.text);
});

test('POST submit: the checks again, then the month is locked; viewers and central cannot submit', async () => {
  const path = url(club.a.id, '2026-01') + '/submit';
  refused(await as.viewer.postJson(path, {}), 403, 'forbidden');
  refused(await as.central.postJson(path, {}), 403, 'forbidden');
  refused(await as.province.postJson(url(club.hn.id, '2026-01') + '/submit', {}), 404, 'not_found');
  refused(await as.club.postJson(url(club.a.id, '2026-13') + '/submit', {}), 422, 'period', 'period');
  let r = await as.club.postJson(path, {});
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'submitted');
  assert.equal(r.json.submitted_by, 'club');
  refused(await put(as.commune, url(club.a.id, '2026-01'), { values: { HEA_TALKS: 1 } }), 409, 'report_locked');
  refused(await as.commune.postJson(path, {}), 409, 'report_locked');
  assert.equal((await as.central.get(url(club.a.id, '2026-01'))).json.status, 'submitted');

  // A member taken off the book after the save: the submission's check finds attendance too high.
  r = await put(as.commune, url(club.a.id, '2025-12'), { values: { MEET_ATTEND: 2 } });
  assert.equal(r.status, 200, r.text);
  r = await as.club.request('PATCH', `/api/v1/members/${member.binh.id}`, {
    body: JSON.stringify({ left_on: '2025-11-30', left_reason: 'Chuyển đi nơi khác' }), headers: { 'Content-Type': 'application/json' },
  });
  assert.equal(r.status, 200, r.text);
  r = await as.commune.postJson(url(club.a.id, '2025-12') + '/submit', {});
  refused(r, 422, 'report_check', 'MEET_ATTEND');
  assert.match(r.json.error.message, /\(2\) không được lớn hơn Tổng số thành viên \(1\)/);
  assert.equal((await as.commune.get(url(club.a.id, '2025-12'))).json.status, 'draft');
});

test('GET shows the workflow fields and what the caller may do now', async () => {
  let r = await as.club.get(url(club.a.id, '2026-06'));
  assert.equal(r.status, 200);
  assert.deepEqual(r.json.can, { edit: true, submit: true, approve: false, return: false, reopen: false });
  for (const k of ['first_submitted_at', 'approved_at', 'approved_by', 'approved_level', 'note', 'note_by', 'note_at', 'source']) assert.equal(r.json[k], null, k);
  assert.equal(r.json.due_on, '2026-07-05');
  r = await as.central.get(url(club.a.id, '2026-06'));
  assert.deepEqual(r.json.can, { edit: false, submit: false, approve: false, return: false, reopen: false });
  r = await as.commune.get(url(club.a.id, '2026-01'));
  assert.equal(r.json.status, 'submitted');
  assert.deepEqual(r.json.can, { edit: false, submit: false, approve: true, return: true, reopen: false });
  assert.match(r.json.first_submitted_at, /^\d{4}-\d\d-\d\dT/);
  assert.equal(r.json.source, 'api');
});

test('PUT and submit: warnings are listed with warning true and saved once confirmed (all, or by code)', async () => {
  let r = await put(as.club, url(club.a.id, '2026-06'), { values: { HEA_TALKS: 2, CULT_EVENTS: 1 } });
  assert.equal(r.status, 200, r.text);
  r = await put(as.club, url(club.a.id, '2026-07'), { values: { HEA_TALKS: 30, CULT_EVENTS: 50, MEET_ATTEND: 45 } });
  refused(r, 422, 'report_check');
  assert.deepEqual(r.json.error.errors.map((e) => [e.code, e.warning]).sort(), [['CULT_EVENTS', true], ['HEA_TALKS', true], ['MEET_ATTEND', false]]);
  r = await put(as.club, url(club.a.id, '2026-07'), { values: { HEA_TALKS: 30, CULT_EVENTS: 50 } });
  refused(r, 422, 'report_warn');
  assert.ok(r.json.error.errors.every((e) => e.warning), r.text);
  assert.match(r.json.error.errors[0].message, /gấp mười lần trở lên so với tháng trước/);
  r = await put(as.club, url(club.a.id, '2026-07'), { values: { HEA_TALKS: 30, CULT_EVENTS: 50 }, confirm: ['HEA_TALKS'] });
  refused(r, 422, 'report_warn');
  assert.deepEqual(r.json.error.errors.map((e) => e.code), ['CULT_EVENTS']);
  assert.equal((await as.club.get(url(club.a.id, '2026-07'))).json.stored, false);
  refused(await put(as.club, url(club.a.id, '2026-07'), { values: { HEA_TALKS: 30 }, confirm: 'yes' }), 422, 'invalid', 'confirm');
  refused(await put(as.club, url(club.a.id, '2026-07'), { values: { HEA_TALKS: 30 }, confirm: [1] }), 422, 'invalid', 'confirm');
  r = await put(as.club, url(club.a.id, '2026-07'), { values: { HEA_TALKS: 30, CULT_EVENTS: 50 }, confirm: ['HEA_TALKS', 'CULT_EVENTS'] });
  assert.equal(r.status, 200, r.text);
  // Submit with values and confirm in the same body.
  r = await as.club.postJson(url(club.a.id, '2026-08') + '/submit', { values: { HEA_TALKS: 300 } });
  refused(r, 422, 'report_warn');
  r = await as.club.postJson(url(club.a.id, '2026-08') + '/submit', { values: { HEA_TALKS: 300 }, confirm: true });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'submitted');
  assert.equal(value(r.json, 'HEA_TALKS'), 300);
  refused(await as.club.postJson(url(club.a.id, '2026-09') + '/submit', { nothing: 1 }), 422, 'invalid', 'nothing');
});

test('approve, return and reopen: the commune approves or returns, a level above reopens; each role\'s limits', async () => {
  const p = url(club.a.id, '2026-08');
  refused(await as.club.postJson(p + '/approve', {}), 403, 'forbidden');
  refused(await as.central.postJson(p + '/approve', {}), 403, 'forbidden');
  refused(await as.viewer.postJson(p + '/approve', {}), 403, 'forbidden');
  refused(await as.province.postJson(url(club.hn.id, '2026-01') + '/approve', {}), 404, 'not_found');
  refused(await as.commune.postJson(url(club.a.id, '2026-06') + '/approve', {}), 409, 'report_state');
  refused(await as.commune.postJson(url(club.a.id, '2025-06') + '/approve', {}), 404, 'not_found');
  refused(await as.commune.postJson(p + '/approve', { comment: 'x' }), 422, 'invalid', 'comment');
  refused(await as.commune.postJson(p + '/return', {}), 422, 'required', 'comment');
  refused(await as.commune.postJson(p + '/return', { comment: '' }), 422, 'required', 'comment');
  refused(await as.commune.postJson(p + '/return', { reason: 'x' }), 422, 'invalid', 'reason');
  let r = await as.commune.postJson(p + '/return', { comment: 'Số buổi truyền thông quá cao' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'returned');
  assert.deepEqual([r.json.note, r.json.note_by], ['Số buổi truyền thông quá cao', 'commune']);
  r = await as.club.postJson(p + '/submit', { values: { HEA_TALKS: 3 } });
  assert.equal(r.status, 200, r.text);
  r = await as.commune.postJson(p + '/approve', {});
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.json.status, r.json.approved_by, r.json.approved_level], ['approved', 'commune', 'commune']);
  assert.deepEqual(r.json.can, { edit: false, submit: false, approve: false, return: false, reopen: false });
  refused(await put(as.club, p, { values: { HEA_TALKS: 4 } }), 409, 'report_locked');
  refused(await as.commune.postJson(p + '/reopen', { reason: 'x' }), 403, 'forbidden');
  refused(await as.club.postJson(p + '/reopen', { reason: 'x' }), 403, 'forbidden');
  refused(await as.province.postJson(p + '/reopen', {}), 422, 'required', 'reason');
  r = await as.province.postJson(p + '/reopen', { reason: 'Sửa lại số liệu' });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.json.status, r.json.note, r.json.note_by], ['draft', 'Sửa lại số liệu', 'province']);
  // The province approves when the commune does not; then only central or admin reopens.
  await as.club.postJson(p + '/submit', {});
  r = await as.province.postJson(p + '/approve', {});
  assert.equal(r.json.approved_level, 'province');
  refused(await as.province.postJson(p + '/reopen', { reason: 'x' }), 403, 'forbidden');
  r = await as.central.postJson(p + '/reopen', { reason: 'Trung ương yêu cầu sửa' });
  assert.equal(r.status, 200, r.text);
  const audit = await as.admin.get('/api/v1/audit?entity=report&per_page=500');
  const actions = new Set(audit.json.items.map((i) => i.action));
  for (const a of ['save', 'submit', 'return', 'approve', 'reopen']) assert.ok(actions.has(a), a);
});

test('lists: a club\'s months, and a unit\'s clubs with their status for a month (the inbox)', async () => {
  let r = await as.club.get(`/api/v1/clubs/${club.a.id}/reports`);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.items.map((i) => i.period).slice(0, 3), ['2026-08', '2026-07', '2026-06']);
  const jan = r.json.items.find((i) => i.period === '2026-01');
  assert.equal(jan.status, 'submitted');
  assert.equal(jan.due_on, '2026-02-05');
  assert.equal(jan.on_time, false);
  refused(await as.viewer.get(`/api/v1/clubs/${club.a.id}/reports`), 403, 'forbidden');
  refused(await as.commune.get(`/api/v1/clubs/${club.hn.id}/reports`), 404, 'not_found');

  r = await as.commune.get('/api/v1/units/15961/reports/2026-01');
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.items.map((i) => [i.club_code, i.status]), [['15961-01', 'submitted']]);
  assert.equal(r.json.total, 1);
  r = await as.province.get('/api/v1/units/38/reports/2026-01?status=none');
  assert.equal(r.json.total, 0);
  r = await as.admin.get('/api/v1/units/00004/reports/2026-01?status=draft');
  assert.deepEqual(r.json.items.map((i) => i.club_name), ['CLB Ba Đình']);
  r = await as.admin.get('/api/v1/units/00004/reports/2026-01?status=submitted&page=1&per_page=10');
  assert.equal(r.json.total, 0);
  refused(await as.commune.get('/api/v1/units/15961/reports/2026-01?status=lost'), 422, 'invalid', 'status');
  refused(await as.commune.get('/api/v1/units/00004/reports/2026-01'), 404, 'not_found');
  refused(await as.commune.get('/api/v1/units/15961/reports/2026-13'), 422, 'period', 'period');
  refused(await as.viewer.get('/api/v1/units/15961/reports/2026-01'), 403, 'forbidden');
});

test('settings: everyone reads the due day; only administrators change it, a bad value changes nothing', async () => {
  let r = await as.viewer.get('/api/v1/settings');
  assert.deepEqual(r.json, { older_age: 60, report_due_day: 5 });
  refused(await as.province.request('PATCH', '/api/v1/settings', { body: JSON.stringify({ report_due_day: 7 }), headers: { 'Content-Type': 'application/json' } }), 403, 'forbidden');
  const patch = (body) => as.admin.request('PATCH', '/api/v1/settings', { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
  refused(await patch({ report_due_day: 0 }), 422, 'invalid', 'report_due_day');
  refused(await patch({ report_due_day: 29, older_age: 55 }), 422, 'invalid', 'report_due_day');
  refused(await patch({ older_age: 50 }), 422, 'invalid', 'older_age');
  refused(await patch({ report_due_day: '7' }), 422, 'invalid', 'report_due_day');
  refused(await patch({ due: 7 }), 422, 'invalid', 'due');
  assert.deepEqual((await as.admin.get('/api/v1/settings')).json, { older_age: 60, report_due_day: 5 });
  r = await patch({ report_due_day: 10 });
  assert.deepEqual(r.json, { older_age: 60, report_due_day: 10 });
  assert.equal((await as.club.get(url(club.a.id, '2026-06'))).json.due_on, '2026-07-10');
  await patch({ report_due_day: 5 });
});
