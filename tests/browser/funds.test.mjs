// A new treasurer, on a phone, opens the club's fund books, records a month of members'
// contributions (meeting a mistake, with what she typed kept), lends to two members after looking at
// the schedule, records their repayments the next month, prints a receipt and the fund book on A4,
// and the monthly report of each month shows the fund figures computed from the books, read-only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { browserEnv, clickAndWait, screenshot, screenshotDir, scrollsSideways, where, PHONE, OFFICE } from './browser.mjs';
import { Client, USERS } from '../lib/harness.mjs';

let env;
let club;
const people = [['Nguyễn Thị Hòa', 1952], ['Lê Văn Nam', 1948], ['Trần Thị Lan', 1985], ['Phạm Thị Huệ', 1958], ['Hoàng Văn Sơn', 1960]];
const ids = {};

// Dates in Vietnam (UTC+7): the books open on the first day of the month before last (M2); the
// contributions and both loans are in M2, the repayments in last month (M1).
const vnNow = new Date(Date.now() + 7 * 3600e3);
const iso = (d) => d.toISOString().slice(0, 10);
const day = (back, d) => iso(new Date(Date.UTC(vnNow.getUTCFullYear(), vnNow.getUTCMonth() - back, d)));
const dmy = (s) => `${s.slice(8, 10)}/${s.slice(5, 7)}/${s.slice(0, 4)}`;
const M2 = day(2, 1).slice(0, 7);
const M1 = day(1, 1).slice(0, 7);

before(async () => {
  env = await browserEnv('funds');
  const admin = new Client(env.server.url);
  await admin.login('admin', USERS.admin.password);
  let r = await admin.postJson('/api/v1/clubs', { name: 'CLB Liên thế hệ thôn Phú Khê', unit_code: '15961', status: 'active', founded_on: '2024-03-15' });
  assert.equal(r.status, 201, r.text);
  club = r.json;
  for (const [full_name, birth] of people) {
    r = await admin.postJson(`/api/v1/clubs/${club.id}/members`, { full_name, sex: 'F', birth, joined_on: '2024-04-01' });
    assert.equal(r.status, 201, r.text);
    ids[full_name] = r.json.id;
  }
  for (const [name, role] of [['Nguyễn Thị Hòa', 'chair'], ['Phạm Thị Huệ', 'treasurer'], ['Trần Thị Lan', 'accountant']]) {
    r = await admin.postJson(`/api/v1/clubs/${club.id}/board`, { member_id: ids[name], role, from: '2024-04-01' });
    assert.equal(r.status, 201, r.text);
  }
});
after(async () => { await env?.close(); });

// The PDF's page sizes in points.
function pageBoxes(pdf) {
  return [...pdf.toString('latin1').matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].map((m) => [Number(m[1]), Number(m[2])]);
}
function assertA4Portrait(pdf, what) {
  const boxes = pageBoxes(pdf);
  assert.ok(boxes.length >= 1, `${what}: the PDF has pages`);
  for (const [w, h] of boxes) assert.ok(Math.abs(w - 595.3) < 1 && Math.abs(h - 841.9) < 1, `${what}: an A4 portrait page, not ${w}×${h}`);
}

test('a new treasurer opens the books, records a month, lends twice, records repayments and prints; the report shows the figures', async () => {
  const { page } = await env.newPage({ viewport: PHONE });
  await env.login(page, 'club');
  await clickAndWait(page, page.getByRole('link', { name: /Quỹ và khoản vay/ }));
  assert.equal(where(page), `/clubs/${club.id}/funds`);
  assert.match(await page.locator('main').textContent(), /chưa mở sổ quỹ/);

  // Opening the books.
  await clickAndWait(page, page.getByRole('link', { name: 'Mở sổ quỹ' }));
  assert.equal(await page.getByLabel('Thủ quỹ giữ tiền').inputValue(), 'Phạm Thị Huệ', 'the treasurer on the board, by default');
  await page.getByLabel('Ngày chốt sổ').fill(dmy(day(2, 1)));
  await page.getByLabel('Tiền mặt quỹ tăng thu nhập (đ)').fill('5.000.000');
  await page.getByLabel('Tiền mặt quỹ hoạt động (đ)').fill('1.000.000');
  await screenshot(page, 'funds-open-phone');
  await clickAndWait(page, page.getByRole('button', { name: 'Mở sổ' }));
  assert.equal(where(page), `/clubs/${club.id}/funds?opened=1`);
  assert.match(await page.locator('#h-income + .balance').textContent(), /5\.000\.000 đ/);
  assert.match(await page.locator('#h-activity + .balance').textContent(), /1\.000\.000 đ/);
  assert.equal((await scrollsSideways(page)).sideways, false, 'the fund page fits the phone');

  // A month of contributions, one mistake on the way.
  await clickAndWait(page, page.getByRole('link', { name: 'Ghi phiếu thu / chi' }).first());
  assert.equal(where(page), `/clubs/${club.id}/funds/income/new`);
  let first = true;
  for (const [name] of people) {
    await page.getByLabel('Loại phiếu').selectOption('contribution');
    await page.getByLabel('Ngày', { exact: true }).fill(dmy(day(2, 5)));
    await page.getByLabel('Thành viên nộp hoặc nhận tiền').selectOption({ label: name });
    await page.getByLabel('Diễn giải').fill(`Đóng góp tháng ${M2.slice(5)}/${M2.slice(0, 4)}`);
    if (first) {
      await page.getByLabel('Số tiền (đ)').fill('50.00');
      await clickAndWait(page, page.getByRole('button', { name: 'Lưu và ghi phiếu khác' }));
      assert.match(await page.getByRole('alert').textContent(), /Chưa lưu được/);
      assert.ok(await page.locator('#e-amount').isVisible(), 'the message is under the amount');
      assert.equal(await page.getByLabel('Số tiền (đ)').inputValue(), '50.00', 'what she typed is kept');
      assert.equal(await page.getByLabel('Diễn giải').inputValue(), `Đóng góp tháng ${M2.slice(5)}/${M2.slice(0, 4)}`);
      await screenshot(page, 'funds-entry-mistake-phone');
      first = false;
    }
    await page.getByLabel('Số tiền (đ)').fill('50.000');
    await clickAndWait(page, page.getByRole('button', { name: 'Lưu và ghi phiếu khác' }));
    assert.match(await page.getByRole('status').textContent(), new RegExp(`Đã ghi phiếu PT-\\d+: .*${name}.*50\\.000 đ`));
  }
  assert.equal((await scrollsSideways(page)).sideways, false, 'the entry form fits the phone');
  await screenshot(page, 'funds-entry-phone');

  // Two loans, the first after looking at its schedule.
  await page.goto(`/clubs/${club.id}/funds`);
  assert.match(await page.locator('#h-income + .balance').textContent(), /5\.250\.000 đ/);
  await clickAndWait(page, page.getByRole('link', { name: 'Cho vay', exact: true }));
  const lend = async (name, birth, principal, rate, term, schedule, on, preview) => {
    await page.getByLabel('Thành viên vay').selectOption({ label: `${name}, ${birth}` });
    await page.getByLabel('Số tiền vay (đ)').fill(principal);
    await page.getByLabel('Mục đích vay').fill('Chăn nuôi gà');
    await page.getByLabel('Lãi suất (% một tháng)').fill(rate);
    await page.getByLabel('Thời hạn (tháng)').fill(term);
    await page.getByLabel('Cách trả gốc').selectOption(schedule);
    await page.getByLabel('Ngày giải ngân').fill(on);
    if (preview) {
      await clickAndWait(page, page.getByRole('button', { name: 'Xem lịch trả nợ' }));
      const plan = page.locator('section.preview table tbody tr');
      assert.equal(await plan.count(), Number(term) + 1, 'each instalment and the total');
      assert.match(await plan.first().textContent(), /333\.333 đ.*10\.000 đ/);
      await screenshot(page, 'funds-loan-preview-phone');
      assert.equal(await page.getByLabel('Số tiền vay (đ)').inputValue(), principal, 'the form keeps what was typed');
    }
    await clickAndWait(page, page.getByRole('button', { name: 'Cho vay', exact: true }));
    assert.match(where(page), new RegExp(`^/clubs/${club.id}/loans/\\d+\\?lent=1$`));
    assert.match(await page.getByRole('status').textContent(), /Đã ghi khoản vay/);
    return where(page).split('?')[0];
  };
  const loan1 = await lend('Lê Văn Nam', 1948, '2.000.000', '0,5', '6', 'equal', dmy(day(2, 10)), true);
  assert.match(await page.locator('main').textContent(), /trừ vào lãi đến hạn trước/, 'the interest rule is on the page');
  await screenshot(page, 'funds-loan-phone');
  await page.goto(`/clubs/${club.id}/loans/new`);
  const loan2 = await lend('Hoàng Văn Sơn', 1960, '1.500.000', '0', '3', 'end', dmy(day(2, 12)), false);

  // Their repayments, last month: the first instalment with its interest, and an early payment.
  const repay = async (loan, on, amount, said) => {
    await page.goto(loan);
    await page.getByLabel('Ngày trả').fill(on);
    await page.getByLabel('Số tiền trả (đ)').fill(amount);
    await clickAndWait(page, page.getByRole('button', { name: 'Ghi trả nợ' }));
    assert.match(await page.getByRole('status').textContent(), said);
  };
  await repay(loan1, dmy(day(1, 10)), '343.333', /lãi 10\.000 đ, gốc 333\.333 đ/);
  await repay(loan2, dmy(day(1, 12)), '500.000', /lãi 0 đ, gốc 500\.000 đ/);
  assert.equal((await scrollsSideways(page)).sideways, false, 'the loan page fits the phone');
  await page.goto(`/clubs/${club.id}/funds`);
  assert.match(await page.locator('#h-income + .balance').textContent(), /2\.593\.333 đ/);
  const loans = page.locator('table.stack tbody tr', { hasText: 'KV-' });
  assert.equal(await loans.count(), 2);
  await screenshot(page, 'funds-page-phone');

  // The month's reports: the fund figures computed from the books, not typed.
  const figures = async (period, want) => {
    await page.goto(`/clubs/${club.id}/reports/${period}`);
    for (const [code, value] of Object.entries(want)) {
      assert.equal(await page.locator(`input[name="v_${code}"]`).count(), 0, `${period} ${code} is not typed`);
      assert.equal(await page.locator(`[data-code="${code}"][data-value]`).first().getAttribute('data-value'), String(value), `${period} ${code}`);
    }
  };
  await figures(M2, { INC_LOANS_N: 2, INC_LOANS_VND: 3500000, INC_REPAID_VND: 0, INC_OUTSTANDING: 3500000, INC_BORROWERS: 2, INC_FUND_VND: 5250000, ACT_FUND_VND: 1000000 });
  await screenshot(page, 'funds-report-phone');
  await figures(M1, { INC_LOANS_N: 0, INC_REPAID_VND: 833333, INC_INTEREST_VND: 10000, INC_OUTSTANDING: 2666667, INC_BORROWERS: 2, INC_PAR30_VND: 0, INC_FUND_VND: 5260000 });
});

test('the treasurer prints a receipt and the fund book on A4', async () => {
  const { page } = await env.newPage({ viewport: OFFICE });
  await env.login(page, 'club');
  await page.goto(`/clubs/${club.id}/funds`);
  await clickAndWait(page, page.locator('table', { hasText: 'phiếu gần đây' }).first().getByRole('link', { name: /^PT-/ }).first());
  await clickAndWait(page, page.getByRole('link', { name: 'In phiếu thu' }));
  const receipt = page.locator('article.paper');
  assert.equal(await receipt.locator('h2').textContent(), 'PHIẾU THU');
  // The newest receipt: Hoàng Văn Sơn's early repayment.
  assert.match(await receipt.locator('.words').textContent(), /^Năm trăm nghìn đồng chẵn$/);
  assert.match(await receipt.textContent(), /Hoàng Văn Sơn/);
  for (const who of ['CHỦ NHIỆM', 'KẾ TOÁN', 'NGƯỜI NỘP TIỀN', 'NGƯỜI LẬP PHIẾU', 'THỦ QUỸ']) assert.equal(await receipt.getByText(who, { exact: true }).count(), 1, who);
  assert.match(await receipt.locator('.dateline').textContent(), /^Hoằng Lộc, ngày \d+ tháng \d+ năm \d{4}$/);
  await screenshot(page, 'funds-receipt');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('header.top').isVisible(), false, 'no navigation on paper');
  assert.equal(await page.locator('.book-tools').isVisible(), false);
  let pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  writeFileSync(join(screenshotDir(), 'funds-receipt.pdf'), pdf);
  assertA4Portrait(pdf, 'the receipt');
  assert.equal(pageBoxes(pdf).length, 1, 'a receipt is one page');
  await page.emulateMedia({ media: 'screen' });

  await page.goto(`/clubs/${club.id}/funds`);
  await clickAndWait(page, page.getByRole('link', { name: 'Sổ quỹ (in)' }).first());
  await page.getByLabel('Từ ngày').fill(dmy(day(2, 1)));
  await page.getByLabel('Đến ngày').fill(dmy(day(1, 28)));
  await clickAndWait(page, page.getByRole('button', { name: 'Xem' }));
  const book = page.locator('article.paper');
  assert.equal(await book.locator('h2').textContent(), 'SỔ QUỸ TIỀN MẶT');
  // Opening, five contributions, two loans, two repayments and one interest entry.
  assert.equal(await book.locator('tbody tr').count(), 1 + 1 + 5 + 2 + 3);
  assert.equal(await book.locator('[data-closing]').getAttribute('data-closing'), '2593333');
  assert.match(await book.locator('tbody tr').last().textContent(), /2\.593\.333/, 'the running balance of the last line');
  await screenshot(page, 'funds-book');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('form').first().isVisible(), false, 'the period form is not printed');
  pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  writeFileSync(join(screenshotDir(), 'funds-book.pdf'), pdf);
  assertA4Portrait(pdf, 'the fund book');

  // The loan card and the agreement print on A4 too.
  await page.emulateMedia({ media: 'screen' });
  await page.goto(`/clubs/${club.id}/funds`);
  await clickAndWait(page, page.getByRole('link', { name: 'KV-0001' }));
  for (const [link, title, file] of [['Thẻ vay vốn (in)', 'THẺ THEO DÕI VAY VỐN', 'funds-card'], ['Hợp đồng vay (in)', 'HỢP ĐỒNG VAY VỐN', 'funds-agreement']]) {
    const back = where(page);
    await clickAndWait(page, page.getByRole('link', { name: link }));
    assert.equal(await page.locator('article.paper h2').first().textContent(), title);
    await screenshot(page, file);
    await page.emulateMedia({ media: 'print' });
    pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    writeFileSync(join(screenshotDir(), `${file}.pdf`), pdf);
    assertA4Portrait(pdf, title);
    await page.emulateMedia({ media: 'screen' });
    await page.goto(back);
  }
});

test('the commune officer sees the fund figures of the commune, each with its formula', async () => {
  const { page } = await env.newPage({ viewport: PHONE });
  await env.login(page, 'commune');
  await clickAndWait(page, page.getByRole('link', { name: /Quỹ và vốn vay/ }));
  assert.equal(where(page), '/units/15961/funds');
  const row = page.locator('table.stack tbody tr', { hasText: 'CLB Liên thế hệ thôn Phú Khê' });
  assert.match(await row.textContent(), /40,0 %= 2 \/ 5/, 'two of five members borrowing, with the formula');
  assert.equal((await scrollsSideways(page)).sideways, false, 'the figures fit the phone');
  await screenshot(page, 'funds-figures-phone');
});

test('every page visited is valid HTML', async () => { await env.validate(); });
