// A club's two funds through the API: opening balances, entries (phiếu thu / phiếu chi), transfers,
// reversals and the fund book with exact figures; every role's limits; each bad input refused with
// the code and field core/fund.h promises and nothing changed; two treasurers posting at the same
// moment; and `ishc verify` finding entries changed or removed behind the product's back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, USERS, ishc, dbSql } from '../lib/harness.mjs';

// An expense category code of core (fund_expense_categories).
const EXPENSE = 'meeting';

let srv;
const as = {};
const club = {};
const member = {};
const entry = {};
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
  const add = async (id, body) => {
    const x = await as.admin.postJson(`/api/v1/clubs/${id}/members`, body);
    assert.equal(x.status, 201, x.text);
    return x.json;
  };
  member.anh = await add(club.a.id, { full_name: 'Nguyễn Thị Ánh', sex: 'F', birth: 1950, joined_on: '2024-04-01' });
  member.binh = await add(club.a.id, { full_name: 'Lê Văn Bình', sex: 'M', birth: 1990, joined_on: '2024-04-01' });
  member.ha = await add(club.hn.id, { full_name: 'Đỗ Thu Hà', sex: 'F', birth: 1960, joined_on: '2024-04-01' });
});
after(async () => { await srv.stop(); srv.cleanup(); });

const funds = (id) => `/api/v1/clubs/${id}/funds`;
const entries = (id, kind) => `/api/v1/clubs/${id}/funds/${kind}/entries`;
const transfer = (id) => `/api/v1/clubs/${id}/funds/transfer`;
function refused(r, status, code, field) {
  assert.equal(r.status, status, r.text);
  assert.equal(r.json.error.code, code, r.text);
  if (field !== undefined) assert.equal(r.json.error.field, field, r.text);
}
// Today in Vietnam, as core dates an entry without a date.
const today = () => new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10);
// Everything the books of club a show: compared before and after a refused request.
async function books(c = as.admin) {
  const out = {};
  out.funds = (await c.get(funds(club.a.id))).json;
  for (const k of ['income', 'activity']) out[k] = (await c.get(entries(club.a.id, k) + '?per_page=500')).json;
  return out;
}

test('open: both books once, with their balances on the cut-off day; bad values and other roles refused, nothing changed', async () => {
  let r = await as.admin.get(funds(club.a.id));
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.json.income.opened, r.json.income.balance, r.json.activity.opened], [false, 0, false]);
  refused(await as.admin.postJson(entries(club.a.id, 'income'), { kind: 'contribution', date: '2026-01-05', amount: 1000, handled_by: 'x' }), 409, 'fund_not_open');

  const good = { date: '2026-01-01', income: '10.000.000', activity: 2000000, handled_by: 'Lê Văn Bình' };
  const before = await books();
  refused(await as.central.postJson(funds(club.a.id) + '/open', good), 403, 'forbidden');
  refused(await as.viewer.postJson(funds(club.a.id) + '/open', good), 403, 'forbidden');
  refused(await as.club.postJson(funds(club.hn.id) + '/open', good), 404, 'not_found');
  refused(await as.province.postJson(funds(club.hn.id) + '/open', good), 404, 'not_found');
  refused(await as.commune.postJson(funds(club.hn.id) + '/open', good), 404, 'not_found');
  refused(await as.club.postJson(funds(club.a.id) + '/open', { ...good, income: '-1' }), 422, 'amount', 'income');
  refused(await as.club.postJson(funds(club.a.id) + '/open', { ...good, activity: 'nhiều' }), 422, 'amount', 'activity');
  // fund.h names E_DATE for a day before the club was founded; core answers date_order (a real
  // day in the wrong place), which is what entries answer too: either is accepted.
  r = await as.club.postJson(funds(club.a.id) + '/open', { ...good, date: '2024-01-01' });
  assert.equal(r.status, 422, r.text);
  assert.ok(['date', 'date_order'].includes(r.json.error.code), r.text);
  assert.equal(r.json.error.field, 'date');
  refused(await as.club.postJson(funds(club.a.id) + '/open', { ...good, date: '2099-01-01' }), 422, 'date_order', 'date');
  refused(await as.club.postJson(funds(club.a.id) + '/open', { ...good, date: '31/02/2026' }), 422, 'date', 'date');
  refused(await as.club.postJson(funds(club.a.id) + '/open', { ...good, cash: 1 }), 422, 'invalid', 'cash');
  refused(await as.club.postJson(funds(club.a.id) + '/open', { ...good, income: 1.5 }), 422, 'invalid', 'income');
  assert.deepEqual(await books(), before);

  r = await as.club.postJson(funds(club.a.id) + '/open', good);
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(r.json.income, { kind: 'income', label: 'Quỹ tăng thu nhập', opened: true, opened_on: '2026-01-01', balance: 10000000, entries: 1 });
  assert.equal(r.json.activity.balance, 2000000);
  assert.equal(r.json.activity.entries, 1);
  assert.equal(r.json.activity.opened_on, '2026-01-01');
  assert.deepEqual(r.json.loans_outstanding, { count: 0, outstanding: 0, late: 0, par30: 0, items: [] });
  const opened = await books();
  refused(await as.club.postJson(funds(club.a.id) + '/open', good), 409, 'fund_open');
  assert.deepEqual(await books(), opened);
  const first = opened.income.items[0];
  assert.deepEqual([first.no, first.kind, first.amount, first.on_date, first.handled_by], [1, 'opening', 10000000, '2026-01-01', 'Lê Văn Bình']);
  entry.opening = first;
});

test('entries: money in and out with numbers, vouchers, signed amounts and the balance after each', async () => {
  let r = await as.club.postJson(entries(club.a.id, 'income'), { kind: 'contribution', date: '05/01/2026', amount: '500.000', member: member.anh.id, handled_by: 'Lê Văn Bình', note: 'Góp quỹ tháng 1' });
  assert.equal(r.status, 201, r.text);
  entry.contribution = r.json;
  assert.equal(r.json.no, 2);
  assert.equal(r.json.voucher, 'PT-0002');
  assert.deepEqual([r.json.fund_kind, r.json.kind, r.json.on_date, r.json.amount, r.json.fund_balance], ['income', 'contribution', '2026-01-05', 500000, 10500000]);
  assert.deepEqual([r.json.member_id, r.json.member_name, r.json.recorded_by, r.json.note], [member.anh.id, 'Nguyễn Thị Ánh', 'club', 'Góp quỹ tháng 1']);
  assert.match(r.json.hash, /^[0-9a-f]{64}$/);
  assert.equal(r.json.reverses, null);

  r = await as.commune.postJson(entries(club.a.id, 'income'), { kind: 'grant', date: '2026-01-10', amount: 3000000, category: 'commune', party: 'UBND xã Hoằng Lộc', handled_by: 'Lê Văn Bình' });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual([r.json.no, r.json.amount, r.json.category, r.json.fund_balance, r.json.recorded_by], [3, 3000000, 'commune', 13500000, 'commune']);
  r = await as.province.postJson(entries(club.a.id, 'income'), { kind: 'donation', date: '2026-01-20', amount: '1.000.000', party: 'Công ty ABC', handled_by: 'Lê Văn Bình' });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual([r.json.no, r.json.fund_balance], [4, 14500000]);

  r = await as.admin.postJson(entries(club.a.id, 'activity'), { kind: 'expense', date: '2026-03-01', amount: '1.500.000', category: EXPENSE, party: 'Cửa hàng Minh Anh', handled_by: 'Lê Văn Bình' });
  assert.equal(r.status, 201, r.text);
  entry.expense = r.json;
  assert.deepEqual([r.json.no, r.json.voucher, r.json.kind, r.json.amount, r.json.fund_balance], [2, 'PC-0002', 'expense', -1500000, 500000]);

  r = await as.central.get(entries(club.a.id, 'income'));
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.total, 4);
  assert.deepEqual(r.json.items.map((e) => e.no), [4, 3, 2, 1]);
  r = await as.club.get(entries(club.a.id, 'income') + '?per_page=2&page=2');
  assert.deepEqual(r.json.items.map((e) => e.no), [2, 1]);
  assert.deepEqual([r.json.page, r.json.per_page, r.json.total], [2, 2, 4]);
  refused(await as.club.get(entries(club.a.id, 'income') + '?per_page=501'), 422, 'invalid', 'per_page');

  r = await as.admin.get(funds(club.a.id));
  assert.deepEqual([r.json.income.balance, r.json.income.entries, r.json.activity.balance, r.json.activity.entries], [14500000, 4, 500000, 2]);
});

test('reading: every role but viewers, in scope only; an entry through another club is not found', async () => {
  const eid = entry.contribution.id;
  for (const name of ['admin', 'central', 'province', 'commune', 'club']) {
    for (const path of [funds(club.a.id), entries(club.a.id, 'income'), `/api/v1/clubs/${club.a.id}/entries/${eid}`, `/api/v1/clubs/${club.a.id}/funds/income/book`]) {
      const r = await as[name].get(path);
      assert.equal(r.status, 200, `${name} ${path}: ${r.text}`);
    }
  }
  const r = await as.central.get(`/api/v1/clubs/${club.a.id}/entries/${eid}`);
  assert.deepEqual(r.json, { ...entry.contribution, fund_balance: 14500000 });
  for (const path of [funds(club.a.id), entries(club.a.id, 'income'), `/api/v1/clubs/${club.a.id}/entries/${eid}`, `/api/v1/clubs/${club.a.id}/funds/income/book`])
    refused(await as.viewer.get(path), 403, 'forbidden');
  for (const name of ['province', 'commune', 'club']) {
    refused(await as[name].get(funds(club.hn.id)), 404, 'not_found');
    refused(await as[name].get(entries(club.hn.id, 'income')), 404, 'not_found');
  }
  refused(await as.admin.get(`/api/v1/clubs/${club.hn.id}/entries/${eid}`), 404, 'not_found');
  refused(await as.admin.get(`/api/v1/clubs/${club.a.id}/entries/99999999`), 404, 'not_found');
  refused(await as.admin.get(entries(club.a.id, 'savings')), 404, 'not_found');
  refused(await as.admin.get(funds(99999999)), 404, 'not_found');
  assert.equal((await new Client(srv.url).get(funds(club.a.id))).status, 401);
});

test('bad entries: each refused with its code and field, and nothing changes', async () => {
  const before = await books();
  const post = (c, kind, body) => c.postJson(entries(club.a.id, kind), body);
  const ok = { kind: 'contribution', date: '2026-02-01', amount: 100000, handled_by: 'Lê Văn Bình' };
  const cases = [
    [{ ...ok, kind: 'disbursement' }, 422, 'entry_kind', 'kind'],
    [{ ...ok, kind: 'interest' }, 422, 'entry_kind', 'kind'],
    [{ ...ok, kind: 'opening' }, 422, 'entry_kind', 'kind'],
    [{ ...ok, kind: 'reversal' }, 422, 'entry_kind', 'kind'],
    [{ ...ok, kind: 'transfer_in' }, 422, 'entry_kind', 'kind'],
    [{ ...ok, kind: 'lottery' }, 422, 'entry_kind', 'kind'],
    [{ ...ok, amount: 0 }, 422, 'amount', 'amount'],
    [{ ...ok, amount: -500000 }, 422, 'amount', 'amount'],
    [{ ...ok, amount: '-500.000' }, 422, 'amount', 'amount'],
    [{ ...ok, amount: 'năm trăm' }, 422, 'amount', 'amount'],
    [{ ...ok, amount: null }, 422, null, 'amount'],
    [{ ...ok, amount: 1.5 }, 422, 'invalid', 'amount'],
    [{ ...ok, date: '31/02/2026' }, 422, 'date', 'date'],
    [{ ...ok, date: '2025-12-31' }, 422, 'date_order', 'date'],
    [{ ...ok, date: '2099-01-01' }, 422, 'date_order', 'date'],
    [{ ...ok, kind: 'grant' }, 422, 'required', 'category'],
    [{ ...ok, kind: 'grant', category: 'bank' }, 422, 'invalid', 'category'],
    [{ ...ok, member: member.ha.id }, 422, 'not_member', 'member'],
    [{ ...ok, member: 99999999 }, 422, 'not_member', 'member'],
    [{ ...ok, handled_by: '' }, 422, 'required', 'handled_by'],
    [{ ...ok, amout: 1 }, 422, 'invalid', 'amout'],
  ];
  for (const [body, status, code, field] of cases) {
    const r = await post(as.club, 'income', body);
    assert.equal(r.status, status, `${JSON.stringify(body)}: ${r.text}`);
    if (code) assert.equal(r.json.error.code, code, `${JSON.stringify(body)}: ${r.text}`);
    else assert.ok(['required', 'amount'].includes(r.json.error.code), r.text);
    assert.equal(r.json.error.field, field, `${JSON.stringify(body)}: ${r.text}`);
  }
  // The activity fund lends nothing; money out never takes a balance below zero on any day.
  refused(await post(as.club, 'activity', { ...ok, kind: 'repayment' }), 422, 'entry_kind', 'kind');
  refused(await post(as.club, 'activity', { ...ok, kind: 'expense' }), 422, 'required', 'category');
  let r = await post(as.club, 'activity', { ...ok, kind: 'expense', category: EXPENSE, amount: 2000000, date: today() });
  refused(r, 422, 'fund_short', 'amount');
  assert.match(r.json.error.message, /500[.]?000/);
  // 600.000 out on 1 February leaves 1.400.000 that day, but the expense of 1 March would then
  // take the book to -100.000.
  refused(await post(as.club, 'activity', { ...ok, kind: 'expense', category: EXPENSE, amount: 600000 }), 422, 'fund_short', 'amount');
  refused(await as.club.postJson(entries(club.a.id, 'savings'), ok), 404, 'not_found');
  refused(await post(as.central, 'income', ok), 403, 'forbidden');
  refused(await post(as.viewer, 'income', ok), 403, 'forbidden');
  for (const name of ['province', 'commune', 'club']) refused(await as[name].postJson(entries(club.hn.id, 'income'), ok), 404, 'not_found');
  assert.deepEqual(await books(), before);
});

test('a month whose report is approved is locked: no entry dated in it, nothing changed', async () => {
  const report = `/api/v1/clubs/${club.a.id}/reports/2026-07`;
  let r = await as.club.postJson(report + '/submit', { confirm: true });
  assert.equal(r.status, 200, r.text);
  r = await as.commune.postJson(report + '/approve', {});
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'approved');
  const before = await books();
  const ok = { kind: 'contribution', amount: 100000, handled_by: 'Lê Văn Bình' };
  refused(await as.club.postJson(entries(club.a.id, 'income'), { ...ok, date: '2026-07-15' }), 409, 'month_locked', 'date');
  refused(await as.admin.postJson(entries(club.a.id, 'activity'), { ...ok, date: '31/07/2026' }), 409, 'month_locked', 'date');
  refused(await as.club.postJson(transfer(club.a.id), { from: 'income', date: '2026-07-01', amount: 1000, handled_by: 'x' }), 409, 'month_locked', 'date');
  assert.deepEqual(await books(), before);
  // The months around it are open.
  r = await as.club.postJson(entries(club.a.id, 'income'), { ...ok, date: '2026-06-30' });
  assert.equal(r.status, 201, r.text);
  r = await as.club.postJson(entries(club.a.id, 'income'), { ...ok, date: '2026-08-01' });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual([r.json.no, r.json.fund_balance], [6, 14700000]);
});

test('transfer: two paired entries with the same date and amount; too much or a bad fund refused', async () => {
  const before = await books();
  const t = { from: 'income', date: '2026-02-15', amount: '1.000.000', handled_by: 'Lê Văn Bình', note: 'Bổ sung quỹ hoạt động' };
  refused(await as.club.postJson(transfer(club.a.id), { ...t, from: 'savings' }), 422, 'invalid', 'from');
  refused(await as.club.postJson(transfer(club.a.id), { ...t, from: undefined }), 422, 'required', 'from');
  refused(await as.club.postJson(transfer(club.a.id), { ...t, amount: 0 }), 422, 'amount', 'amount');
  refused(await as.club.postJson(transfer(club.a.id), { ...t, amount: 20000000 }), 422, 'fund_short', 'amount');
  refused(await as.club.postJson(transfer(club.a.id), { ...t, from: 'activity', date: today() }), 422, 'fund_short', 'amount');
  refused(await as.central.postJson(transfer(club.a.id), t), 403, 'forbidden');
  refused(await as.club.postJson(transfer(club.hn.id), t), 404, 'not_found');
  assert.deepEqual(await books(), before);

  const r = await as.club.postJson(transfer(club.a.id), t);
  assert.equal(r.status, 201, r.text);
  const { out, in: inn } = r.json;
  assert.deepEqual([out.fund_kind, out.kind, out.no, out.amount, out.on_date], ['income', 'transfer_out', 7, -1000000, '2026-02-15']);
  assert.deepEqual([inn.fund_kind, inn.kind, inn.no, inn.amount, inn.on_date], ['activity', 'transfer_in', 3, 1000000, '2026-02-15']);
  assert.deepEqual([out.pair_id, inn.pair_id], [inn.id, out.id]);
  assert.deepEqual(r.json.balances, { income: 13700000, activity: 1500000 });
  entry.transfer = out;
});

test('reverse: a reversing entry names the one it reverses and a reason; a transfer is reversed in both funds', async () => {
  const rev = (eid, body, c = as.club) => c.postJson(`/api/v1/clubs/${club.a.id}/entries/${eid}/reverse`, body);
  const before = await books();
  refused(await rev(entry.contribution.id, {}), 422, 'required', 'reason');
  refused(await rev(entry.opening.id, { reason: 'Nhầm' }), 409, 'reversed');
  refused(await rev(entry.contribution.id, { reason: 'Nhầm', why: 1 }), 422, 'invalid', 'why');
  refused(await rev(entry.contribution.id, { reason: 'Nhầm' }, as.central), 403, 'forbidden');
  refused(await rev(entry.contribution.id, { reason: 'Nhầm' }, as.viewer), 403, 'forbidden');
  refused(await as.admin.postJson(`/api/v1/clubs/${club.hn.id}/entries/${entry.contribution.id}/reverse`, { reason: 'Nhầm' }), 404, 'not_found');
  assert.deepEqual(await books(), before);

  let r = await rev(entry.contribution.id, { reason: 'Ghi nhầm thành viên' });
  assert.equal(r.status, 201, r.text);
  const reversal = r.json;
  assert.deepEqual([reversal.kind, reversal.no, reversal.amount, reversal.reverses, reversal.on_date, reversal.fund_balance],
    ['reversal', 8, -500000, entry.contribution.id, today(), 13200000]);
  assert.match(reversal.note, /Ghi nhầm thành viên/);
  r = await as.club.get(`/api/v1/clubs/${club.a.id}/entries/${entry.contribution.id}`);
  assert.equal(r.json.reversed_by, reversal.id);
  assert.equal(r.json.amount, 500000, 'the entry itself is never changed');
  refused(await rev(entry.contribution.id, { reason: 'Lần nữa' }), 409, 'reversed');
  refused(await rev(reversal.id, { reason: 'Đảo phiếu đảo' }), 409, 'reversed');

  r = await rev(entry.transfer.id, { reason: 'Chuyển nhầm', date: '2026-03-05' });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual([r.json.fund_kind, r.json.amount, r.json.on_date], ['income', 1000000, '2026-03-05']);
  const f = (await as.club.get(funds(club.a.id))).json;
  assert.deepEqual([f.income.balance, f.activity.balance], [14200000, 500000]);
  const act = (await as.club.get(entries(club.a.id, 'activity'))).json.items[0];
  assert.deepEqual([act.kind, act.amount, act.reverses], ['reversal', -1000000, entry.transfer.pair_id]);
});

test('the fund book: brought forward, each entry with its running balance, totals', async () => {
  const book = (q) => as.club.get(`/api/v1/clubs/${club.a.id}/funds/income/book${q}`);
  let r = await book('?from=2026-01-05&to=31/01/2026');
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.json.from, r.json.to, r.json.opening, r.json.total_in, r.json.total_out, r.json.closing, r.json.count],
    ['2026-01-05', '2026-01-31', 10000000, 4500000, 0, 14500000, 3]);
  assert.deepEqual(r.json.entries.map((e) => [e.no, e.amount, e.running]), [[2, 500000, 10500000], [3, 3000000, 13500000], [4, 1000000, 14500000]]);
  r = await book('?from=2026-02-01&to=2026-03-31');
  assert.deepEqual(r.json.entries.map((e) => [e.no, e.on_date, e.amount, e.running]), [[7, '2026-02-15', -1000000, 13500000], [9, '2026-03-05', 1000000, 14500000]]);
  assert.deepEqual([r.json.opening, r.json.total_in, r.json.total_out, r.json.closing], [14500000, 1000000, 1000000, 14500000]);
  r = await book('');
  const f = (await as.club.get(funds(club.a.id))).json;
  assert.equal(r.json.closing, f.income.balance);
  assert.equal(r.json.entries.at(-1).running, f.income.balance);
  assert.equal(r.json.opening + r.json.total_in - r.json.total_out, f.income.balance);
  assert.equal(r.json.entries.length, r.json.count);
  refused(await book('?from=hôm qua'), 422, 'date', 'from');
  refused(await book('?from=2026-03-01&to=2026-02-01'), 422, 'date_order', 'to');
  refused(await as.club.get(`/api/v1/clubs/${club.a.id}/funds/savings/book`), 404, 'not_found');
});

test('two treasurers posting at the same moment: every entry kept, numbered without gaps, balance = sum', async () => {
  const a = new Client(srv.url), b = new Client(srv.url);
  await a.login('club', USERS.club.password);
  await b.login('commune', USERS.commune.password);
  const start = (await as.club.get(funds(club.a.id))).json.income;
  const N = 30;
  const posts = [];
  for (let i = 0; i < N; i++) {
    for (const [c, who] of [[a, 'A'], [b, 'B']])
      posts.push(c.postJson(entries(club.a.id, 'income'), { kind: 'contribution', date: today(), amount: 1000 * (i + 1), handled_by: `Thủ quỹ ${who}`, note: `${who}-${i}` }));
  }
  const res = await Promise.all(posts);
  for (const r of res) assert.equal(r.status, 201, r.text);
  const nos = res.map((r) => r.json.no).sort((x, y) => x - y);
  assert.deepEqual(nos, Array.from({ length: 2 * N }, (_, i) => start.entries + 1 + i));
  const f = (await as.club.get(funds(club.a.id))).json.income;
  assert.equal(f.entries, start.entries + 2 * N);
  assert.equal(f.balance, start.balance + 2 * 1000 * (N * (N + 1)) / 2);
  const all = (await as.club.get(entries(club.a.id, 'income') + '?per_page=500')).json;
  assert.deepEqual(all.items.map((e) => e.no).sort((x, y) => x - y), Array.from({ length: f.entries }, (_, i) => i + 1));
  assert.equal(all.items.reduce((s, e) => s + e.amount, 0), f.balance);
  assert.equal(new Set(all.items.filter((e) => e.note).map((e) => e.note)).size, all.items.filter((e) => e.note).length);
});

test('the OpenAPI document describes each fund route\'s body and answer', async () => {
  const doc = (await new Client(srv.url).get('/api/v1/openapi.json')).json;
  const op = doc.paths['/api/v1/clubs/{id}/funds/{kind}/entries'].post;
  assert.deepEqual(Object.keys(op.requestBody.content['application/json'].schema.properties).sort(),
    ['amount', 'category', 'date', 'handled_by', 'kind', 'member', 'note', 'party']);
  assert.equal(op.responses['201'].content['application/json'].schema.$ref, '#/components/schemas/FundEntry');
  for (const k of ['Fund', 'FundEntry', 'Loan', 'Instalment', 'LoanPayment', 'LoanRow', 'FundFigures', 'Ratio'])
    assert.ok(doc.components.schemas[k]?.properties, k);
  for (const [path, item] of Object.entries(doc.paths)) {
    if (!path.startsWith('/api/') || !/\/(funds|entries|loans)/.test(path)) continue;
    for (const [m, o] of Object.entries(item)) {
      const ok = o.responses['200'] || o.responses['201'];
      const schema = ok.content['application/json'].schema;
      assert.ok(schema.$ref || schema.properties, `${m} ${path}`);
      if (m !== 'get') assert.ok(o.requestBody.content['application/json'].schema.properties, `${m} ${path}`);
    }
  }
});

// `ishc verify` recomputes each fund's hash chain: the books above are good; an amount changed or
// the last entry deleted behind the product's back is reported with the fund and entry number.
test('tamper: ishc verify says ok on good books, names the fund and the entry changed or removed', async () => {
  let v = ishc(['verify', '--db', srv.db]);
  assert.equal(v.status, 0, v.stdout + v.stderr);
  assert.match(v.stdout, /\bok\b/);

  const fid = (kind) => dbSql(srv.db, `SELECT id FROM funds WHERE club_id = ${club.a.id} AND kind = '${kind}'`).trim();
  const income = fid('income'), activity = fid('activity');
  dbSql(srv.db, `UPDATE fund_entries SET amount = amount + 100000 WHERE fund_id = ${income} AND no = 3`);
  v = ishc(['verify', '--db', srv.db]);
  assert.equal(v.status, 1, v.stdout + v.stderr);
  const said = v.stdout + v.stderr;
  assert.match(said, new RegExp(`(${income}|income|thu nhập|${club.a.code})`), said);
  assert.match(said, /\b3\b/, said);
  dbSql(srv.db, `UPDATE fund_entries SET amount = amount - 100000 WHERE fund_id = ${income} AND no = 3`);
  v = ishc(['verify', '--db', srv.db]);
  assert.equal(v.status, 0, v.stdout + v.stderr);

  // A plain contribution last in the activity book, then deleted.
  const r = await as.club.postJson(entries(club.a.id, 'activity'), { kind: 'contribution', date: today(), amount: 250000, handled_by: 'Lê Văn Bình' });
  assert.equal(r.status, 201, r.text);
  const last = r.json.no;
  assert.equal(ishc(['verify', '--db', srv.db]).status, 0);
  dbSql(srv.db, `DELETE FROM fund_entries WHERE fund_id = ${activity} AND no = ${last}`);
  v = ishc(['verify', '--db', srv.db]);
  assert.equal(v.status, 1, v.stdout + v.stderr);
  const said2 = v.stdout + v.stderr;
  assert.match(said2, new RegExp(`(${activity}|activity|hoạt động|${club.a.code})`), said2);
  assert.match(said2, new RegExp(`\\b${last}\\b`), said2);
});
