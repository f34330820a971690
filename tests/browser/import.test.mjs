// A commune officer imports a club's members from the Excel file they already have: the preview
// flags the three bad rows, the marked copy downloads, the fixed file loads all 62 at once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ishc, root } from '../lib/harness.mjs';
import { browserEnv, clickAndWait, screenshot, scrollsSideways, where, PHONE } from './browser.mjs';

const FIX = join(root, 'tests', 'fixtures', 'import');
const SAMPLE = join(root, 'data', 'samples', 'danh-sach-thanh-vien-mau.xlsx');

let env;
before(async () => {
  env = await browserEnv('import');
  const r = ishc(['import', 'clubs', '--db', env.server.db, '--file', join(FIX, 'clubs.csv')]);
  assert.equal(r.status, 0, r.stderr);
});
after(async () => { await env?.close(); });

// Opens the upload form of the club "thôn Đông" from the list of clubs to choose from.
async function openForm(page) {
  await page.goto('/imports/new');
  await clickAndWait(page, page.getByRole('link', { name: 'CLB Liên thế hệ tự giúp nhau thôn Đông' }));
  assert.match(where(page), /^\/imports\/new\?kind=members&club=\d+$/);
}

async function uploadFile(page, file) {
  await page.getByLabel('Tệp danh sách (.xlsx hoặc .csv)').setInputFiles(file);
  return clickAndWait(page, page.getByRole('button', { name: 'Tải lên và kiểm tra' }));
}

test('the sample list: the preview names the three rows to fix, and the marked file downloads', async () => {
  const { page } = await env.newPage();
  await env.login(page, 'commune');
  await openForm(page);
  await screenshot(page, 'import-form');
  const res = await uploadFile(page, SAMPLE);
  assert.equal(res.status(), 200);
  assert.match(where(page), /^\/imports\/\d+$/);
  assert.equal((await page.locator('#summary strong').textContent()).trim(), '62 dòng: 59 hợp lệ, 3 có lỗi');
  const rows = page.locator('#problems tbody tr');
  assert.equal(await rows.count(), 3);
  assert.deepEqual(await rows.locator('td:first-child').allTextContents(), ['30', '35', '39']);
  assert.match(await rows.nth(0).textContent(), /B – Họ và tên.*Thiếu họ và tên\./);
  assert.equal(await page.getByRole('button', { name: /^Nhập \d+ thành viên$/ }).count(), 0, 'no commit while rows are bad');
  await screenshot(page, 'import-preview-problems');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Tải tệp Excel có đánh dấu các ô lỗi' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'danh-sach-loi.xlsx');
});

test('the fixed list loads all 62 members at once', async () => {
  const { page } = await env.newPage();
  await env.login(page, 'commune');
  await openForm(page);
  await uploadFile(page, join(FIX, 'danh-sach-da-sua.xlsx'));
  assert.equal((await page.locator('#summary strong').textContent()).trim(), '62 dòng: 62 hợp lệ, 0 có lỗi');
  await screenshot(page, 'import-preview-ok');
  const res = await clickAndWait(page, page.getByRole('button', { name: 'Nhập 62 thành viên' }));
  assert.equal(res.status(), 200);
  assert.match(where(page), /^\/imports\/\d+\?done=1$/);
  assert.match(await page.getByRole('status').textContent(), /Đã nhập 62 thành viên; 0 người đã có trong sổ/);
  await screenshot(page, 'import-done');
  // The same file once more: nobody new.
  await openForm(page);
  await uploadFile(page, join(FIX, 'danh-sach-da-sua.xlsx'));
  assert.match(await page.locator('#summary').textContent(), /62 người đã có trong sổ, sẽ bỏ qua/);
});

test('on a 360px phone the preview reads as cards and nothing scrolls sideways', async () => {
  const { page } = await env.newPage({ viewport: PHONE });
  await env.login(page, 'club');
  await page.goto('/imports/new');
  assert.match(await page.locator('main').textContent(), /15961-01/, 'a club goes straight to its own club');
  await uploadFile(page, SAMPLE);
  assert.equal((await page.locator('#summary strong').textContent()).trim(), '62 dòng: 59 hợp lệ, 3 có lỗi');
  const s = await scrollsSideways(page);
  assert.equal(s.sideways, false, `page is ${s.scrollWidth}px wide on a ${s.clientWidth}px screen`);
  await screenshot(page, 'import-preview-phone');
});

test('every page visited is valid HTML', async () => {
  const n = await env.validate();
  assert.ok(n >= 5);
});
