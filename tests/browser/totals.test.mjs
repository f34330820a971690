// The totals pages as people use them: a commune officer on a phone and a province officer at the
// office open the overview from the home page, choose months, geography and indicators in the form
// (no script needed), follow a row to its own overview, look at the trend chart and the reporting
// rate. Screenshots at 360 and 1366 pixels wide; every page is checked as valid HTML.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Client, USERS } from '../lib/harness.mjs';
import { browserEnv, clickAndWait, screenshot, scrollsSideways, where, PHONE, OFFICE } from './browser.mjs';

let env;
before(async () => {
  env = await browserEnv('totals');
  const admin = new Client(env.server.url);
  await admin.login('admin', USERS.admin.password);
  const put = (path, body) => admin.request('PUT', path, { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
  const clubs = [['CLB Hoằng Thành', '15961', '2024-03-15'], ['CLB Hoằng Lộc mới', '15961', '2025-08-01'], ['CLB Hàm Rồng', '14758', '2025-09-01']];
  const people = [['Lê Thị Lan', 'F', 1950], ['Trần Thị Mai', 'F', 1985], ['Phạm Văn Nam', 'M', 1955], ['Đỗ Thị Hoa', 'F', 1960]];
  const family = ['Nguyễn', 'Hoàng', 'Vũ'];
  for (const [i, [name, unit_code, founded_on]] of clubs.entries()) {
    const c = (await admin.postJson('/api/v1/clubs', { name, unit_code, founded_on, status: 'active' })).json;
    for (const [full_name, sex, birth] of people.slice(0, 2 + i)) {
      const r = await admin.postJson(`/api/v1/clubs/${c.id}/members`, { full_name: `${family[i]} ${full_name}`, sex, birth, joined_on: '2025-10-01' });
      assert.equal(r.status, 201, r.text);
    }
    for (const [k, period] of ['2026-01', '2026-02', '2026-03'].entries()) {
      const r = await put(`/api/v1/clubs/${c.id}/reports/${period}`, { values: { HEA_CHECKS: 2 + k + i, INC_BORROWERS: i ? 1 : 2 } });
      assert.equal(r.status, 200, r.text);
      if (i < 2) assert.equal((await admin.postJson(`/api/v1/clubs/${c.id}/reports/${period}/submit`, {})).status, 200);
    }
  }
});
after(async () => { await env?.close(); });

test('a commune officer on a phone opens the overview from the home page and chooses the months', async () => {
  const { page } = await env.newPage({ viewport: PHONE });
  await env.login(page, 'commune');
  await clickAndWait(page, page.getByRole('link', { name: /Tổng hợp số liệu báo cáo/ }));
  assert.equal(where(page), '/reports/overview');
  await page.getByLabel('Từ tháng').fill('2026-01');
  await page.getByLabel('Đến tháng').fill('2026-03');
  await clickAndWait(page, page.getByRole('button', { name: 'Xem' }));
  assert.match(where(page), /from=2026-01&to=2026-03/);
  const table = page.getByRole('table');
  assert.match(await table.textContent(), /CLB Hoằng Thành/);
  assert.match(await table.locator('tr.total').textContent(), /Tổng/);
  assert.equal((await scrollsSideways(page)).sideways, false, 'the phone page does not scroll sideways');
  await screenshot(page, 'totals-overview-commune-360');

  // Another set of columns, chosen with the checkboxes.
  await page.getByText(/Chọn chỉ tiêu/).click();
  await page.getByLabel('Lượt khám/kiểm tra sức khỏe').check();
  await page.getByLabel('Dư nợ cuối tháng').uncheck();
  await clickAndWait(page, page.getByRole('button', { name: 'Xem' }));
  assert.match(where(page), /indicators=.*HEA_CHECKS/);
  assert.match(await page.getByRole('table').textContent(), /Lượt khám\/kiểm tra sức khỏe/);

  // The trend of the same unit, as a chart and a table.
  await clickAndWait(page, page.getByRole('link', { name: 'Diễn biến theo thời gian' }));
  await page.getByLabel('Chỉ tiêu', { exact: true }).selectOption('HEA_CHECKS');
  await page.getByRole('textbox', { name: 'Từ tháng' }).fill('2026-01');
  await page.getByRole('textbox', { name: 'Đến tháng' }).fill('2026-03');
  await clickAndWait(page, page.getByRole('button', { name: 'Xem' }));
  const chart = page.getByRole('img', { name: /Lượt khám\/kiểm tra sức khỏe/ });
  assert.equal(await chart.count(), 1);
  assert.equal((await scrollsSideways(page)).sideways, false);
  await screenshot(page, 'totals-trend-commune-360');

  await clickAndWait(page, page.getByRole('link', { name: 'Tỷ lệ báo cáo' }));
  assert.match(await page.getByRole('table').textContent(), /CLB phải báo cáo/);
  assert.equal((await scrollsSideways(page)).sideways, false);
  await screenshot(page, 'totals-rate-commune-360');
});

test('a province officer at the office: both geographies, drafts counted, a commune row opens its own overview', async () => {
  const { page } = await env.newPage({ viewport: OFFICE });
  await env.login(page, 'province');
  await page.goto('/reports/overview?from=2026-03&to=2026-03');
  assert.match(await page.getByRole('heading', { level: 2 }).textContent(), /Thanh Hóa/);
  assert.match(await page.locator('tr.total').textContent(), /Tổng/);
  await screenshot(page, 'totals-overview-province-1366');
  await page.getByLabel('Báo cáo được tính').selectOption('all');
  await page.getByLabel('Địa giới').selectOption('then');
  await clickAndWait(page, page.getByRole('button', { name: 'Xem' }));
  assert.match(where(page), /geography=then&status=all/);
  assert.match(await page.getByRole('table').textContent(), /Phường Hàm Rồng/);
  await clickAndWait(page, page.getByRole('link', { name: 'Xã Hoằng Lộc' }));
  assert.match(where(page), /unit=15961/);
  assert.match(await page.getByRole('heading', { level: 2 }).textContent(), /Xã Hoằng Lộc/);
  await clickAndWait(page, page.getByRole('link', { name: /Lên cấp trên/ }));
  assert.match(where(page), /unit=38/);
  await page.goto('/reports/trend?unit=38&indicator=R_BORROW&from=2026-01&to=2026-03');
  await screenshot(page, 'totals-trend-province-1366');
  await page.goto('/reports/rate?unit=38&period=2026-03');
  await screenshot(page, 'totals-rate-province-1366');
  // A mistake in the address is said next to its field.
  await page.goto('/reports/overview?from=2026-13');
  assert.match(await page.locator('#e-from').textContent(), /Tháng không hợp lệ/);
  await screenshot(page, 'totals-overview-error-1366');
});

test('every totals page visited is valid HTML', async () => {
  assert.ok(await env.validate() >= 8);
});
