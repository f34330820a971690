// A commune officer, as a new user would: logs in, creates a club in their commune, adds a member,
// sees the composition flags, opens the member book and prints it on A4 landscape.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { browserEnv, clickAndWait, screenshot, scrollsSideways, where, PHONE } from './browser.mjs';

let env;
before(async () => { env = await browserEnv('clubs'); });
after(async () => { await env?.close(); });

let clubPath = null;

test('a commune officer creates a club, adds a member, sees the flags and opens the member book', async () => {
  const { page } = await env.newPage();
  await env.login(page, 'commune');
  // From the navigation to the clubs, then the new-club form.
  await clickAndWait(page, page.getByRole('navigation', { name: 'Chính' }).getByRole('link', { name: 'Câu lạc bộ' }));
  assert.equal(where(page), '/clubs');
  await clickAndWait(page, page.getByRole('link', { name: 'Thêm CLB' }));
  assert.equal(where(page), '/clubs/new');
  assert.equal(await page.getByLabel('Mã xã/phường (5 chữ số)').inputValue(), '15961', 'their commune is filled in');
  await page.getByLabel('Tên CLB', { exact: true }).fill('CLB Liên thế hệ tự giúp nhau thôn Phú Khê');
  await page.getByLabel('Thôn, tổ dân phố').fill('Thôn Phú Khê');
  await page.getByLabel('Ngày thành lập', { exact: true }).fill('15/03/2024');
  await page.getByLabel('Đề án, dự án thành lập hoặc hỗ trợ').selectOption('DA1336');
  // A mistake first: the message is next to the field and what was typed stays.
  await page.getByLabel('Điện thoại liên hệ').fill('12 34');
  await clickAndWait(page, page.getByRole('button', { name: 'Tạo CLB' }));
  assert.equal(where(page), '/clubs');
  assert.equal(await page.locator('#e-contact_phone').textContent(), 'Số điện thoại gồm 9 đến 13 chữ số.');
  assert.equal(await page.getByLabel('Tên CLB', { exact: true }).inputValue(), 'CLB Liên thế hệ tự giúp nhau thôn Phú Khê');
  await screenshot(page, 'clubs-new-error');
  await page.getByLabel('Điện thoại liên hệ').fill('0912 345 678');
  await page.getByLabel('Người liên hệ').fill('Lê Văn Nam');
  await clickAndWait(page, page.getByRole('button', { name: 'Tạo CLB' }));
  assert.match(where(page), /^\/clubs\/\d+\?saved=1$/);
  clubPath = where(page).replace(/\?.*$/, '');
  assert.match(await page.getByRole('status').textContent(), /Đã lưu\./);
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'CLB Liên thế hệ tự giúp nhau thôn Phú Khê');
  assert.match(await page.locator('dl.facts').textContent(), /15961-01/);

  // A member, typed as one full name without the tone marks in the modern place.
  await clickAndWait(page, page.getByRole('link', { name: 'Thêm thành viên' }));
  await page.getByLabel('Họ và tên').fill('Nguyễn Thị Hoà');
  await page.getByLabel('Giới tính').selectOption('F');
  await page.getByLabel('Năm sinh hoặc ngày sinh').fill('1952');
  await page.getByLabel('Dân tộc').fill('Kinh');
  await page.getByLabel('Hộ gia đình').selectOption('poor');
  await page.getByLabel('Sống một mình').check();
  await page.getByLabel('Ngày vào CLB').fill('01/04/2024');
  await clickAndWait(page, page.getByRole('button', { name: 'Thêm vào sổ' }));
  assert.match(where(page), /^\/members\/\d+\?saved=1$/);
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Nguyễn Thị Hòa');
  await screenshot(page, 'member-page');

  // The composition against the model: one member is far from 50–70, and says so in words.
  await clickAndWait(page, page.getByRole('link', { name: 'CLB Liên thế hệ tự giúp nhau thôn Phú Khê' }));
  assert.equal(where(page), clubPath);
  const composition = page.locator('#composition');
  assert.match(await composition.locator('p.summary').textContent(), /chỉ số chưa đạt mô hình/);
  const members = composition.locator('tr', { hasText: 'Số thành viên (mỗi CLB)' });
  assert.match(await members.textContent(), /1.*50–70.*✗ Chưa đạt: thấp hơn mô hình/);
  const women = composition.locator('tr', { hasText: 'Tỷ lệ nữ' });
  assert.match(await women.textContent(), /100,0%.*60–70%.*Chưa đạt: cao hơn mô hình/);
  assert.equal(await women.getAttribute('class'), 'off');
  await screenshot(page, 'club-page');

  // The member book, and the same book printed on A4 landscape.
  await clickAndWait(page, page.getByRole('link', { name: 'Sổ thành viên (in)' }));
  assert.equal(where(page), `${clubPath}/book`);
  const book = page.locator('article.book');
  assert.equal(await book.locator('h2').textContent(), 'SỔ THÀNH VIÊN');
  assert.match(await book.locator('tbody tr').first().textContent(), /^1Nguyễn Thị Hòa/);
  assert.match(await book.locator('.dateline').textContent(), /^Hoằng Lộc, ngày \d+ tháng \d+ năm \d{4}$/);
  await screenshot(page, 'member-book');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('header.top').isVisible(), false, 'no navigation on paper');
  assert.equal(await page.locator('.book-tools').isVisible(), false);
  assert.equal(await page.locator('main > h1').isVisible(), false, 'the book has its own heading');
  assert.equal(await book.locator('.book-foot').isVisible(), true, 'the signature lines are printed');
  await screenshot(page, 'member-book-print');
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  const boxes = [...pdf.toString('latin1').matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].map((m) => [Number(m[1]), Number(m[2])]);
  assert.ok(boxes.length >= 1, 'the PDF has pages');
  for (const [w, h] of boxes) {
    assert.ok(Math.abs(w - 841.9) < 1 && Math.abs(h - 595.3) < 1, `an A4 landscape page, not ${w}×${h}`);
  }
});

test('the club page and the member form fit a small phone', async () => {
  assert.ok(clubPath, 'the club was created');
  const { page } = await env.newPage({ viewport: PHONE });
  await env.login(page, 'commune');
  for (const path of [clubPath, `${clubPath}/members`, `${clubPath}/members/new`, '/composition']) {
    await page.goto(path);
    const s = await scrollsSideways(page);
    assert.equal(s.sideways, false, `${path} is ${s.scrollWidth}px wide on a ${s.clientWidth}px phone`);
    await screenshot(page, `phone${path.replace(/\W+/g, '-')}`);
  }
});

test('a viewer opens the same club and finds no name', async () => {
  assert.ok(clubPath);
  const { page } = await env.newPage();
  await env.login(page, 'viewer');
  await page.goto(clubPath);
  const text = await page.locator('main').textContent();
  assert.match(text, /Thành phần so với mô hình CLB/);
  for (const name of ['Nguyễn Thị Hòa', 'Lê Văn Nam', '0912345678']) assert.ok(!text.includes(name), name);
  const res = await page.goto(`${clubPath}/book`);
  assert.equal(res.status(), 403);
});

test('every page visited is valid HTML', async () => {
  await env.validate();
});
