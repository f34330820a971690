// Revolving loans through the API: the planned schedule (equal principal with the remainder in the
// last instalment, interest on the outstanding at the start of each month), lending, repayments
// (interest first, then principal; partial and early), arrears as of a date, write-off with a
// second board member, the unit figures (PAR30, share of members borrowing) — exact figures —
// every role's limits, and each bad input refused with its code and field, nothing changed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, USERS } from '../lib/harness.mjs';

let srv;
const as = {};
const club = {};
const member = {};
const loan = {};
before(async () => {
  srv = await startServer();
  for (const name of Object.keys(USERS)) {
    as[name] = new Client(srv.url);
    await as[name].login(name, USERS[name].password);
  }
  let r = await as.admin.postJson('/api/v1/clubs', { name: 'CLB Phú Thọ', unit_code: '15961', status: 'active', founded_on: '2024-03-15' });
  assert.equal(r.status, 201, r.text);
  club.a = r.json;
  assert.equal(club.a.code, '15961-01');
  r = await as.admin.postJson('/api/v1/clubs', { name: 'CLB Ba Đình', unit_code: '00004', status: 'active', founded_on: '2024-03-15' });
  assert.equal(r.status, 201, r.text);
  club.hn = r.json;
  const add = async (id, body) => {
    const x = await as.admin.postJson(`/api/v1/clubs/${id}/members`, body);
    assert.equal(x.status, 201, x.text);
    return x.json;
  };
  member.anh = await add(club.a.id, { full_name: 'Nguyễn Thị Ánh', sex: 'F', birth: 1950, joined_on: '2024-04-01' });
  member.binh = await add(club.a.id, { full_name: 'Lê Văn Bình', sex: 'M', birth: 1990, joined_on: '2024-04-01' });
  member.cuc = await add(club.a.id, { full_name: 'Trần Thị Cúc', sex: 'F', birth: 1980, joined_on: '2026-01-10' });
  member.ha = await add(club.hn.id, { full_name: 'Đỗ Thu Hà', sex: 'F', birth: 1960, joined_on: '2024-04-01' });
  for (const [m, role] of [[member.anh, 'chair'], [member.binh, 'treasurer']]) {
    r = await as.admin.postJson(`/api/v1/clubs/${club.a.id}/board`, { member_id: m.id, role, from: '2024-05-01' });
    assert.equal(r.status, 201, r.text);
  }
  r = await as.club.postJson(`/api/v1/clubs/${club.a.id}/funds/open`, { date: '2026-01-01', income: 10000000, activity: 1000000, handled_by: 'Lê Văn Bình' });
  assert.equal(r.status, 201, r.text);
  // July 2026 is approved, so locked.
  r = await as.club.postJson(`/api/v1/clubs/${club.a.id}/reports/2026-07/submit`, { confirm: true });
  assert.equal(r.status, 200, r.text);
  r = await as.commune.postJson(`/api/v1/clubs/${club.a.id}/reports/2026-07/approve`, {});
  assert.equal(r.status, 200, r.text);
});
after(async () => { await srv.stop(); srv.cleanup(); });

const loans = (id) => `/api/v1/clubs/${id}/loans`;
const one = (id, lid) => `/api/v1/clubs/${id}/loans/${lid}`;
function refused(r, status, code, field) {
  assert.equal(r.status, status, r.text);
  assert.equal(r.json.error.code, code, r.text);
  if (field !== undefined) assert.equal(r.json.error.field, field, r.text);
}
const iso = (d) => d.toISOString().slice(0, 10);
const today = () => iso(new Date(Date.now() + 7 * 3600e3));
const daysAgo = (n) => iso(new Date(Date.now() + 7 * 3600e3 - n * 86400e3));
// The date months after d: the same day of the month, or the month's last day.
function addMonths(d, months) {
  const [y, m, day] = d.split('-').map(Number);
  const last = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return iso(new Date(Date.UTC(y, m - 1 + months, Math.min(day, last))));
}
const days = (from, to) => Math.round((Date.parse(to) - Date.parse(from)) / 86400e3);
const income = async () => (await as.admin.get(`/api/v1/clubs/${club.a.id}/funds`)).json.income.balance;
async function state(lid) {
  return { funds: (await as.admin.get(`/api/v1/clubs/${club.a.id}/funds`)).json, loans: (await as.admin.get(loans(club.a.id))).json,
    loan: lid ? (await as.admin.get(one(club.a.id, lid) + '?asof=2026-06-01')).json : null };
}

test('plan: equal principal with the remainder last, interest on the outstanding at the start of each month', async () => {
  const q = new URLSearchParams({ principal: '1.000.000', rate: '0,5', term: '3', schedule: 'equal', disbursed_on: '2026-01-31' });
  let r = await as.club.get('/api/v1/loans/plan?' + q);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.instalments.map((i) => [i.k, i.due_on, i.principal, i.interest, i.amount]), [
    [1, '2026-02-28', 333333, 5000, 338333],
    [2, '2026-03-31', 333333, 3333, 336666],
    [3, '2026-04-30', 333334, 1667, 335001],
  ]);
  assert.deepEqual([r.json.principal, r.json.rate_bp, r.json.term, r.json.schedule, r.json.total_interest, r.json.total], [1000000, 50, 3, 'equal', 10000, 1010000]);
  q.delete('rate');
  q.set('rate_bp', '50');
  assert.deepEqual((await as.commune.get('/api/v1/loans/plan?' + q)).json, r.json);
  q.set('schedule', 'end');
  r = await as.central.get('/api/v1/loans/plan?' + q);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.instalments.map((i) => i.principal), [0, 0, 1000000]);
  assert.equal(r.json.total_interest, 15000);
  r = await as.admin.get('/api/v1/loans/plan?principal=6000000&rate=1&term=4&disbursed_on=2026-02-10');
  assert.deepEqual(r.json.instalments.map((i) => [i.due_on, i.principal, i.interest]), [
    ['2026-03-10', 1500000, 60000], ['2026-04-10', 1500000, 45000], ['2026-05-10', 1500000, 30000], ['2026-06-10', 1500000, 15000]]);

  const bad = { principal: '1000000', rate: '1', term: '3', schedule: 'equal', disbursed_on: '2026-01-31' };
  for (const [change, code, field] of [
    [{ principal: '0' }, 'amount', 'principal'], [{ principal: '-5' }, 'amount', 'principal'],
    [{ term: '0' }, 'invalid', 'term'], [{ term: '121' }, 'invalid', 'term'], [{ rate: '6' }, 'invalid', 'rate'],
    [{ schedule: 'weekly' }, 'invalid', 'schedule'],
  ]) refused(await as.club.get('/api/v1/loans/plan?' + new URLSearchParams({ ...bad, ...change })), 422, code, field);
  const { rate, ...norate } = bad;
  refused(await as.club.get('/api/v1/loans/plan?' + new URLSearchParams({ ...norate, rate_bp: '-1' })), 422, 'invalid', 'rate_bp');
  refused(await as.club.get('/api/v1/loans/plan?' + new URLSearchParams({ ...norate, rate_bp: '600' })), 422, 'invalid', 'rate_bp');
  refused(await as.viewer.get('/api/v1/loans/plan?' + new URLSearchParams(bad)), 403, 'forbidden');
  assert.ok(rate);
});

test('lend: a schedule, a disbursement entry, the income fund paid out', async () => {
  let r = await as.club.postJson(loans(club.a.id), { member: member.binh.id, principal: '6.000.000', purpose: 'Nuôi lợn', rate: '1', term: 4, schedule: 'equal', disbursed_on: '10/02/2026', handled_by: 'Lê Văn Bình' });
  assert.equal(r.status, 201, r.text);
  loan.l1 = r.json;
  assert.deepEqual([r.json.no, r.json.member_id, r.json.member_name, r.json.principal, r.json.rate_bp, r.json.term, r.json.schedule, r.json.disbursed_on, r.json.status, r.json.outstanding],
    [1, member.binh.id, 'Lê Văn Bình', 6000000, 100, 4, 'equal', '2026-02-10', 'active', 6000000]);
  assert.deepEqual(r.json.instalments.map((i) => [i.k, i.due_on, i.principal, i.principal_unpaid]), [
    [1, '2026-03-10', 1500000, 1500000], [2, '2026-04-10', 1500000, 1500000],
    [3, '2026-05-10', 1500000, 1500000], [4, '2026-06-10', 1500000, 1500000]]);
  // Interest on the principal left at each month's start: as of today every month has begun with
  // nothing repaid, so each is 1% of 6.000.000 (the plan, each instalment paid on its day, gives
  // 60/45/30/15 thousand: see the plan test; months not yet begun are shown that way).
  assert.deepEqual(r.json.instalments.map((i) => i.interest), [60000, 60000, 60000, 60000]);
  assert.deepEqual(r.json.payments, []);
  const d = (await as.club.get(`/api/v1/clubs/${club.a.id}/entries/${r.json.disbursement_entry}`)).json;
  assert.deepEqual([d.kind, d.amount, d.on_date, d.loan_id, d.member_id, d.fund_balance], ['disbursement', -6000000, '2026-02-10', loan.l1.id, member.binh.id, 4000000]);

  r = await as.commune.postJson(loans(club.a.id), { member: String(member.anh.id), principal: 2000000, purpose: 'Mua giống lúa', rate_bp: 0, term: '2', schedule: 'end', disbursed_on: '2026-03-01', handled_by: 'Lê Văn Bình' });
  assert.equal(r.status, 201, r.text);
  loan.l2 = r.json;
  assert.deepEqual([r.json.no, r.json.rate_bp], [2, 0]);
  assert.deepEqual(r.json.instalments.map((i) => [i.due_on, i.principal, i.interest]), [['2026-04-01', 0, 0], ['2026-05-01', 2000000, 0]]);
  assert.equal(await income(), 2000000);
});

test('bad loans: each refused with its code and field, and nothing changes', async () => {
  const ok = { member: member.anh.id, principal: 1000000, purpose: 'Chăn nuôi', rate: '1', term: 6, schedule: 'equal', disbursed_on: '2026-03-15', handled_by: 'Lê Văn Bình' };
  const before = await state();
  for (const [change, status, code, field] of [
    [{ member: member.cuc.id, disbursed_on: '2026-01-05' }, 422, 'not_member', 'member'],
    [{ member: member.ha.id }, 422, 'not_member', 'member'],
    [{ member: 99999999 }, 422, 'not_member', 'member'],
    [{ principal: 0 }, 422, 'amount', 'principal'],
    [{ principal: -1000000 }, 422, 'amount', 'principal'],
    [{ principal: 'một triệu' }, 422, 'amount', 'principal'],
    [{ principal: 50000000 }, 422, 'fund_short', 'principal'],
    [{ term: 0 }, 422, 'invalid', 'term'],
    [{ term: 121 }, 422, 'invalid', 'term'],
    [{ rate: '9' }, 422, 'invalid', 'rate'],
    [{ rate: '-1' }, 422, 'invalid', 'rate'],
    [{ rate: undefined, rate_bp: 900 }, 422, 'invalid', 'rate_bp'],
    [{ rate_bp: 50 }, 422, 'invalid', 'rate_bp'],
    [{ schedule: 'weekly' }, 422, 'invalid', 'schedule'],
    [{ disbursed_on: '2025-12-01' }, 422, 'date_order', 'disbursed_on'],
    [{ disbursed_on: '2099-01-01' }, 422, 'date_order', 'disbursed_on'],
    [{ disbursed_on: '30/02/2026' }, 422, 'date', 'disbursed_on'],
    [{ disbursed_on: '2026-07-03' }, 409, 'month_locked', 'disbursed_on'],
    [{ interest: 1 }, 422, 'invalid', 'interest'],
  ]) {
    const r = await as.club.postJson(loans(club.a.id), { ...ok, ...change });
    assert.equal(r.status, status, `${JSON.stringify(change)}: ${r.text}`);
    assert.equal(r.json.error.code, code, `${JSON.stringify(change)}: ${r.text}`);
    assert.equal(r.json.error.field, field, `${JSON.stringify(change)}: ${r.text}`);
  }
  refused(await as.central.postJson(loans(club.a.id), ok), 403, 'forbidden');
  refused(await as.viewer.postJson(loans(club.a.id), ok), 403, 'forbidden');
  for (const name of ['province', 'commune', 'club']) refused(await as[name].postJson(loans(club.hn.id), { ...ok, member: member.ha.id }), 404, 'not_found');
  assert.deepEqual(await state(), before);
});

test('repayments: interest first then principal, partial, arrears in days as of a date, early repayment', async () => {
  const pay = (body, c = as.club) => c.postJson(one(club.a.id, loan.l1.id) + '/repayments', body);
  let r = await pay({ date: '2026-03-10', amount: '1.560.000', handled_by: 'Lê Văn Bình' });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual([r.json.payment.principal, r.json.payment.interest, r.json.outstanding, r.json.status], [1500000, 60000, 4500000, 'active']);
  const p1 = r.json.payments[0];
  assert.deepEqual([p1.paid_on, p1.principal, p1.interest, p1.amount], ['2026-03-10', 1500000, 60000, 1560000]);
  const pe = (await as.club.get(`/api/v1/clubs/${club.a.id}/entries/${p1.principal_entry}`)).json;
  const ie = (await as.club.get(`/api/v1/clubs/${club.a.id}/entries/${p1.interest_entry}`)).json;
  assert.deepEqual([pe.kind, pe.amount, pe.loan_id, ie.kind, ie.amount, ie.loan_id], ['repayment', 1500000, loan.l1.id, 'interest', 60000, loan.l1.id]);

  // Partial: the month's interest, then 500.000 of the 1.500.000 due.
  r = await pay({ date: '2026-04-10', amount: 545000, handled_by: 'Lê Văn Bình' }, as.commune);
  assert.equal(r.status, 201, r.text);
  assert.deepEqual([r.json.payment.principal, r.json.payment.interest, r.json.outstanding, r.json.principal_paid, r.json.interest_paid], [500000, 45000, 4000000, 2000000, 105000]);
  assert.deepEqual(r.json.instalments.map((i) => i.principal_unpaid), [0, 1000000, 1500000, 1500000]);

  const asof = async (d) => (await as.club.get(one(club.a.id, loan.l1.id) + '?asof=' + d)).json;
  let l = await asof('2026-04-10');
  assert.deepEqual([l.asof, l.arrears_days], ['2026-04-10', 0]);
  l = await asof('11/04/2026');
  assert.deepEqual([l.asof, l.arrears_days, l.principal_due], ['2026-04-11', 1, 1000000]);
  l = await asof('2026-05-20');
  // Instalment 2 unpaid since 10 April: 40 days late; instalment 3 fell due on 10 May with the
  // interest of its month on the 4.000.000 outstanding at the month's start.
  assert.deepEqual([l.arrears_days, l.principal_due, l.interest_due, l.payoff, l.next_due_on], [40, 2500000, 40000, 4040000, '2026-04-10']);
  assert.equal(l.instalments[2].interest, 40000);
  refused(await as.club.get(one(club.a.id, loan.l1.id) + '?asof=tháng năm'), 422, 'date', 'asof');

  const before = await state(loan.l1.id);
  for (const [body, status, code, field] of [
    [{ date: '2026-05-20', amount: 0 }, 422, 'amount', 'amount'],
    [{ date: '2026-05-20', amount: -40000 }, 422, 'amount', 'amount'],
    [{ date: '2026-05-20', amount: 4040001 }, 422, 'overpay', 'amount'],
    [{ date: '2026-02-01', amount: 100000 }, 422, 'date_order', 'date'],
    [{ date: '2026-04-01', amount: 100000 }, 422, 'date_order', 'date'],
    [{ date: '2099-01-01', amount: 100000 }, 422, 'date_order', 'date'],
    [{ date: '2026-07-10', amount: 100000 }, 409, 'month_locked', 'date'],
    [{ date: '2026-05-20', amount: 100000, principal: 1 }, 422, 'invalid', 'principal'],
  ]) {
    const x = await pay({ handled_by: 'Lê Văn Bình', ...body });
    assert.equal(x.status, status, `${JSON.stringify(body)}: ${x.text}`);
    assert.equal(x.json.error.code, code, `${JSON.stringify(body)}: ${x.text}`);
    assert.equal(x.json.error.field, field, `${JSON.stringify(body)}: ${x.text}`);
  }
  r = await pay({ date: '2026-05-20', amount: 4040001, handled_by: 'x' });
  assert.match(r.json.error.message, /4[.]?040[.]?000/);
  refused(await pay({ date: '2026-05-20', amount: 100000, handled_by: 'x' }, as.central), 403, 'forbidden');
  refused(await pay({ date: '2026-05-20', amount: 100000, handled_by: 'x' }, as.viewer), 403, 'forbidden');
  refused(await as.club.postJson(one(club.hn.id, loan.l1.id) + '/repayments', { date: '2026-05-20', amount: 100000, handled_by: 'x' }), 404, 'not_found');
  assert.deepEqual(await state(loan.l1.id), before);

  // Early: everything left on 20 May, the interest due and the 4.000.000 outstanding.
  r = await pay({ date: '2026-05-20', amount: '4.040.000', handled_by: 'Lê Văn Bình' });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual([r.json.payment.principal, r.json.payment.interest, r.json.status, r.json.outstanding, r.json.principal_paid, r.json.interest_paid],
    [4000000, 40000, 'repaid', 0, 6000000, 145000]);
  assert.equal(r.json.payments.length, 3);
  refused(await pay({ date: '2026-05-25', amount: 1000, handled_by: 'x' }), 409, 'loan_state');
  // 10.000.000 - 6.000.000 - 2.000.000 + 1.560.000 + 545.000 + 4.040.000
  assert.equal(await income(), 8145000);
});

test('write-off: a reason and a second board member\'s confirmation; the cash does not change', async () => {
  const wo = (body, c = as.club) => c.postJson(one(club.a.id, loan.l2.id) + '/write-off', body);
  const l = (await as.club.get(one(club.a.id, loan.l2.id) + '?asof=2026-06-01')).json;
  assert.deepEqual([l.arrears_days, l.principal_due, l.outstanding], [31, 2000000, 2000000]);
  const ok = { date: '2026-06-15', reason: 'Thành viên chuyển đi nơi khác, không liên lạc được', confirmed_by: member.binh.id };
  const before = await state(loan.l2.id);
  refused(await wo({ ...ok, reason: '' }), 422, 'required', 'reason');
  refused(await wo({ ...ok, confirmed_by: member.cuc.id }), 422, 'confirmer', 'confirmed_by');
  refused(await wo({ ...ok, confirmed_by: member.ha.id }), 422, 'confirmer', 'confirmed_by');
  refused(await wo({ ...ok, confirmed_by: 99999999 }), 422, 'confirmer', 'confirmed_by');
  refused(await wo({ ...ok, date: '2026-02-01' }), 422, 'date_order', 'date');
  refused(await wo({ ...ok, date: '2026-07-10' }), 409, 'month_locked', 'date');
  refused(await wo(ok, as.central), 403, 'forbidden');
  refused(await wo(ok, as.viewer), 403, 'forbidden');
  refused(await as.club.postJson(one(club.hn.id, loan.l2.id) + '/write-off', ok), 404, 'not_found');
  refused(await as.club.postJson(one(club.a.id, loan.l1.id) + '/write-off', ok), 409, 'loan_state');
  assert.deepEqual(await state(loan.l2.id), before);

  const r = await wo(ok);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.json.status, r.json.written_off, r.json.outstanding, r.json.write_off_on, r.json.write_off_confirmed_by, r.json.write_off_confirmer],
    ['written_off', 2000000, 0, '2026-06-15', member.binh.id, 'Lê Văn Bình']);
  assert.match(r.json.write_off_reason, /chuyển đi/);
  assert.equal(await income(), 8145000);
  refused(await wo(ok), 409, 'loan_state');
  refused(await as.club.postJson(one(club.a.id, loan.l2.id) + '/repayments', { date: '2026-06-20', amount: 1000, handled_by: 'x' }), 409, 'loan_state');
});

test('outstanding loans late first; a repayment reversed puts the loan back; unit figures with their formulas', async () => {
  // L3 falls due about 45 days ago, unpaid; L4 is new.
  const d3 = daysAgo(75), d4 = daysAgo(3);
  let r = await as.club.postJson(loans(club.a.id), { member: member.anh.id, principal: 1000000, purpose: 'Bán hàng', rate: '0', term: 1, schedule: 'equal', disbursed_on: d3, handled_by: 'Lê Văn Bình' });
  assert.equal(r.status, 201, r.text);
  loan.l3 = r.json;
  r = await as.club.postJson(loans(club.a.id), { member: member.binh.id, principal: 500000, purpose: 'Trồng rau', rate: '0', term: 5, schedule: 'equal', disbursed_on: d4, handled_by: 'Lê Văn Bình' });
  assert.equal(r.status, 201, r.text);
  loan.l4 = r.json;
  assert.equal(await income(), 6645000);
  const late = days(addMonths(d3, 1), today());

  // An early payment on L4, then reversed: the loan is as it was.
  r = await as.club.postJson(one(club.a.id, loan.l4.id) + '/repayments', { date: today(), amount: 100000, handled_by: 'Lê Văn Bình' });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual([r.json.payment.principal, r.json.payment.interest, r.json.outstanding], [100000, 0, 400000]);
  assert.equal(r.json.instalments[0].principal_unpaid, 0);
  const entryId = r.json.payments[0].principal_entry;
  r = await as.club.postJson(`/api/v1/clubs/${club.a.id}/entries/${entryId}/reverse`, { reason: 'Thu nhầm' });
  assert.equal(r.status, 201, r.text);
  r = await as.club.get(one(club.a.id, loan.l4.id));
  assert.deepEqual([r.json.outstanding, r.json.status, r.json.payments[0].reversed], [500000, 'active', true]);
  assert.equal(r.json.instalments[0].principal_unpaid, 100000);
  assert.equal(await income(), 6645000);

  r = await as.club.get(loans(club.a.id) + '?status=active');
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.items.map((x) => [x.no, x.outstanding, x.arrears_days]), [[3, 1000000, late], [4, 500000, 0]]);
  r = await as.club.get(loans(club.a.id) + '?status=closed');
  assert.deepEqual(r.json.items.map((x) => [x.no, x.status]).sort(), [[1, 'repaid'], [2, 'written_off']]);
  r = await as.club.get(loans(club.a.id) + `?member=${member.binh.id}`);
  assert.deepEqual(r.json.items.map((x) => x.no).sort(), [1, 4]);
  refused(await as.club.get(loans(club.a.id) + '?status=late'), 422, 'invalid', 'status');
  r = await as.club.get(`/api/v1/clubs/${club.a.id}/funds`);
  assert.deepEqual(r.json.loans_outstanding, { count: 2, outstanding: 1500000, late: 1, par30: late > 30 ? 1000000 : 0, items: r.json.loans_outstanding.items });
  assert.deepEqual(r.json.loans_outstanding.items.map((x) => x.no), [3, 4]);

  // The same figures for the club, its commune, its province, the country; viewers for the country.
  for (const unit of ['15961-01', '15961', '38', '']) {
    for (const name of unit ? ['admin', 'central', 'province'] : ['admin', 'central', 'viewer']) {
      r = await as[name].get('/api/v1/funds/figures' + (unit ? `?unit=${unit}` : ''));
      assert.equal(r.status, 200, `${name} ${unit}: ${r.text}`);
      const f = r.json.figures;
      assert.deepEqual([f.income_cash, f.activity_cash, f.outstanding, f.loans, f.par30, f.borrowers, f.clubs_income, f.clubs_activity, f.clubs_both, f.clubs_books],
        [6645000, 1000000, 1500000, 2, 1000000, 2, 1, 1, 1, 1], `${name} ${unit}`);
      assert.equal(f.income_fund, 8145000);
      assert.deepEqual([f.ratios.par30.numerator, f.ratios.par30.denominator], [1000000, 1500000]);
      assert.ok(Math.abs(f.ratios.par30.bp - 6667) <= 1, JSON.stringify(f.ratios.par30));
      // The shares compare like with like: the members and the clubs keeping their books here.
      assert.equal(f.members_books, 3, `${name} ${unit}`);
      assert.deepEqual([f.ratios.borrowers.numerator, f.ratios.borrowers.denominator, f.ratios.borrowers.target_bp], [2, 3, 5000]);
      assert.match(f.ratios.borrowers.formula, /thành viên/);
      assert.deepEqual([f.ratios.clubs_both.numerator, f.ratios.clubs_both.denominator], [1, 1]);
      assert.ok(f.ratios.repayment_rate.formula);
    }
  }
  r = await as.commune.get('/api/v1/funds/figures?unit=15961&by=child');
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.children.map((c) => [c.code, c.outstanding, c.par30]), [['15961-01', 1500000, 1000000]]);
  r = await as.club.get('/api/v1/funds/figures?unit=15961-01');
  assert.equal(r.status, 200, r.text);
  refused(await as.province.get('/api/v1/funds/figures?unit=01'), 404, 'not_found');
  refused(await as.province.get('/api/v1/funds/figures'), 404, 'not_found');
  refused(await as.club.get(`/api/v1/funds/figures?unit=${club.hn.code}`), 404, 'not_found');
  refused(await as.admin.get('/api/v1/funds/figures?date=32/01/2026'), 422, 'date', 'date');
  refused(await as.admin.get('/api/v1/funds/figures?by=parent'), 422, 'invalid', 'by');
});

test('reading loans: every role but viewers, in scope only; another club\'s id is not found', async () => {
  for (const name of ['admin', 'central', 'province', 'commune', 'club']) {
    for (const path of [loans(club.a.id), one(club.a.id, loan.l1.id)]) {
      const r = await as[name].get(path);
      assert.equal(r.status, 200, `${name} ${path}: ${r.text}`);
    }
  }
  for (const path of [loans(club.a.id), one(club.a.id, loan.l1.id)]) refused(await as.viewer.get(path), 403, 'forbidden');
  for (const name of ['province', 'commune', 'club']) refused(await as[name].get(loans(club.hn.id)), 404, 'not_found');
  refused(await as.admin.get(one(club.hn.id, loan.l1.id)), 404, 'not_found');
  refused(await as.admin.get(one(club.a.id, 99999999)), 404, 'not_found');
  assert.equal((await new Client(srv.url).get(loans(club.a.id))).status, 401);
});

// Members on the books counted the same at every level, and a viewer (no scope: the country)
// reading the figures of any unit or club.
test('figures: members counted at every level, and viewers read any unit', async () => {
  for (const [unit, members] of [['15961-01', 3], ['15961', 3], ['38', 3], ['', 4]]) {
    const r = await as.admin.get('/api/v1/funds/figures' + (unit ? `?unit=${unit}` : ''));
    assert.equal(r.json.figures.members, members, unit);
  }
  for (const unit of ['15961-01', '15961', '38']) {
    const r = await as.viewer.get(`/api/v1/funds/figures?unit=${unit}`);
    assert.equal(r.status, 200, `${unit}: ${r.text}`);
  }
});
