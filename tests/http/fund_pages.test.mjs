// The pages of a club's funds and loans: the fund page, opening the books once, recording entries,
// moving money between the funds, one entry with its reversal, the receipt and the fund book, loans
// with the schedule previewed, repayments and write-offs, the loan card and agreement, and the fund
// figures of a unit. Each page for each role (viewers refused, another club 404), bad input kept in
// the form with the message under the field and nothing changed, and every page valid HTML.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, USERS, validateHtml } from '../lib/harness.mjs';

let srv;
const as = {};
const club = {};
const member = {};
const pages = {};
const keep = (name, r) => { pages[name] = r.text; return r; };

// Dates relative to today in Vietnam (UTC+7): the books cannot be dated after today.
const vnNow = new Date(Date.now() + 7 * 3600e3);
const iso = (d) => d.toISOString().slice(0, 10);
const dmy = (s) => `${s.slice(8, 10)}/${s.slice(5, 7)}/${s.slice(0, 4)}`;
const monthStart = (back) => iso(new Date(Date.UTC(vnNow.getUTCFullYear(), vnNow.getUTCMonth() - back, 1)));
const day = (back, d) => iso(new Date(Date.UTC(vnNow.getUTCFullYear(), vnNow.getUTCMonth() - back, d)));
const today = iso(vnNow);
const tomorrow = iso(new Date(vnNow.getTime() + 86400e3));
const OPEN = monthStart(2);

before(async () => {
  srv = await startServer();
  for (const name of Object.keys(USERS)) {
    as[name] = new Client(srv.url);
    await as[name].loginForm(name, USERS[name].password);
  }
  const make = async (body) => {
    const r = await as.admin.postJson('/api/v1/clubs', { status: 'active', founded_on: '2024-03-15', ...body });
    assert.equal(r.status, 201, r.text);
    return r.json;
  };
  club.a = await make({ name: 'CLB Phú Thọ', unit_code: '15961', village: 'Thôn Phú Thọ' });
  club.b = await make({ name: 'CLB Đồng Tâm', unit_code: '15961' });
  club.hn = await make({ name: 'CLB Ba Đình', unit_code: '00004' });
  assert.equal(club.a.code, '15961-01');
  const add = async (c, full_name, birth) => {
    const r = await as.admin.postJson(`/api/v1/clubs/${c.id}/members`, { full_name, sex: 'F', birth, joined_on: '2024-04-01', village: 'Thôn Phú Thọ' });
    assert.equal(r.status, 201, r.text);
    return r.json;
  };
  member.mai = await add(club.a, 'Nguyễn Thị Mai', 1950);
  member.binh = await add(club.a, 'Lê Văn Bình', 1962);
  member.cuc = await add(club.a, 'Trần Thị Cúc', 1970);
  member.dung = await add(club.b, 'Phạm Văn Dũng', 1955);
  for (const [m, role] of [[member.mai, 'chair'], [member.binh, 'treasurer'], [member.cuc, 'accountant']]) {
    const r = await as.admin.postJson(`/api/v1/clubs/${club.a.id}/board`, { member_id: m.id, role, from: '2024-04-01' });
    assert.equal(r.status, 201, r.text);
  }
});
after(async () => { await srv.stop(); srv.cleanup(); });

const funds = (c) => `/clubs/${c.id}/funds`;
const balance = async (kind) => {
  const r = await as.admin.get(funds(club.a));
  const m = r.text.match(new RegExp(`id="h-${kind}"[\\s\\S]*?data-balance="(-?\\d+)"`));
  assert.ok(m, 'the balance is on the fund page');
  return Number(m[1]);
};
const inputOf = (html, id) => html.match(new RegExp(`<input[^>]*id="f-${id}"[^>]*>`))?.[0] ?? '';
const msgOf = (html, id) => html.match(new RegExp(`<p class="msg" id="e-${id}">([^<]*)</p>`))?.[1] ?? null;
// A refused form: the status, the message under the field, the field marked, and what was typed kept.
function refusedForm(r, status, field, typed, re) {
  assert.equal(r.status, status, r.text.slice(0, 400));
  const msg = msgOf(r.text, field);
  assert.ok(msg, `a message under ${field}: ${r.text.match(/<div class="error"[\s\S]*?<\/div>/)?.[0]}`);
  if (re) assert.match(msg, re);
  if (typed) {
    const input = inputOf(r.text, field);
    if (input) {
      assert.match(input, /aria-invalid="true"/);
      assert.match(input, new RegExp(`value="${typed.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`), `${field} keeps what was typed`);
    }
  }
}

test('the fund page: every role but viewers, in scope; before the books are opened it says how to open them', async () => {
  for (const name of ['admin', 'central', 'province', 'commune', 'club']) {
    const r = keep(`funds-closed-${name}`, await as[name].get(funds(club.a)));
    assert.equal(r.status, 200, name);
    assert.match(r.text, /<h1>Quỹ và khoản vay<\/h1>/);
    assert.match(r.text, /chưa mở sổ quỹ/);
    assert.equal(r.text.includes(`href="/clubs/${club.a.id}/funds/open"`), name !== 'central', `${name}: the link to open`);
  }
  assert.equal((await as.viewer.get(funds(club.a))).status, 403);
  for (const name of ['province', 'commune', 'club']) assert.equal((await as[name].get(funds(club.hn))).status, 404, name);
  assert.equal((await as.club.get(funds(club.b))).status, 404, 'the club user sees only their club');
  assert.equal((await as.admin.get('/clubs/999999/funds')).status, 404);
  // The links from the club page and from the club user's home page.
  assert.match((await as.club.get(`/clubs/${club.a.id}`)).text, new RegExp(`href="/clubs/${club.a.id}/funds"`));
  assert.match(keep('home-club', await as.club.get('/')).text, new RegExp(`href="/clubs/${club.a.id}/funds"`));
  assert.match(keep('home-viewer', await as.viewer.get('/')).text, /href="\/funds"/);
});

test('opening the books: bad input kept with the message under the field; once only', async () => {
  const path = `${funds(club.a)}/open`;
  for (const name of ['admin', 'province', 'commune', 'club']) assert.equal((await as[name].get(path)).status, 200, name);
  keep('open-form', await as.club.get(path));
  for (const name of ['central', 'viewer']) assert.equal((await as[name].get(path)).status, 403, name);
  assert.equal((await as.province.get(`${funds(club.hn)}/open`)).status, 404);
  assert.equal((await as.club.postForm(`${funds(club.hn)}/open`, { date: dmy(OPEN), income: '1', activity: '1', handled_by: 'x' })).status, 404);
  assert.equal((await as.central.postForm(path, { date: dmy(OPEN), income: '1', activity: '1', handled_by: 'x' })).status, 403);

  const good = { date: dmy(OPEN), income: '5.000.000', activity: '1.000.000', handled_by: 'Lê Văn Bình' };
  let r = keep('open-bad-date', await as.club.postForm(path, { ...good, date: '31/02/2026' }));
  refusedForm(r, 422, 'date', '31/02/2026');
  assert.match(inputOf(r.text, 'income'), /value="5.000.000"/, 'the other fields keep what was typed');
  refusedForm(await as.club.postForm(path, { ...good, date: dmy(tomorrow) }), 422, 'date', dmy(tomorrow));
  refusedForm(await as.club.postForm(path, { ...good, income: '-5' }), 422, 'income', '-5');
  refusedForm(await as.club.postForm(path, { ...good, activity: 'năm trăm' }), 422, 'activity', 'năm trăm');
  assert.match((await as.club.get(funds(club.a))).text, /chưa mở sổ quỹ/, 'nothing was opened');

  r = await as.club.postForm(path, good);
  assert.equal(r.status, 303, r.text.slice(0, 300));
  assert.equal(r.headers.get('location'), `${funds(club.a)}?opened=1`);
  r = keep('funds-open', await as.club.get(`${funds(club.a)}?opened=1`));
  assert.match(r.text, /Đã mở sổ quỹ/);
  assert.equal(await balance('income'), 5000000);
  assert.equal(await balance('activity'), 1000000);
  assert.match(r.text, /Quỹ tăng thu nhập/);
  assert.match(r.text, /Quỹ hoạt động/);

  r = keep('open-again', await as.club.get(path));
  assert.equal(r.status, 409);
  assert.match(r.text, /chỉ nhập một lần/);
  assert.equal((await as.club.postForm(path, good)).status, 409);
  assert.equal(await balance('income'), 5000000);
});

test('recording entries: a month of contributions, bad ones refused under their field with nothing written', async () => {
  const path = `${funds(club.a)}/income/new`;
  for (const name of ['admin', 'province', 'commune', 'club']) assert.equal((await as[name].get(path)).status, 200, name);
  for (const name of ['central', 'viewer']) assert.equal((await as[name].get(path)).status, 403, name);
  assert.equal((await as.admin.get(`${funds(club.a)}/savings/new`)).status, 404);
  assert.equal((await as.commune.get(`${funds(club.hn)}/income/new`)).status, 404);
  let r = keep('entry-form', await as.club.get(path));
  assert.match(inputOf(r.text, 'handled_by'), /value="Lê Văn Bình"/, 'the treasurer by default');
  keep('entry-form-activity', await as.club.get(`${funds(club.a)}/activity/new`));

  const on = day(2, 5);
  for (const m of [member.mai, member.binh, member.cuc]) {
    r = await as.club.postForm(path, { kind: 'contribution', date: dmy(on), amount: '50.000', member: String(m.id), handled_by: 'Lê Văn Bình', note: 'Đóng góp tháng', next: '1' });
    assert.equal(r.status, 303, r.text.slice(0, 400));
    assert.match(r.headers.get('location'), new RegExp(`^/clubs/${club.a.id}/funds/income/new\\?saved=\\d+$`));
  }
  r = keep('entry-saved', await as.club.get(r.headers.get('location')));
  assert.match(r.text, /Đã ghi phiếu PT-\d+/);
  assert.match(r.text, /In phiếu thu/);
  assert.match(inputOf(r.text, 'date'), new RegExp(`value="${dmy(on)}"`), 'the next entry keeps the date');
  assert.equal(await balance('income'), 5150000);

  const good = { kind: 'expense', date: dmy(on), amount: '200.000', category: '', party: 'Cửa hàng', handled_by: 'Lê Văn Bình' };
  const activity = `${funds(club.a)}/activity/new`;
  r = keep('entry-bad-category', await as.club.postForm(activity, good));
  refusedForm(r, 422, 'category');
  assert.match(inputOf(r.text, 'amount'), /value="200.000"/);
  refusedForm(await as.club.postForm(activity, { ...good, category: 'meeting', amount: '0' }), 422, 'amount', '0');
  refusedForm(await as.club.postForm(activity, { ...good, category: 'meeting', amount: '1.25.000' }), 422, 'amount', '1.25.000');
  r = keep('entry-short', await as.club.postForm(activity, { ...good, category: 'meeting', amount: '5.000.000' }));
  refusedForm(r, 422, 'amount', '5.000.000', /Quỹ không đủ tiền/);
  refusedForm(await as.club.postForm(activity, { ...good, category: 'meeting', date: dmy(tomorrow) }), 422, 'date', dmy(tomorrow));
  refusedForm(await as.club.postForm(activity, { ...good, category: 'meeting', date: dmy(day(3, 1)) }), 422, 'date', dmy(day(3, 1)));
  refusedForm(await as.club.postForm(activity, { ...good, category: 'meeting', handled_by: '' }), 422, 'handled_by', '');
  refusedForm(await as.club.postForm(activity, { ...good, kind: 'disbursement', category: 'meeting' }), 422, 'kind');
  refusedForm(await as.club.postForm(path, { kind: 'contribution', date: dmy(on), amount: '50.000', member: String(member.dung.id), handled_by: 'B' }), 422, 'member');
  assert.equal(await balance('activity'), 1000000, 'nothing written');
  assert.equal((await as.central.postForm(activity, { ...good, category: 'meeting' })).status, 403);
  assert.equal((await as.viewer.postForm(activity, { ...good, category: 'meeting' })).status, 403);
  assert.equal((await as.province.postForm(`${funds(club.hn)}/activity/new`, { ...good, category: 'meeting' })).status, 404);

  r = await as.commune.postForm(activity, { ...good, category: 'meeting', next: '0' });
  assert.equal(r.status, 303, r.text.slice(0, 400));
  assert.match(r.headers.get('location'), new RegExp(`^/clubs/${club.a.id}/entries/\\d+\\?saved=1$`));
  assert.equal(await balance('activity'), 800000);
  r = keep('funds-entries', await as.club.get(funds(club.a)));
  assert.match(r.text, /Phiếu gần đây/);
  assert.match(r.text, /PC-\d+/);
});

test('moving money between the funds: two entries; more than the fund holds is refused', async () => {
  const path = `/clubs/${club.a.id}/funds/transfer`;
  for (const name of ['admin', 'province', 'commune', 'club']) assert.equal((await as[name].get(path)).status, 200, name);
  for (const name of ['central', 'viewer']) assert.equal((await as[name].get(path)).status, 403, name);
  keep('transfer-form', await as.club.get(path));
  const good = { from: 'income', date: dmy(day(2, 6)), amount: '100.000', handled_by: 'Lê Văn Bình', note: 'Bù chi hoạt động' };
  let r = keep('transfer-short', await as.club.postForm(path, { ...good, amount: '99.000.000' }));
  refusedForm(r, 422, 'amount', '99.000.000', /Quỹ không đủ tiền/);
  refusedForm(await as.club.postForm(path, { ...good, from: 'savings' }), 422, 'from');
  assert.equal(await balance('income'), 5150000);
  r = await as.club.postForm(path, good);
  assert.equal(r.status, 303, r.text.slice(0, 400));
  assert.equal(await balance('income'), 5050000);
  assert.equal(await balance('activity'), 900000);
  assert.equal((await as.club.postForm(`${funds(club.hn)}/transfer`, good)).status, 404);
});

test('an entry, its receipt with the amount in words, and its reversal with a reason', async () => {
  // The newest receipt of the income fund: Trần Thị Cúc's contribution.
  const eid = (await as.club.get(funds(club.a))).text.match(/\/entries\/(\d+)">PT-/)[1];
  const path = `/clubs/${club.a.id}/entries/${eid}`;
  for (const name of ['admin', 'central', 'province', 'commune', 'club']) {
    const r = keep(`entry-${name}`, await as[name].get(path));
    assert.equal(r.status, 200, name);
    assert.match(r.text, /<h1>Phiếu thu PT-\d+<\/h1>/);
    assert.equal(/Đảo phiếu này/.test(r.text), name !== 'central', `${name}: the reverse form`);
  }
  assert.equal((await as.viewer.get(path)).status, 403);
  assert.equal((await as.club.get(`/clubs/${club.b.id}/entries/${eid}`)).status, 404, 'an entry through another club');
  assert.equal((await as.admin.get(`/clubs/${club.b.id}/entries/${eid}`)).status, 404, 'an entry belongs to its club');
  assert.equal((await as.admin.get(`/clubs/${club.a.id}/entries/999999`)).status, 404);

  let r = keep('receipt', await as.club.get(`${path}/print`));
  assert.equal(r.status, 200);
  assert.match(r.text, /PHIẾU THU/);
  assert.match(r.text, /Năm mươi nghìn đồng chẵn/);
  assert.match(r.text, /Họ và tên người nộp tiền/);
  for (const who of ['CHỦ NHIỆM', 'KẾ TOÁN', 'NGƯỜI NỘP TIỀN', 'NGƯỜI LẬP PHIẾU', 'THỦ QUỸ']) assert.match(r.text, new RegExp(`>${who}<`));
  assert.match(r.text, /Nguyễn Thị Mai/, 'the chair is named');
  assert.match(r.text, /class="paper voucher"/);
  assert.equal((await as.viewer.get(`${path}/print`)).status, 403);
  assert.equal((await as.province.get(`/clubs/${club.hn.id}/entries/${eid}/print`)).status, 404);

  const before = await balance('income');
  r = keep('reverse-bad', await as.club.postForm(`${path}/reverse`, { reason: '', date: dmy(today) }));
  refusedForm(r, 422, 'reason', '');
  refusedForm(await as.club.postForm(`${path}/reverse`, { reason: 'Ghi nhầm', date: dmy(tomorrow) }), 422, 'date', dmy(tomorrow));
  assert.equal((await as.central.postForm(`${path}/reverse`, { reason: 'x' })).status, 403);
  assert.equal((await as.viewer.postForm(`${path}/reverse`, { reason: 'x' })).status, 403);
  assert.equal(await balance('income'), before);
  r = await as.club.postForm(`${path}/reverse`, { reason: 'Ghi nhầm người nộp', date: dmy(today) });
  assert.equal(r.status, 303, r.text.slice(0, 400));
  const rev = keep('reversal', await as.club.get(r.headers.get('location')));
  assert.match(rev.text, /Đã ghi phiếu đảo/);
  assert.match(rev.text, /<h1>Phiếu chi PC-\d+<\/h1>/);
  assert.equal(await balance('income'), before - 50000);
  r = keep('reversed', await as.club.get(path));
  assert.match(r.text, /Đã bị đảo bởi/);
  assert.doesNotMatch(r.text, /Đảo phiếu này/);
  r = await as.club.postForm(`${path}/reverse`, { reason: 'Lần nữa', date: dmy(today) });
  assert.equal(r.status, 409);
  assert.match(r.text, /đã được đảo/);
  assert.equal(await balance('income'), before - 50000);
});

test('the fund book for a period: brought forward, running balances, totals; a bad date kept under its field', async () => {
  const path = `${funds(club.a)}/income/book`;
  for (const name of ['admin', 'central', 'province', 'commune', 'club']) assert.equal((await as[name].get(`${path}?from=${dmy(OPEN)}&to=${dmy(today)}`)).status, 200, name);
  assert.equal((await as.viewer.get(path)).status, 403);
  assert.equal((await as.province.get(`${funds(club.hn)}/income/book`)).status, 404);
  assert.equal((await as.admin.get(`${funds(club.a)}/savings/book`)).status, 404);
  let r = keep('book', await as.club.get(`${path}?from=${dmy(OPEN)}&to=${dmy(today)}`));
  assert.match(r.text, /SỔ QUỸ TIỀN MẶT/);
  assert.match(r.text, /Số dư đầu kỳ/);
  assert.match(r.text, /data-opening="0"/);
  assert.match(r.text, />5\.000\.000</);
  assert.match(r.text, />5\.150\.000</, 'the running balance after the contributions');
  const closing = Number(r.text.match(/data-closing="(\d+)"/)[1]);
  assert.equal(closing, await balance('income'));
  // From after the contributions: they are brought forward.
  r = keep('book-later', await as.club.get(`${path}?from=${dmy(day(2, 6))}&to=${dmy(today)}`));
  assert.match(r.text, /data-opening="5150000"/);
  keep('book-default', await as.club.get(path));
  keep('book-activity', await as.club.get(`${funds(club.a)}/activity/book?from=&to=`));
  r = keep('book-bad', await as.club.get(`${path}?from=32/13/2026&to=${dmy(today)}`));
  refusedForm(r, 422, 'from', '32/13/2026');
  assert.doesNotMatch(r.text, /SỔ QUỸ TIỀN MẶT/);
});

test('loans: the schedule previewed, bad terms kept under their fields, lending, repaying, writing off; the card and the agreement', async () => {
  const path = `/clubs/${club.a.id}/loans/new`;
  for (const name of ['admin', 'province', 'commune', 'club']) assert.equal((await as[name].get(path)).status, 200, name);
  for (const name of ['central', 'viewer']) assert.equal((await as[name].get(path)).status, 403, name);
  assert.equal((await as.commune.get(`/clubs/${club.hn.id}/loans/new`)).status, 404);
  keep('loan-form', await as.club.get(path));
  const good = { member: String(member.cuc.id), principal: '2.000.000', purpose: 'Mua giống gà', rate: '0,5', term: '6', schedule: 'equal', disbursed_on: dmy(day(2, 10)), handled_by: 'Lê Văn Bình' };

  let r = keep('loan-preview', await as.club.postForm(path, { ...good, action: 'preview' }));
  assert.equal(r.status, 200, r.text.slice(0, 400));
  assert.match(r.text, /Lịch trả nợ dự kiến/);
  assert.match(r.text, /10\.000 đ/, 'the first month\'s interest: 0,5 % of 2.000.000');
  assert.match(r.text, /333\.333 đ/);
  assert.match(r.text, /333\.335 đ/, 'the remainder in the last instalment');
  assert.match(inputOf(r.text, 'principal'), /value="2.000.000"/);
  assert.match(r.text, /trừ vào lãi đến hạn trước/, 'the interest rule is on the page');
  r = keep('loan-preview-bad', await as.club.postForm(path, { ...good, term: '0', action: 'preview' }));
  refusedForm(r, 422, 'term', '0');
  assert.doesNotMatch(r.text, /id="plan-h"/);
  refusedForm(await as.club.postForm(path, { ...good, rate: '9', action: 'lend' }), 422, 'rate', '9');
  refusedForm(await as.club.postForm(path, { ...good, principal: '0', action: 'lend' }), 422, 'principal', '0');
  refusedForm(await as.club.postForm(path, { ...good, principal: '90.000.000', action: 'lend' }), 422, 'principal', '90.000.000', /Quỹ không đủ tiền/);
  refusedForm(await as.club.postForm(path, { ...good, member: String(member.dung.id), action: 'lend' }), 422, 'member', undefined, /không phải thành viên/);
  refusedForm(await as.club.postForm(path, { ...good, disbursed_on: dmy(tomorrow), action: 'lend' }), 422, 'disbursed_on', dmy(tomorrow));
  const cash = await balance('income');
  assert.equal((await as.central.postForm(path, { ...good, action: 'lend' })).status, 403);
  assert.equal((await as.province.postForm(`/clubs/${club.hn.id}/loans/new`, { ...good, action: 'lend' })).status, 404);
  assert.equal(await balance('income'), cash, 'nothing lent');

  r = await as.club.postForm(path, { ...good, action: 'lend' });
  assert.equal(r.status, 303, r.text.slice(0, 400));
  const loan = r.headers.get('location').split('?')[0];
  assert.match(loan, new RegExp(`^/clubs/${club.a.id}/loans/\\d+$`));
  assert.equal(await balance('income'), cash - 2000000);
  r = keep('loan-lent', await as.club.get(`${loan}?lent=1`));
  assert.match(r.text, /Đã ghi khoản vay/);
  assert.match(r.text, /In phiếu chi/);
  assert.match(r.text, /Trần Thị Cúc/);
  assert.match(r.text, /data-outstanding="2000000"/);
  for (const name of ['admin', 'central', 'province', 'commune', 'club']) {
    const x = keep(`loan-${name}`, await as[name].get(loan));
    assert.equal(x.status, 200, name);
    assert.equal(/Ghi trả nợ/.test(x.text), name !== 'central', `${name}: the repay form`);
  }
  assert.equal((await as.viewer.get(loan)).status, 403);
  assert.equal((await as.club.get(loan.replace(`/clubs/${club.a.id}/`, `/clubs/${club.b.id}/`))).status, 404);
  // The fund page lists it.
  assert.match((await as.club.get(funds(club.a))).text, /KV-0001[\s\S]*Trần Thị Cúc/);

  // Repayments: more than is owed is refused; then the first instalment with its interest.
  r = keep('repay-over', await as.club.postForm(`${loan}/repay`, { date: dmy(today), amount: '9.000.000', handled_by: 'Lê Văn Bình' }));
  refusedForm(r, 422, 'repay-amount', '9.000.000');
  assert.equal(msgOf(r.text, 'repay-amount').startsWith('Số tiền trả nhiều hơn'), true);
  refusedForm(await as.club.postForm(`${loan}/repay`, { date: dmy(day(2, 9)), amount: '100.000', handled_by: 'Lê Văn Bình' }), 422, 'repay-date', dmy(day(2, 9)));
  refusedForm(await as.club.postForm(`${loan}/repay`, { date: dmy(today), amount: '-1', handled_by: 'Lê Văn Bình' }), 422, 'repay-amount', '-1');
  assert.equal((await as.central.postForm(`${loan}/repay`, { date: dmy(today), amount: '1' })).status, 403);
  assert.equal((await as.viewer.postForm(`${loan}/repay`, { date: dmy(today), amount: '1' })).status, 403);
  r = await as.club.postForm(`${loan}/repay`, { date: dmy(day(1, 10)), amount: '343.333', handled_by: 'Lê Văn Bình' });
  assert.equal(r.status, 303, r.text.slice(0, 400));
  assert.match(r.headers.get('location'), /\?paid=\d+$/);
  r = keep('loan-paid', await as.club.get(r.headers.get('location')));
  assert.match(r.text, /Đã ghi trả nợ: lãi 10\.000 đ, gốc 333\.333 đ/);
  assert.match(r.text, /In phiếu thu gốc/);
  assert.match(r.text, /data-outstanding="1666667"/);

  // Write-off: a reason and a second board member.
  r = keep('wo-bad', await as.club.postForm(`${loan}/write-off`, { date: dmy(today), reason: 'Thiên tai', confirmed_by: '' }));
  refusedForm(r, 422, 'wo-confirmed_by');
  assert.match(r.text, /<details open>/);
  assert.match(inputOf(r.text, 'wo-reason'), /value="Thiên tai"/);
  refusedForm(await as.club.postForm(`${loan}/write-off`, { date: dmy(today), reason: 'Thiên tai', confirmed_by: String(member.dung.id) }), 422, 'wo-confirmed_by');
  refusedForm(await as.club.postForm(`${loan}/write-off`, { date: dmy(today), reason: '', confirmed_by: String(member.mai.id) }), 422, 'wo-reason', '');
  assert.equal((await as.central.postForm(`${loan}/write-off`, { reason: 'x' })).status, 403);

  // The papers, before the write-off closes it.
  for (const paper of ['card', 'agreement']) {
    for (const name of ['admin', 'central', 'province', 'commune', 'club']) assert.equal((await as[name].get(`${loan}/${paper}`)).status, 200, `${name} ${paper}`);
    assert.equal((await as.viewer.get(`${loan}/${paper}`)).status, 403);
    assert.equal((await as.club.get(`${loan.replace(`/clubs/${club.a.id}/`, `/clubs/${club.b.id}/`)}/${paper}`)).status, 404);
  }
  r = keep('loan-card', await as.club.get(`${loan}/card`));
  assert.match(r.text, /THẺ THEO DÕI VAY VỐN/);
  assert.match(r.text, /Hai triệu đồng chẵn/);
  assert.match(r.text, /1\.666\.667 đ/, 'the balance after the payment');
  r = keep('loan-agreement', await as.club.get(`${loan}/agreement`));
  assert.match(r.text, /HỢP ĐỒNG VAY VỐN/);
  assert.match(r.text, /Mua giống gà/);
  assert.match(r.text, /ĐẠI DIỆN BÊN CHO VAY/);

  r = await as.club.postForm(`${loan}/write-off`, { date: dmy(today), reason: 'Thiên tai mất trắng', confirmed_by: String(member.mai.id) });
  assert.equal(r.status, 303, r.text.slice(0, 400));
  r = keep('loan-written-off', await as.club.get(r.headers.get('location')));
  assert.match(r.text, /Đã xoá nợ phần còn lại/);
  assert.doesNotMatch(r.text, /Ghi trả nợ<\/h2>/);
  assert.equal((await as.club.postForm(`${loan}/repay`, { date: dmy(today), amount: '1.000', handled_by: 'B' })).status, 409);
  keep('funds-all-loans', await as.club.get(`${funds(club.a)}?loans=all`));
});

test('the fund figures of a unit and the country, each ratio with its formula; in scope only', async () => {
  let r = keep('figures-country', await as.admin.get('/funds'));
  assert.equal(r.status, 200);
  assert.match(r.text, /Toàn quốc/);
  assert.match(r.text, /Cách tính/);
  assert.match(r.text, /PAR30/);
  assert.match(r.text, /mục tiêu 50 %/);
  assert.equal((await as.viewer.get('/funds')).status, 200, 'viewers see the figures');
  keep('figures-viewer', await as.viewer.get('/funds'));
  r = await as.province.get('/funds');
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), '/units/38/funds');
  r = keep('figures-province', await as.province.get('/units/38/funds'));
  assert.equal(r.status, 200);
  assert.match(r.text, /Thanh Hóa/);
  r = keep('figures-commune', await as.commune.get('/units/15961/funds'));
  assert.equal(r.status, 200);
  assert.match(r.text, /CLB Phú Thọ/);
  assert.match(r.text, /= \d+ \/ 3</, 'members borrowing of the three on the book, with its formula');
  // The commune's share borrowing counts the members of the clubs keeping their books here (one
  // of its two clubs): its row says 3, not the 4 members of both.
  assert.match(r.text.slice(r.text.indexOf('class="total"')), /= \d+ \/ 3</, 'the members of the club keeping its books');
  r = keep('figures-club', await as.club.get('/units/15961-01/funds'));
  assert.equal(r.status, 200);
  assert.equal((await as.province.get('/units/01/funds')).status, 404);
  assert.equal((await as.club.get('/units/15961-02/funds')).status, 404);
  r = keep('figures-bad-date', await as.admin.get('/funds?date=40/40/2026'));
  refusedForm(r, 422, 'date', '40/40/2026');
});

test('every page visited is valid HTML', () => validateHtml(pages));
