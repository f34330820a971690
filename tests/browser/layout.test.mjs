// Layout: a small phone and a 1366×768 office screen without sideways scrolling, the print view,
// and the keyboard's first stop. Screenshots go to $ISHC_SCREENSHOTS (or a temporary directory).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Client, USERS } from '../lib/harness.mjs';
import { browserEnv, screenshot, scrollsSideways, where, PHONE, OFFICE } from './browser.mjs';

let env;
before(async () => {
  env = await browserEnv('layout');
  // A users list that looks like a real one: long Vietnamese names, long usernames and scopes.
  const api = new Client(env.server.url);
  await api.login('admin', USERS.admin.password);
  const people = [
    ['nguyen.thi.phuong.thao', 'Nguyễn Thị Phương Thảo', 'province', '38'],
    ['tran.van.duc', 'Trần Văn Đức', 'commune', '15961'],
    ['hoang.thi.ngoc.anh.thanh.hoa', 'Hoàng Thị Ngọc Ánh', 'club', '15961-01'],
    ['le.quang.vinh', 'Lê Quang Vĩnh', 'central', null],
    ['pham.thi.huong.nhung.helpage.donor', 'Phạm Thị Hương Nhung (HelpAge International Việt Nam)', 'viewer', null],
  ];
  for (const [username, full_name, role, scope] of people) {
    const r = await api.postJson('/api/v1/users', { username, full_name, role, scope, password: 'mat-khau-dai-123' });
    assert.equal(r.status, 201, `creating ${username}: ${r.text}`);
  }
});
after(async () => { await env?.close(); });

const SIZES = [['phone', PHONE], ['office', OFFICE]];
const PAGES = [
  ['login', '/login', null],
  ['home', '/', 'admin'],
  ['users', '/admin/users', 'admin'],
];

for (const [sizeName, viewport] of SIZES) {
  for (const [pageName, path, user] of PAGES) {
    test(`${pageName} page on a ${viewport.width}×${viewport.height} ${sizeName} does not scroll sideways`, async (t) => {
      const { page } = await env.newPage({ viewport });
      if (user) await env.login(page, user);
      await page.goto(path);
      assert.equal(where(page), path, `the browser should be on ${path}`);
      const file = await screenshot(page, `${sizeName}-${pageName}`);
      t.diagnostic(`screenshot: ${file}`);
      const s = await scrollsSideways(page);
      assert.ok(!s.sideways, `${path} is ${s.scrollWidth}px wide in a ${s.clientWidth}px window (${sizeName})`);
      // Nothing sticks out of the window either (an element may overflow without widening the
      // document when an ancestor clips it; the table is allowed to scroll inside its own box).
      const wide = await page.evaluate(() => {
        const w = document.documentElement.clientWidth;
        return [...document.querySelectorAll('body *')]
          .filter((el) => !el.closest('.scroll') && !el.closest('.skip'))
          .filter((el) => { const r = el.getBoundingClientRect(); return r.width > 0 && (r.right > w + 0.5 || r.left < -0.5); })
          .map((el) => `<${el.tagName.toLowerCase()}${el.className ? '.' + el.className : ''}> ${Math.round(el.getBoundingClientRect().left)}..${Math.round(el.getBoundingClientRect().right)}`);
      });
      assert.deepEqual(wide, [], `elements of ${path} reach outside the ${viewport.width}px window`);
    });
  }
}

test('the print view hides the header navigation and keeps the content', async (t) => {
  const { page } = await env.newPage({ viewport: OFFICE });
  await env.login(page, 'admin');
  await page.goto('/admin/users');
  assert.ok(await page.locator('header nav').isVisible(), 'on screen the navigation is shown');
  await page.emulateMedia({ media: 'print' });
  assert.ok(!(await page.locator('header nav').isVisible()), 'in print the header navigation is hidden');
  assert.ok(!(await page.locator('header').getByRole('button', { name: 'English' }).isVisible()),
    'in print the language switch is hidden');
  assert.ok(await page.getByRole('heading', { level: 1 }).isVisible(), 'in print the page heading is kept');
  assert.ok(await page.locator('table').isVisible(), 'in print the table is kept');
  assert.ok(await page.getByRole('cell', { name: 'Nguyễn Thị Phương Thảo' }).isVisible(), 'in print the rows are kept');
  t.diagnostic(`screenshot: ${await screenshot(page, 'print-users')}`);
  await page.emulateMedia({ media: 'screen' });
  assert.ok(await page.locator('header nav').isVisible(), 'back on screen the navigation is shown again');
});

test('Tab from the top of the page reaches the "skip to content" link first', async () => {
  const { page } = await env.newPage({ viewport: OFFICE });
  await env.login(page, 'admin');
  await page.goto('/');
  await page.keyboard.press('Tab');
  const first = await page.evaluate(() => {
    const el = document.activeElement;
    const r = el.getBoundingClientRect();
    return { tag: el.tagName, href: el.getAttribute('href'), text: el.textContent.trim(),
      inView: r.width > 0 && r.height > 0 && r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight };
  });
  assert.deepEqual({ tag: first.tag, href: first.href, text: first.text },
    { tag: 'A', href: '#main', text: 'Bỏ qua đến nội dung' }, 'the first Tab stop is the skip link');
  assert.ok(first.inView, 'the skip link becomes visible when it has the focus');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => location.hash), '#main', 'Enter on the skip link goes to the content');
  await page.keyboard.press('Tab');
  assert.ok(await page.evaluate(() => !!document.activeElement.closest('main')),
    'the next Tab stop after skipping is inside the main content, not the header');
});

test('every page visited is valid HTML, with no script errors', async (t) => {
  t.diagnostic(`${await env.validate()} distinct HTML pages checked by the Nu Html Checker`);
});
