// A province officer, as a new user would: from the home page to the trainings, records two
// courses (one with a mistake that keeps what she typed), then a monitoring visit of a club with a
// recommendation for the commune; the commune officer finds it among its overdue follow-ups on a
// phone and records it done.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { browserEnv, clickAndWait, scrollsSideways, where, PHONE, OFFICE } from './browser.mjs';
import { Client, USERS } from '../lib/harness.mjs';

let env;
before(async () => {
  env = await browserEnv('work');
  const admin = new Client(env.server.url);
  await admin.login('admin', USERS.admin.password);
  const r = await admin.postJson('/api/v1/clubs', { name: 'CLB Liên thế hệ thôn Phú Khê', unit_code: '15961', status: 'active', founded_on: '2021-03-15' });
  assert.equal(r.status, 201, r.text);
});
after(async () => { await env?.close(); });

test('a province officer records two courses and a visit with a follow-up; the commune closes it on a phone', async () => {
  const { page } = await env.newPage({ viewport: OFFICE });
  await env.login(page, 'province');
  await clickAndWait(page, page.getByRole('link', { name: /Tập huấn, giám sát/ }));
  assert.equal(where(page), '/trainings');
  const course = async (topic, start, end, board, vol) => {
    await page.getByLabel('Nội dung, chủ đề').fill(topic);
    await page.getByLabel('Từ ngày').fill(start);
    await page.getByLabel('Đến ngày').fill(end);
    await page.getByLabel('Số thành viên Ban chủ nhiệm CLB').fill(board);
    await page.getByLabel('Số tình nguyện viên').fill(vol);
    await clickAndWait(page, page.getByRole('button', { name: 'Lưu lớp tập huấn' }));
  };
  await course('Tập huấn Ban chủ nhiệm CLB', '12/05/2021', '10/05/2021', '40', '20');
  assert.match(await page.locator('.field.invalid').first().textContent(), /Ngày kết thúc không được trước ngày bắt đầu/);
  assert.equal(await page.getByLabel('Nội dung, chủ đề').inputValue(), 'Tập huấn Ban chủ nhiệm CLB');
  await page.getByLabel('Đến ngày').fill('13/05/2021');
  await clickAndWait(page, page.getByRole('button', { name: 'Lưu lớp tập huấn' }));
  assert.match(where(page), /^\/trainings\/\d+/);
  await page.goto('/trainings?year=2021');
  await course('Tập huấn tình nguyện viên chăm sóc tại nhà', '02/06/2021', '', '0', '35');
  await page.goto('/trainings?year=2021');
  assert.match(await page.locator('tfoot').textContent(), /Cộng: 1 tỉnh/);
  assert.match(await page.locator('tfoot').textContent(), /95/);

  await page.goto('/visits?year=2025');
  await clickAndWait(page, page.getByRole('link', { name: 'Ghi chuyến giám sát' }));
  await page.getByLabel('Ngày').fill('20/11/2025');
  await page.getByLabel('Đoàn (thành phần)').fill('Đoàn Hội NCT tỉnh');
  await page.getByLabel('Mã CLB được đến (nếu là một CLB)').fill('15961-01');
  await page.getByLabel('Có đủ hai quỹ: tăng thu nhập và hoạt động').selectOption('partly');
  await page.getByLabel('Kiến nghị', { exact: true }).fill('Bổ sung quỹ hoạt động');
  await page.getByLabel('Đơn vị thực hiện (mã)').fill('15961');
  await page.getByLabel('Hạn hoàn thành').fill('31/12/2025');
  await clickAndWait(page, page.getByRole('button', { name: 'Lưu' }));
  assert.match(where(page), /^\/visits\/\d+/);
  assert.match(await page.locator('main').textContent(), /Đạt một phần/);

  const phone = (await env.newPage({ viewport: PHONE })).page;
  await env.login(phone, 'commune');
  await phone.goto('/followups/overdue');
  assert.match(await phone.locator('main').textContent(), /Bổ sung quỹ hoạt động/);
  assert.equal((await scrollsSideways(phone)).sideways, false, 'the list fits the phone');
  await phone.getByLabel('Đã xong').check();
  await phone.getByLabel('Ngày xong').fill('05/01/2026');
  await clickAndWait(phone, phone.getByRole('button', { name: 'Cập nhật' }));
  assert.match(await phone.locator('main').textContent(), /0 việc quá hạn/);
});
