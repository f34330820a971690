// A club secretary on a phone enters last month's report, meets a mistake (attendance above the
// members on the book) with what she typed kept, fixes it and submits; the commune officer
// approves it from the commune's list; the province's and the country's totals show it at once, in
// both geographies; the secretary then sees it approved and locked.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { browserEnv, clickAndWait, screenshot, scrollsSideways, where, PHONE, OFFICE } from './browser.mjs';
import { Client, USERS } from '../lib/harness.mjs';

let env;
let club;
let period;
before(async () => {
  env = await browserEnv('reports');
  const admin = new Client(env.server.url);
  await admin.login('admin', USERS.admin.password);
  let r = await admin.postJson('/api/v1/clubs', { name: 'CLB Liên thế hệ thôn Phú Khê', unit_code: '15961', status: 'active', founded_on: '2024-03-15' });
  assert.equal(r.status, 201, r.text);
  club = r.json;
  for (const [full_name, birth] of [['Nguyễn Thị Hòa', 1952], ['Lê Văn Nam', 1948], ['Trần Thị Lan', 1985]]) {
    r = await admin.postJson(`/api/v1/clubs/${club.id}/members`, { full_name, sex: 'F', birth, joined_on: '2024-04-01' });
    assert.equal(r.status, 201, r.text);
  }
  const now = new Date();
  const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  period = `${last.getUTCFullYear()}-${String(last.getUTCMonth() + 1).padStart(2, '0')}`;
});
after(async () => { await env?.close(); });

const monthWords = () => `${period.slice(5)}/${period.slice(0, 4)}`;

test('a club secretary on a phone enters last month, fixes a mistake and submits; the commune approves; it is locked', async () => {
  const { page } = await env.newPage({ viewport: PHONE });
  await env.login(page, 'club');
  await page.goto(`/clubs/${club.id}`);
  await clickAndWait(page, page.getByRole('link', { name: 'Báo cáo tháng', exact: true }));
  assert.equal(where(page), `/clubs/${club.id}/reports`);
  await clickAndWait(page, page.getByRole('link', { name: `Báo cáo tháng trước (${monthWords()})` }));
  assert.equal(where(page), `/clubs/${club.id}/reports/${period}`);
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), `Báo cáo tháng ${monthWords()}`);
  assert.equal((await scrollsSideways(page)).sideways, false, 'the form fits the phone');
  // The member figures come from the book and are not typed.
  assert.match(await page.locator('.field.computed', { hasText: 'Tổng số thành viên' }).textContent(), /3 tính từ sổ thành viên/);

  await page.getByLabel('Có họp CLB định kỳ tháng').selectOption('1');
  await page.getByLabel('Số thành viên dự họp', { exact: true }).fill('45');
  // Told while typing (app.js), before anything is sent.
  assert.match(await page.locator('.live-msg').first().textContent(), /Số thành viên dự họp \(45\) không được lớn hơn Tổng số thành viên \(3\)/);
  await page.getByLabel('Buổi truyền thông sức khỏe').fill('2');
  await page.getByLabel('Nguồn lực vận động bằng tiền').fill('1.250.000');
  await screenshot(page, 'report-phone-typing');
  await clickAndWait(page, page.getByRole('button', { name: 'Nộp báo cáo' }));
  assert.match(await page.getByRole('alert').first().textContent(), /Chưa lưu: báo cáo có 1 lỗi/);
  assert.equal(await page.locator('#e-MEET_ATTEND').textContent(), 'Số thành viên dự họp (45) không được lớn hơn Tổng số thành viên (3)');
  const attend = page.getByLabel('Số thành viên dự họp', { exact: true });
  assert.equal(await attend.inputValue(), '45', 'what she typed is kept');
  assert.equal(await attend.getAttribute('aria-invalid'), 'true');
  assert.equal(await page.getByLabel('Buổi truyền thông sức khỏe').inputValue(), '2');
  assert.equal(await page.getByLabel('Nguồn lực vận động bằng tiền').inputValue(), '1.250.000');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'f-MEET_ATTEND', 'the field at fault has the focus');
  await screenshot(page, 'report-phone-error');

  await attend.fill('3');
  assert.equal(await page.locator('.live-msg').count(), 0);
  await clickAndWait(page, page.getByRole('button', { name: 'Nộp báo cáo' }));
  assert.equal(where(page), `/clubs/${club.id}/reports/${period}?done=submitted`);
  assert.match(await page.getByRole('status').first().textContent(), /Đã nộp báo cáo/);
  assert.equal(await page.locator('.report-status .status').textContent(), 'Đã nộp');
  assert.equal(await page.locator('input[name^="v_"]').count(), 0, 'a submitted month is not typed');
  await screenshot(page, 'report-phone-submitted');

  // The province officer sees it in the province's totals of submitted reports, not yet in the
  // approved ones.
  const province = (await env.newPage({ viewport: OFFICE })).page;
  await env.login(province, 'province');
  const overview = (geography, status) =>
    `/reports/overview?unit=38&from=${period}&to=${period}&indicators=MEET_ATTEND,HEA_TALKS&geography=${geography}&status=${status}`;
  const rowText = async (pg, name) =>
    (await pg.locator('tr', { hasText: name }).first().locator('th, td').allInnerTexts()).map((x) => x.replace(/\s+/g, ' ').trim()).join(' | ');
  await province.goto(overview('today', 'submitted'));
  assert.match(await rowText(province, 'Xã Hoằng Lộc'), /Xã Hoằng Lộc.*\| 3 \| 2$/);
  await province.goto(overview('today', 'approved'));
  assert.equal(await province.locator('tr', { hasText: 'Xã Hoằng Lộc' }).count(), 0, 'no approved figures yet');

  // The commune officer finds it in the commune's list and approves it.
  const officer = (await env.newPage({ viewport: OFFICE })).page;
  await env.login(officer, 'commune');
  await officer.goto(`/units/15961/reports/${period}`);
  await screenshot(officer, 'report-inbox-office');
  const row = officer.locator('tr', { hasText: 'CLB Liên thế hệ thôn Phú Khê' });
  assert.match(await row.textContent(), /Đã nộp/);
  await clickAndWait(officer, row.getByRole('link', { name: 'Xem và duyệt' }));
  assert.equal(where(officer), `/clubs/${club.id}/reports/${period}`);
  assert.match(await officer.locator('.report').textContent(), /1\.250\.000 đ/);
  await clickAndWait(officer, officer.getByRole('button', { name: 'Duyệt báo cáo' }));
  assert.match(await officer.getByRole('status').first().textContent(), /Đã duyệt báo cáo/);
  await officer.goto(`/units/15961/reports/${period}/grid`);
  await screenshot(officer, 'report-grid-office');

  // At once, the approved month is in the province's and the country's totals, in both geographies.
  for (const geography of ['today', 'then']) {
    await province.goto(overview(geography, 'approved'));
    assert.match(await rowText(province, 'Xã Hoằng Lộc'), /Xã Hoằng Lộc.*\| 3 \| 2$/, geography);
    assert.match(await rowText(province, 'Tổng'), /Tổng.*\| 3 \| 2$/, geography);
  }
  await screenshot(province, 'report-province-overview');
  const central = (await env.newPage({ viewport: OFFICE })).page;
  await env.login(central, 'central');
  for (const geography of ['today', 'then']) {
    await central.goto(`/reports/overview?from=${period}&to=${period}&indicators=MEET_ATTEND,HEA_TALKS&geography=${geography}&status=approved`);
    assert.match(await rowText(central, 'Thanh Hóa'), /Thanh Hóa.*\| 3 \| 2$/, geography);
    assert.match(await rowText(central, 'Tổng'), /Tổng.*\| 3 \| 2$/, geography);
  }
  await screenshot(central, 'report-national-overview');

  // The secretary sees it approved and locked.
  await page.reload();
  assert.equal(await page.locator('.report-status .status').textContent(), 'Đã duyệt');
  assert.match(await page.locator('p.locked').textContent(), /đã duyệt và được khóa/);
  assert.equal(await page.getByRole('button', { name: 'Nộp báo cáo' }).count(), 0);
  assert.equal(await page.getByRole('button', { name: 'Lưu nháp' }).count(), 0);
  await screenshot(page, 'report-phone-approved');
  await page.goto(`/clubs/${club.id}/reports`);
  assert.match(await page.locator('tbody tr').first().textContent(), /Đã duyệt/);
  await screenshot(page, 'report-phone-months');

  // The commune grid on a phone scrolls inside its box, not the page.
  const phoneOfficer = (await env.newPage({ viewport: PHONE })).page;
  await env.login(phoneOfficer, 'commune');
  await phoneOfficer.goto(`/units/15961/reports/${period}/grid`);
  assert.equal((await scrollsSideways(phoneOfficer)).sideways, false);
  await screenshot(phoneOfficer, 'report-grid-phone');
  await phoneOfficer.goto(`/units/15961/reports/${period}`);
  assert.equal((await scrollsSideways(phoneOfficer)).sideways, false);
  await screenshot(phoneOfficer, 'report-inbox-phone');
});

test('every page visited is valid HTML', async () => {
  assert.ok(await env.validate() >= 8);
});
