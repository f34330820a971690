// The programme's main flow, as people would do it: the central board sets Thanh Hóa's target for new
// clubs, the province officer records the province's plan and budget (a mistake first), and the
// central board sees the count of provinces with a plan and the progress against the target.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { browserEnv, clickAndWait, screenshot, scrollsSideways, where, PHONE } from './browser.mjs';

let env;
before(async () => { env = await browserEnv('programmes'); });
after(async () => { await env?.close(); });

test('central sets a target, the province records its plan, central sees the count and the progress', async () => {
  const central = (await env.newPage()).page;
  await env.login(central, 'central');
  await clickAndWait(central, central.getByRole('link', { name: 'Đề án và chỉ tiêu' }));
  assert.equal(where(central), '/programmes');
  await clickAndWait(central, central.getByRole('link', { name: /Đề án 1336/ }));
  assert.match(where(central), /^\/programmes\/\d+$/);
  const programmePath = where(central);
  await central.getByLabel('Đơn vị', { exact: true }).nth(1).selectOption('38');
  await central.getByLabel('Chỉ tiêu', { exact: true }).selectOption('new_clubs');
  await central.getByLabel('Mức chỉ tiêu').fill('120');
  await central.getByLabel('Ngày quyết định / điều chỉnh').fill('15/03/2021');
  await clickAndWait(central, central.getByRole('button', { name: 'Lưu chỉ tiêu' }));
  assert.match(where(central), /saved=1/);
  assert.match(await central.locator('#targets + .scroll').textContent(), /Thanh Hóa.*CLB thành lập mới.*120/s);
  await screenshot(central, 'programme-central');

  // The province officer, on a phone: home → plans → their province → the form.
  const province = (await env.newPage({ viewport: PHONE })).page;
  await env.login(province, 'province');
  await clickAndWait(province, province.getByRole('link', { name: 'Kế hoạch của các tỉnh' }));
  assert.match(where(province), /^\/plans/);
  // Today the programme running is Đề án 1648: the officer picks 1336 for the plan of 2021.
  await province.getByLabel('Đề án', { exact: true }).selectOption({ index: 0 });
  await clickAndWait(province, province.getByRole('button', { name: 'Xem' }));
  await clickAndWait(province, province.getByRole('link', { name: 'Thanh Hóa' }));
  await province.getByLabel('UBND tỉnh đã ban hành kế hoạch/đề án').check();
  await province.getByLabel('Số, ký hiệu văn bản').fill('KH 23/KH-UBND');
  await province.getByLabel('Ngày ban hành').fill('12/05/2021');
  await province.getByLabel('Số CLB đăng ký thành lập mới trong giai đoạn').fill('180');
  await province.getByLabel('Kinh phí 5 năm được phê duyệt (đồng)').fill('ba tỷ rưỡi');
  await clickAndWait(province, province.getByRole('button', { name: 'Lưu kế hoạch' }));
  assert.match(await province.locator('#e-budget_vnd').textContent(), /số nguyên/);
  assert.equal(await province.getByLabel('Số, ký hiệu văn bản').inputValue(), 'KH 23/KH-UBND', 'what was typed stays');
  await screenshot(province, 'plan-error-phone');
  await province.getByLabel('Kinh phí 5 năm được phê duyệt (đồng)').fill('3.500.000.000');
  await province.getByLabel('Cơ chế tài chính đã được phê duyệt').check();
  await clickAndWait(province, province.getByRole('button', { name: 'Lưu kế hoạch' }));
  assert.match(await province.getByRole('status').textContent(), /Đã lưu/);
  const side = await scrollsSideways(province);
  assert.ok(!side.sideways, `the plan form fits a phone: ${JSON.stringify(side)}`);

  // Central sees 1/63 for 2021, the budget, and Thanh Hóa's progress against its target.
  await central.goto('/plans?year=2021&programme=' + programmePath.split('/').pop());
  assert.match(await central.locator('ul.cards').textContent(), /1\/63.*180.*3\.500\.000\.000 đ/s);
  await screenshot(central, 'plans-central');
  await clickAndWait(central, central.getByRole('link', { name: 'Thanh Hóa' }));
  await clickAndWait(central, central.getByRole('link', { name: 'Kết quả so với chỉ tiêu của tỉnh' }));
  assert.match(await central.locator('table.stack').first().textContent(), /CLB thành lập mới\s*120/);
  const phone = (await env.newPage({ viewport: PHONE })).page;
  await env.login(phone, 'central');
  await phone.goto('/plans?year=2021');
  await screenshot(phone, 'plans-phone');
  const s2 = await scrollsSideways(phone);
  assert.ok(!s2.sideways, `the plans list fits a phone: ${JSON.stringify(s2)}`);
  assert.ok(await env.validate() > 4);
});
