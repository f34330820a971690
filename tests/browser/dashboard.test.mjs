// The dashboard as the central board uses it: from the home page, switch between "as organised
// then" and "today's units" for 2021, see the map restated to today's provinces, and follow a
// figure to the table behind it. Screenshots at 360 and 1366 pixels wide; every page valid HTML.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Client, USERS } from '../lib/harness.mjs';
import { browserEnv, clickAndWait, screenshot, scrollsSideways, where, PHONE, OFFICE } from './browser.mjs';

let env;
before(async () => {
  env = await browserEnv('dashboard');
  const admin = new Client(env.server.url);
  await admin.login('admin', USERS.admin.password);
  const put = (path, body) => admin.request('PUT', path, { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
  // A club of Xã Hoằng Lộc (Thanh Hóa) reporting through 2021, and one in Hà Nội.
  for (const [name, unit_code, family] of [['CLB Hoằng Lộc', '15961', 'Nguyễn'], ['CLB Ba Đình', '00004', 'Trần']]) {
    const c = (await admin.postJson('/api/v1/clubs', { name, unit_code, founded_on: '2020-06-01', status: 'active' })).json;
    for (const [given, sex, birth] of [['Thị Lan', 'F', 1950], ['Văn Nam', 'M', 1955], ['Thị Hoa', 'F', 1990]]) {
      const r = await admin.postJson(`/api/v1/clubs/${c.id}/members`, { full_name: `${family} ${given}`, sex, birth, joined_on: '2020-06-01' });
      assert.equal(r.status, 201, r.text);
    }
    for (const period of ['2021-05', '2021-06', '2021-12']) {
      const r = await put(`/api/v1/clubs/${c.id}/reports/${period}`, { values: { HEA_CHECKS: 2, INC_BORROWERS: 1 } });
      assert.equal(r.status, 200, r.text);
      assert.equal((await admin.postJson(`/api/v1/clubs/${c.id}/reports/${period}/submit`, {})).status, 200);
    }
  }
});
after(async () => { await env?.close(); });

test('central at the office: 2021 as organised then and in today\'s units, then a figure\'s table', async () => {
  const { page } = await env.newPage({ viewport: OFFICE });
  await env.login(page, 'central');
  await clickAndWait(page, page.getByRole('link', { name: 'Bảng điều khiển' }));
  assert.equal(where(page), '/dashboard');
  await page.getByRole('textbox', { name: 'Năm' }).fill('2021');
  await page.getByRole('combobox', { name: 'Địa giới' }).selectOption('then');
  await clickAndWait(page, page.getByRole('button', { name: 'Xem', exact: true }));
  assert.match(where(page), /year=2021&geography=then/);
  assert.match(await page.locator('main > p.note').first().textContent(), /khi đó/);
  // As organised then, 2021 has the 63 provinces: Thanh Hóa and Hà Nội among them.
  const provinces = page.locator('section[aria-labelledby="h-children"] table');
  assert.match(await provinces.textContent(), /Thanh Hóa/);
  assert.equal(await page.locator('#fig-members .value').textContent(), '6');
  // The map is always today's 34 provinces, and says so for 2021.
  const map = page.getByRole('img', { name: /Tổng số thành viên, tháng 12\/2021/ });
  assert.equal(await map.count(), 1);
  assert.equal(await page.locator('svg.map path.province').count(), 34);
  assert.equal(await page.locator('svg.map g.archipelago').count(), 2);
  assert.match(await page.locator('figure.map figcaption').textContent(), /quy đổi theo 34 tỉnh, thành phố hiện nay/);
  await screenshot(page, 'dashboard-central-2021-then-1366');
  // The figures are cards in a grid at the office (the style sheet applies: a block left open
  // above it once made these rules apply only when printing on a narrow page).
  const look = await page.evaluate(() => {
    const grid = getComputedStyle(document.querySelector('.figures'));
    const card = getComputedStyle(document.querySelector('.figure'));
    const value = getComputedStyle(document.querySelector('.figure .value'));
    return { display: grid.display, columns: grid.gridTemplateColumns.split(' ').length, border: card.borderTopWidth, weight: value.fontWeight };
  });
  assert.deepEqual([look.display, look.border, look.weight], ['grid', '1px', '700']);
  assert.ok(look.columns >= 3, `figures side by side at 1366 px: ${look.columns} columns`);
  // The periodic tables' own rules apply on screen too (same kind of slip).
  await page.goto('/tables?from=2021-01&to=2021-12');
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('.table-sheet')).marginTop), '24px');
  await page.goto('/dashboard?year=2021&geography=then');

  await page.getByRole('combobox', { name: 'Địa giới' }).selectOption('today');
  await clickAndWait(page, page.getByRole('button', { name: 'Xem', exact: true }));
  assert.match(where(page), /year=2021&geography=today/);
  assert.match(await page.locator('main > p.note').first().textContent(), /hiện nay/);
  assert.equal(await page.locator('#fig-members .value').textContent(), '6', 'the country is the same in both');
  await screenshot(page, 'dashboard-central-2021-today-1366');

  // The data table of a chart is one click away.
  const details = page.locator('details.data').first();
  await details.locator('summary').click();
  assert.match(await details.locator('table').textContent(), /12\/2021/);

  // A figure leads to the table behind it, with the same figure.
  await clickAndWait(page, page.locator('#fig-members').getByRole('link', { name: 'Bảng tổng hợp' }));
  assert.equal(where(page), '/reports/overview?period=2021-12&geography=today');
  assert.match(await page.locator('tr.total').textContent(), /6/);
  await screenshot(page, 'dashboard-central-followed-1366');
});

test('on a phone the dashboard fits the width; a province officer sees Thanh Hóa', async () => {
  const { page } = await env.newPage({ viewport: PHONE });
  await env.login(page, 'central');
  await page.goto('/dashboard?year=2021&geography=today');
  assert.equal((await scrollsSideways(page)).sideways, false, 'the phone page does not scroll sideways');
  await screenshot(page, 'dashboard-central-2021-360');
  const { page: p2 } = await env.newPage({ viewport: PHONE });
  await env.login(p2, 'province');
  await p2.goto('/dashboard?year=2021');
  assert.match(await p2.getByRole('heading', { level: 1 }).textContent(), /Thanh Hóa/);
  assert.equal((await scrollsSideways(p2)).sideways, false);
  await screenshot(p2, 'dashboard-province-2021-360');
});

test('every dashboard page visited is valid HTML', async () => {
  assert.ok(await env.validate() >= 4);
});
