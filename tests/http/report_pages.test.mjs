// The pages of the monthly report: a club's months, the entry form of a month with the workflow
// (submit, return, approve, reopen), the commune's inbox and its grid, and the settings page; each
// role's limits, bad values kept with the field named, warnings confirmed, every step audited,
// and every page valid HTML.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, USERS, validateHtml } from '../lib/harness.mjs';

let srv;
const as = {};
const club = {};
const pages = {};
const keep = (name, r) => { pages[name] = r.text; return r; };

before(async () => {
  srv = await startServer();
  for (const name of Object.keys(USERS)) {
    as[name] = new Client(srv.url);
    await as[name].loginForm(name, USERS[name].password);
  }
  // 15961-01 (the club user's) and 15961-02 in the commune user's commune; one in Hà Nội.
  const make = async (body) => {
    const r = await as.admin.postJson('/api/v1/clubs', { status: 'active', founded_on: '2024-03-15', ...body });
    assert.equal(r.status, 201, r.text);
    return r.json;
  };
  club.a = await make({ name: 'CLB Phú Thọ', unit_code: '15961' });
  club.b = await make({ name: 'CLB Đồng Tâm', unit_code: '15961' });
  club.hn = await make({ name: 'CLB Ba Đình', unit_code: '00004' });
  assert.equal(club.a.code, '15961-01');
  const names = ['Nguyễn Thị Mai', 'Lê Văn Bình', 'Trần Thị Cúc', 'Phạm Văn Dũng', 'Hoàng Thị Hoa'];
  for (const [c, n, from] of [[club.a, 3, 0], [club.b, 2, 3]]) {
    for (let i = from; i < from + n; i++) {
      const r = await as.admin.postJson(`/api/v1/clubs/${c.id}/members`, { full_name: names[i], sex: 'F', birth: 1950 + i, joined_on: '2024-04-01' });
      assert.equal(r.status, 201, r.text);
    }
  }
});
after(async () => { await srv.stop(); srv.cleanup(); });

const month = (c, p) => `/clubs/${c.id}/reports/${p}`;
const api = (c, p) => `/api/v1/clubs/${c.id}/reports/${p}`;
const value = async (c, p, code) => (await as.admin.get(api(c, p))).json.items.find((i) => i.code === code).value;
const status = async (c, p) => (await as.admin.get(api(c, p))).json.status;
const inputOf = (html, code) => html.match(new RegExp(`<input[^>]*id="f-${code}"[^>]*>`))?.[0] ?? '';

test('every role but viewers opens a club\'s months and a month in scope; viewers get 403, other clubs 404', async () => {
  for (const name of ['admin', 'central', 'province', 'commune', 'club']) {
    let r = keep(`months-${name}`, await as[name].get(`/clubs/${club.a.id}/reports`));
    assert.equal(r.status, 200, `${name}: ${r.text.slice(0, 300)}`);
    assert.match(r.text, /Báo cáo tháng trước/);
    r = keep(`month-${name}`, await as[name].get(month(club.a, '2026-01')));
    assert.equal(r.status, 200, name);
    assert.match(r.text, /<h1>Báo cáo tháng 01\/2026<\/h1>/);
    assert.match(r.text, /Số thành viên dự họp/);
    assert.match(r.text, /tính từ sổ thành viên/);
    assert.match(r.text, /Members present at the monthly meeting<\/span> \(tiếng Anh\)/, 'the English definition, marked');
    assert.match(r.text, /Hạn nộp/);
    const editable = name !== 'central';
    assert.equal(/name="v_MEET_ATTEND"/.test(r.text), editable, `${name} ${editable ? 'types' : 'only reads'}`);
    assert.equal(/>Nộp báo cáo</.test(r.text), editable);
  }
  // The figures computed from the book are shown, never an input.
  const r = await as.club.get(month(club.a, '2026-01'));
  assert.doesNotMatch(r.text, /name="v_MEM_TOTAL"/);
  assert.match(r.text, /data-value="3" data-code="MEM_TOTAL"/);
  // The link from the club page.
  assert.match((await as.club.get(`/clubs/${club.a.id}`)).text, new RegExp(`href="/clubs/${club.a.id}/reports"`));

  for (const path of [`/clubs/${club.a.id}/reports`, month(club.a, '2026-01')]) assert.equal((await as.viewer.get(path)).status, 403, path);
  for (const name of ['province', 'commune', 'club']) {
    assert.equal((await as[name].get(`/clubs/${club.hn.id}/reports`)).status, 404, name);
    assert.equal((await as[name].get(month(club.hn, '2026-01'))).status, 404, name);
  }
  assert.equal((await as.club.get(month(club.b, '2026-01'))).status, 404, 'the club user sees only their club');
  assert.equal((await as.admin.get(month(club.a, '2026-13'))).status, 422);
  assert.equal((await as.admin.get(month(club.a, '2099-01'))).status, 422);
  // A month picked in the form goes to its page.
  let p = await as.club.get(`/clubs/${club.a.id}/reports?period=02%2F2026`);
  assert.equal(p.status, 303);
  assert.equal(p.headers.get('location'), month(club.a, '2026-02'));
  p = keep('months-badpick', await as.club.get(`/clubs/${club.a.id}/reports?period=tháng hai`));
  assert.equal(p.status, 422);
  assert.match(p.text, /Viết tháng dạng tháng\/năm/);
});

test('bad values: the page again with every typed value kept and each message under its field; nothing saved', async () => {
  const r = keep('month-bad', await as.club.postForm(month(club.a, '2026-01'), {
    v_MEET_HELD: '1', v_MEET_ATTEND: '45', v_HEA_TALKS: '3', v_RES_CASH_VND: '1.250.000', v_HEA_INSURED: '9', action: 'save',
  }));
  assert.equal(r.status, 422);
  assert.match(r.text, /Chưa lưu: báo cáo có 2 lỗi/);
  assert.match(r.text, /id="e-HEA_INSURED"><p>Thành viên có thẻ BHYT \(9\) không được lớn hơn Tổng số thành viên \(3\)/);
  assert.match(inputOf(r.text, 'MEET_ATTEND'), /value="45"/);
  assert.match(inputOf(r.text, 'MEET_ATTEND'), /aria-invalid="true"/);
  assert.match(inputOf(r.text, 'MEET_ATTEND'), /aria-describedby="h-MEET_ATTEND e-MEET_ATTEND"/);
  assert.match(r.text, /<div class="msg" id="e-MEET_ATTEND"><p>Số thành viên dự họp \(45\) không được lớn hơn Tổng số thành viên \(3\)<\/p>/);
  // A value that is not a number: named, kept.
  const nan = keep('month-nan', await as.club.postForm(month(club.a, '2026-01'), { v_HEA_CHECKS: 'mười', v_HEA_TALKS: '3', action: 'save' }));
  assert.equal(nan.status, 422);
  assert.match(nan.text, /id="e-HEA_CHECKS"><p>Lượt khám\/kiểm tra sức khỏe: /, 'the message names the field');
  assert.match(inputOf(nan.text, 'HEA_CHECKS'), /value="mười"/);
  assert.match(inputOf(nan.text, 'HEA_TALKS'), /value="3"/);
  assert.match(inputOf(r.text, 'HEA_TALKS'), /value="3"/);
  assert.doesNotMatch(inputOf(r.text, 'HEA_TALKS'), /aria-invalid/);
  assert.match(inputOf(r.text, 'RES_CASH_VND'), /value="1.250.000"/);
  assert.match(r.text, /<option value="1" selected>Có<\/option>/);
  assert.equal(await value(club.a, '2026-01', 'HEA_TALKS'), null, 'nothing saved');
  assert.equal((await as.admin.get(api(club.a, '2026-01'))).json.stored, false);

  // Fixed: saved, and the money shown with Vietnamese grouping.
  const ok = await as.club.postForm(month(club.a, '2026-01'), {
    v_MEET_HELD: '1', v_MEET_ATTEND: '3', v_HEA_TALKS: '3', v_RES_CASH_VND: '1250000', v_HEA_CHECKS: '2', action: 'save',
  });
  assert.equal(ok.status, 303, ok.text.slice(0, 500));
  assert.equal(ok.headers.get('location'), month(club.a, '2026-01') + '?done=saved');
  const page = keep('month-saved', await as.club.get(month(club.a, '2026-01') + '?done=saved'));
  assert.match(page.text, /Đã lưu nháp\./);
  assert.match(inputOf(page.text, 'RES_CASH_VND'), /value="1.250.000"/);
  assert.match(page.text, /<span class="status s-draft">Nháp<\/span>/);
  assert.equal(await value(club.a, '2026-01', 'RES_CASH_VND'), 1250000);
  assert.equal((await as.admin.get(api(club.a, '2026-01'))).json.source, 'form');
  // An emptied field clears the value.
  const cleared = await as.club.postForm(month(club.a, '2026-01'), { v_HEA_CHECKS: '', action: 'save' });
  assert.equal(cleared.status, 303);
  assert.equal(await value(club.a, '2026-01', 'HEA_CHECKS'), null);
  assert.equal(await value(club.a, '2026-01', 'HEA_TALKS'), 3, 'fields not sent are kept');
});

test('a figure ten times last month\'s is a warning: saved only once "Tôi đã kiểm tra, số liệu đúng" is ticked', async () => {
  let r = await as.club.postForm(month(club.a, '2026-02'), { v_HEA_TALKS: '2', action: 'save' });
  assert.equal(r.status, 303);
  r = keep('month-warn', await as.club.postForm(month(club.a, '2026-03'), { v_HEA_TALKS: '40', v_CULT_EVENTS: '1', action: 'save' }));
  assert.equal(r.status, 422);
  assert.match(r.text, /Chưa lưu: 1 số liệu khác thường cần kiểm tra lại/);
  assert.match(r.text, /id="w-HEA_TALKS"><p>Buổi truyền thông sức khỏe \(40\) gấp mười lần trở lên so với tháng trước \(2\)/);
  assert.match(r.text, /<input type="checkbox" value="1" id="c-confirm_HEA_TALKS" name="confirm_HEA_TALKS"><label for="c-confirm_HEA_TALKS">Tôi đã kiểm tra, số liệu đúng<\/label>/);
  assert.match(inputOf(r.text, 'HEA_TALKS'), /value="40"/);
  assert.equal((await as.admin.get(api(club.a, '2026-03'))).json.stored, false);
  // Submitting does not pass a warning either.
  r = await as.club.postForm(month(club.a, '2026-03'), { v_HEA_TALKS: '40', action: 'submit' });
  assert.equal(r.status, 422);
  r = await as.club.postForm(month(club.a, '2026-03'), { v_HEA_TALKS: '40', v_CULT_EVENTS: '1', confirm_HEA_TALKS: '1', action: 'save' });
  assert.equal(r.status, 303, r.text.slice(0, 400));
  assert.equal(await value(club.a, '2026-03', 'HEA_TALKS'), 40);
});

test('workflow on the pages: submit, return with a comment, submit again, approve, reopen with a reason, by role', async () => {
  const m = month(club.a, '2026-01');
  // Forms are shown only to those who may use them.
  assert.doesNotMatch((await as.commune.get(m)).text, /\/approve"/, 'nothing to approve in a draft');
  let r = await as.club.postForm(m, { action: 'submit' });
  assert.equal(r.status, 303, r.text.slice(0, 400));
  assert.equal(r.headers.get('location'), m + '?done=submitted');
  r = keep('month-submitted-club', await as.club.get(m + '?done=submitted'));
  assert.match(r.text, /Đã nộp báo cáo/);
  assert.match(r.text, /<span class="status s-submitted">Đã nộp<\/span>/);
  assert.doesNotMatch(r.text, /name="v_/, 'a submitted month is shown, not typed');
  assert.doesNotMatch(r.text, /\/approve"/, 'the club cannot approve');
  assert.equal((await as.club.postForm(m + '/approve', {})).status, 403);
  assert.equal((await as.club.postForm(m + '/return', { comment: 'x' })).status, 403);
  assert.equal((await as.central.postForm(m + '/approve', {})).status, 403);
  assert.equal((await as.viewer.postForm(m + '/approve', {})).status, 403);
  assert.equal((await as.province.postForm(month(club.hn, '2026-01') + '/approve', {})).status, 404);
  r = await as.club.postForm(m, { v_HEA_TALKS: '4', action: 'save' });
  assert.equal(r.status, 409, 'a submitted month is locked');

  r = keep('month-submitted-commune', await as.commune.get(m));
  assert.match(r.text, new RegExp(`action="${m}/approve"`));
  assert.match(r.text, new RegExp(`action="${m}/return"`));
  assert.doesNotMatch(r.text, /\/reopen"/);
  // Returning needs a comment: the message is under the field.
  r = keep('month-return-empty', await as.commune.postForm(m + '/return', { comment: '   ' }));
  assert.equal(r.status, 422);
  assert.match(r.text, /<textarea[^>]*id="f-comment"[^>]*aria-invalid="true"/);
  assert.match(r.text, /id="e-comment">Ghi lý do trả lại/);
  assert.equal(await status(club.a, '2026-01'), 'submitted');
  r = await as.commune.postForm(m + '/return', { comment: 'Số dự họp chưa khớp sổ họp' });
  assert.equal(r.status, 303);
  r = keep('month-returned', await as.club.get(m));
  assert.match(r.text, /<span class="status s-returned">Bị trả lại<\/span>/);
  assert.match(r.text, /Lý do trả lại<\/dt><dd><q>Số dự họp chưa khớp sổ họp<\/q> — commune/);
  assert.match(r.text, /name="v_MEET_ATTEND"/, 'a returned month is typed again');
  r = await as.club.postForm(m, { v_MEET_ATTEND: '2', action: 'submit' });
  assert.equal(r.status, 303);

  r = await as.commune.postForm(m + '/approve', {});
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), m + '?done=approved');
  r = keep('month-approved', await as.club.get(m));
  assert.match(r.text, /<span class="status s-approved">Đã duyệt<\/span>/);
  assert.match(r.text, /Duyệt<\/dt><dd>\d\d\/\d\d\/\d{4} · commune \(cấp xã\)/);
  assert.match(r.text, /được khóa/);
  assert.doesNotMatch(r.text, /name="v_/);
  assert.equal((await as.club.postForm(m, { v_HEA_TALKS: '4', action: 'save' })).status, 409);
  assert.equal((await as.commune.postForm(m + '/approve', {})).status, 409, 'approved already');
  // The commune cannot reopen its own approval; the province can, with a reason.
  assert.doesNotMatch((await as.commune.get(m)).text, /\/reopen"/);
  assert.equal((await as.commune.postForm(m + '/reopen', { reason: 'x' })).status, 403);
  assert.equal((await as.club.postForm(m + '/reopen', { reason: 'x' })).status, 403);
  r = keep('month-approved-province', await as.province.get(m));
  assert.match(r.text, new RegExp(`action="${m}/reopen"`));
  r = keep('month-reopen-empty', await as.province.postForm(m + '/reopen', { reason: '' }));
  assert.equal(r.status, 422);
  assert.match(r.text, /id="e-reason">Ghi lý do mở lại/);
  r = await as.province.postForm(m + '/reopen', { reason: 'Cần sửa số tiền vận động' });
  assert.equal(r.status, 303);
  assert.equal(await status(club.a, '2026-01'), 'draft');
  r = keep('month-reopened', await as.club.get(m));
  assert.match(r.text, /<q>Cần sửa số tiền vận động<\/q> — province/);

  // Every step is in the change history of the report.
  const audit = await as.admin.get('/api/v1/audit?entity=report&per_page=200');
  const actions = new Set(audit.json.items.map((i) => i.action));
  for (const a of ['save', 'submit', 'return', 'approve', 'reopen']) assert.ok(actions.has(a), `${a} audited: ${[...actions]}`);
  const hist = keep('month-history-admin', await as.admin.get(m));
  assert.match(hist.text, /Lịch sử thay đổi của báo cáo/);
});

test('the club\'s months show each month\'s status in words, its due date and whether it was on time', async () => {
  const r = keep('months-after', await as.club.get(`/clubs/${club.a.id}/reports`));
  assert.equal(r.status, 200);
  assert.match(r.text, /href="\/clubs\/\d+\/reports\/2026-03">03\/2026<\/a><\/td><td data-label="Trạng thái"><span class="status s-draft">Nháp<\/span>/);
  assert.match(r.text, /05\/04\/2026/, 'the due date of March');
  assert.match(r.text, /01\/2026/);
});

test('the inbox: the clubs of a commune with their status, filtered; province and admin too; viewers 403', async () => {
  await as.club.postForm(month(club.a, '2026-04'), { v_HEA_TALKS: '1', action: 'submit' });
  let r = keep('inbox-commune', await as.commune.get('/units/15961/reports/2026-04'));
  assert.equal(r.status, 200);
  assert.match(r.text, /CLB Phú Thọ/);
  assert.match(r.text, /CLB Đồng Tâm/);
  assert.match(r.text, /Xem và duyệt/);
  assert.match(r.text, /Chưa có báo cáo/);
  assert.match(r.text, /href="\/units\/15961\/reports\/2026-04\/grid"/);
  r = keep('inbox-filter', await as.commune.get('/units/15961/reports/2026-04?status=submitted'));
  assert.match(r.text, /CLB Phú Thọ/);
  assert.doesNotMatch(r.text, /CLB Đồng Tâm/);
  r = await as.commune.get('/units/15961/reports/2026-04?status=none');
  assert.doesNotMatch(r.text, />CLB Phú Thọ</);
  assert.match(r.text, /CLB Đồng Tâm/);
  assert.equal((await as.commune.get('/units/15961/reports/2026-04?status=bogus')).status, 422);
  for (const name of ['province', 'admin', 'central']) {
    r = keep(`inbox-${name}`, await as[name].get('/units/15961/reports/2026-04'));
    assert.equal(r.status, 200, name);
    assert.match(r.text, /CLB Phú Thọ/);
  }
  r = keep('inbox-province-all', await as.province.get('/units/38/reports/2026-04'));
  assert.equal(r.status, 200);
  assert.match(r.text, /CLB Đồng Tâm/);
  assert.doesNotMatch(r.text, /CLB Ba Đình/);
  assert.doesNotMatch((await as.central.get('/units/15961/reports/2026-04')).text, /\/grid"/, 'central reads only');
  assert.equal((await as.viewer.get('/units/15961/reports/2026-04')).status, 403);
  assert.equal((await as.commune.get('/units/00004/reports/2026-04')).status, 404, 'another commune');
  assert.equal((await as.province.get('/units/00004/reports/2026-04')).status, 404);
  const pick = await as.commune.get('/units/15961/reports/2026-04?period=2026-02');
  assert.equal(pick.status, 303);
  assert.equal(pick.headers.get('location'), '/units/15961/reports/2026-02');
});

test('the commune grid: one Save saves the rows that pass and keeps the rows that fail, marked', async () => {
  const grid = '/units/15961/reports/2026-05/grid';
  let r = keep('grid', await as.commune.get(grid));
  assert.equal(r.status, 200);
  assert.match(r.text, new RegExp(`name="g${club.a.id}_MEET_ATTEND"`));
  assert.match(r.text, new RegExp(`name="g${club.b.id}_MEET_ATTEND"`));
  assert.doesNotMatch(r.text, /_MEM_TOTAL"/, 'member figures are not typed');
  // Each column's heading leads to the indicator's definition under the grid.
  assert.match(r.text, /<a href="#def-MEET_ATTEND">Số thành viên dự họp<\/a>/);
  assert.match(r.text, /<dt id="def-MEET_ATTEND">Số thành viên dự họp<\/dt><dd><span lang="en">Members present at the monthly meeting<\/span>/);
  assert.equal((await as.club.get(grid)).status, 403);
  assert.equal((await as.central.get(grid)).status, 403);
  assert.equal((await as.viewer.get(grid)).status, 403);
  assert.equal((await as.commune.get('/units/00004/reports/2026-05/grid')).status, 404);

  r = keep('grid-failed', await as.commune.postForm(grid, {
    [`g${club.a.id}_MEET_ATTEND`]: '45', [`g${club.a.id}_HEA_TALKS`]: '2',
    [`g${club.b.id}_MEET_ATTEND`]: '2', [`g${club.b.id}_RES_CASH_VND`]: '500.000',
  }));
  assert.equal(r.status, 422);
  assert.match(r.text, /1 CLB chưa lưu được; 1 CLB đã lưu/);
  assert.match(r.text, /CLB Phú Thọ — Số thành viên dự họp \(45\) không được lớn hơn Tổng số thành viên \(3\)/);
  assert.match(r.text, new RegExp(`<td class="bad"><input[^>]*name="g${club.a.id}_MEET_ATTEND"[^>]*value="45"[^>]*aria-invalid="true"`));
  assert.match(r.text, new RegExp(`name="g${club.a.id}_HEA_TALKS"[^>]*value="2"`), 'what was typed in the failed row is kept');
  assert.equal((await as.admin.get(api(club.a, '2026-05'))).json.stored, false);
  assert.equal(await value(club.b, '2026-05', 'RES_CASH_VND'), 500000);
  assert.equal((await as.admin.get(api(club.b, '2026-05'))).json.source, 'grid');
  assert.match(r.text, new RegExp(`name="g${club.b.id}_RES_CASH_VND"[^>]*value="500.000"`));

  // Fixed and saved; an untouched row is not written again.
  r = await as.commune.postForm(grid, {
    [`g${club.a.id}_MEET_ATTEND`]: '3', [`g${club.a.id}_HEA_TALKS`]: '2',
    [`g${club.b.id}_MEET_ATTEND`]: '2', [`g${club.b.id}_RES_CASH_VND`]: '500.000',
  });
  assert.equal(r.status, 303, r.text.slice(0, 400));
  assert.equal(r.headers.get('location'), grid + '?saved=1');
  r = keep('grid-saved', await as.commune.get(grid + '?saved=1'));
  assert.match(r.text, /Đã lưu báo cáo của 1 CLB/);
  assert.equal(await value(club.a, '2026-05', 'MEET_ATTEND'), 3);
  // A submitted row is shown, not typed.
  await as.club.postForm(month(club.a, '2026-05'), { action: 'submit' });
  r = await as.commune.get(grid);
  assert.doesNotMatch(r.text, new RegExp(`name="g${club.a.id}_`));
  assert.match(r.text, new RegExp(`name="g${club.b.id}_MEET_ATTEND"`));
});

test('settings: the administrator sets the due day next to the older-person age; others cannot', async () => {
  let r = keep('settings', await as.admin.get('/admin/settings'));
  assert.equal(r.status, 200);
  assert.match(r.text, /name="report_due_day"[^>]*value="5"|value="5"[^>]*name="report_due_day"/);
  r = keep('settings-bad', await as.admin.postForm('/admin/settings', { older_age: '55', report_due_day: '40' }));
  assert.equal(r.status, 422);
  assert.match(r.text, /Hạn nộp là một ngày từ 1 đến 28/);
  assert.match(r.text, /value="40"/);
  assert.equal((await as.admin.get('/api/v1/settings')).json.older_age, 60, 'nothing changed');
  r = await as.admin.postForm('/admin/settings', { older_age: '60', report_due_day: '10' });
  assert.equal(r.status, 303);
  assert.equal((await as.admin.get('/api/v1/settings')).json.report_due_day, 10);
  assert.match((await as.club.get(month(club.a, '2026-06'))).text, /10\/07\/2026/, 'the due date follows the setting');
  for (const name of ['central', 'province', 'commune', 'club', 'viewer']) {
    assert.equal((await as[name].get('/admin/settings')).status, 403, name);
    assert.equal((await as[name].postForm('/admin/settings', { older_age: '60', report_due_day: '3' })).status, 403, name);
  }
  await as.admin.postForm('/admin/settings', { older_age: '60', report_due_day: '5' });
});

test('the report pages in English', async () => {
  const en = new Client(srv.url);
  await en.loginForm('commune', USERS.commune.password);
  await en.postForm('/lang', { lang: 'en', next: '/' });
  const r = keep('month-en', await en.get(month(club.a, '2026-02')));
  assert.equal(r.status, 200);
  assert.match(r.text, /<h1>Monthly report 02\/2026<\/h1>/);
  assert.match(r.text, /Members attending the meeting/);
  assert.match(r.text, /computed from the member book/);
  const bad = keep('month-en-bad', await en.postForm(month(club.a, '2026-02'), { v_MEET_ATTEND: '99', action: 'save' }));
  assert.match(bad.text, /Members attending the meeting \(99\) must not be more than Members \(3\)/);
  keep('inbox-en', await en.get('/units/15961/reports/2026-02'));
  keep('grid-en', await en.get('/units/15961/reports/2026-02/grid'));
});

test('every report page is valid HTML', () => {
  assert.ok(Object.keys(pages).length > 30);
  validateHtml(pages);
});

test('the home page leads each role to its reports: the club to its months, the commune and province to their lists, the administrator to the catalogue and settings', async () => {
  const home = {};
  for (const name of ['admin', 'central', 'province', 'commune', 'club', 'viewer']) {
    const r = await as[name].get('/');
    assert.equal(r.status, 200, name);
    home[name] = r.text;
  }
  assert.match(home.club, new RegExp(`href="/clubs/${club.a.id}/reports"`));
  assert.match(home.commune, /href="\/units\/15961\/reports\/\d{4}-\d{2}"/);
  assert.match(home.province, /href="\/units\/38\/reports\/\d{4}-\d{2}"/);
  for (const name of ['admin', 'province', 'commune', 'club']) assert.match(home[name], /href="\/imports\/new\?kind=reports"/, name);
  for (const name of ['central', 'viewer']) assert.doesNotMatch(home[name], /kind=reports|\/reports"|\/reports\/\d/, name);
  assert.match(home.admin, /href="\/admin\/settings"/);
  assert.match(home.admin, /href="\/admin\/indicators"/);
  for (const name of ['central', 'province', 'commune', 'club', 'viewer']) assert.doesNotMatch(home[name], /\/admin\/settings/, name);
  validateHtml(Object.fromEntries(Object.entries(home).map(([k, v]) => [`home-${k}`, v])));
});
