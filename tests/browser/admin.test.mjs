// An administrator manages users through the pages; the users feel it in their own browsers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { USERS } from '../lib/harness.mjs';
import { browserEnv, clickAndWait, screenshot, where, PHONE } from './browser.mjs';

let env;
before(async () => { env = await browserEnv('admin'); });
after(async () => { await env?.close(); });

const USERNAME_INVALID = 'Tên đăng nhập chỉ gồm chữ không dấu, số, dấu chấm, gạch dưới, gạch ngang (3–40 ký tự).';
const MUST_CHANGE = 'Bạn cần đổi mật khẩu trước khi tiếp tục.';

// The administrator's page, logged in.
async function adminPage() {
  const { page } = await env.newPage();
  await env.login(page, 'admin', USERS.admin.password);
  return page;
}

// Fills /admin/users/new (already open) and submits it; returns the response of the page shown.
async function fillNewUser(page, u) {
  await page.getByLabel('Tên đăng nhập', { exact: true }).fill(u.username);
  await page.getByLabel('Họ và tên', { exact: true }).fill(u.fullName);
  await page.getByLabel('Vai trò', { exact: true }).selectOption(u.role);
  await page.getByLabel(/^Phạm vi/).fill(u.scope ?? '');
  await page.getByLabel('Mật khẩu ban đầu (ít nhất 8 ký tự)', { exact: true }).fill(u.password);
  return clickAndWait(page, page.getByRole('button', { name: 'Tạo tài khoản', exact: true }));
}

// Creates a user through the form; returns the path of their page (/admin/users/ID).
async function createUser(page, u) {
  await page.goto('/admin/users/new');
  const res = await fillNewUser(page, u);
  assert.equal(res.status(), 200, `creating ${u.username} should succeed`);
  const m = where(page).match(/^\/admin\/users\/(\d+)\?saved=1$/);
  assert.ok(m, `after creating ${u.username} the browser should be on their page, not ${page.url()}`);
  assert.match(await page.getByRole('status').textContent(), /Đã lưu\./, 'the creation is confirmed');
  return `/admin/users/${m[1]}`;
}

// The row of the users list for username.
function userRow(page, username) {
  return page.locator('tbody tr', { has: page.getByRole('link', { name: username, exact: true }) });
}

test('an administrator creates a user, who then logs in and sees their name and role', async () => {
  const admin = await adminPage();
  await admin.goto('/admin/users');
  await clickAndWait(admin, admin.getByRole('link', { name: 'Thêm người dùng' }));
  assert.equal(where(admin), '/admin/users/new', 'the list links to the new-user form');
  const u = { username: 'hoa.tran', fullName: 'Trần Thị Hòa', role: 'commune', scope: '15961', password: 'mat-khau-ban-dau-1' };
  const res = await fillNewUser(admin, u);
  assert.equal(res.status(), 200);
  assert.match(where(admin), /^\/admin\/users\/\d+\?saved=1$/, 'the form leads to the new user\'s page');
  assert.equal(await admin.getByRole('heading', { level: 1 }).textContent(), 'hoa.tran');
  assert.equal(await admin.getByLabel('Họ và tên', { exact: true }).inputValue(), 'Trần Thị Hòa',
    'the Vietnamese name is stored exactly as typed');

  await admin.goto('/admin/users');
  const row = userRow(admin, 'hoa.tran');
  assert.equal(await row.count(), 1, 'the new user is in the list');
  assert.deepEqual((await row.locator('td').allTextContents()).map((s) => s.trim()),
    ['hoa.tran', 'Trần Thị Hòa', 'Hội NCT xã', '15961', 'Hoạt động'], 'the list row shows the new user');

  const { page } = await env.newPage();
  await env.login(page, 'hoa.tran', u.password);
  assert.equal(where(page), '/', 'the new user lands on the home page');
  assert.match(await page.locator('main .lead').textContent(), /Xin chào, Trần Thị Hòa\./, 'the home page greets them by name');
  assert.equal(await page.locator('header .who').textContent(), 'Trần Thị Hòa · Hội NCT xã · 15961',
    'the header shows their name, role and scope');
  assert.equal(await page.locator('header nav').getByRole('link', { name: 'Người dùng' }).count(), 0,
    'a commune officer gets no link to the users list');
  const denied = await page.goto('/admin/users');
  assert.equal(denied.status(), 403, 'a commune officer may not open the users list');
});

test('after a password reset the user must change it at the next log-in', async () => {
  const admin = await adminPage();
  const u = { username: 'lan.nguyen', fullName: 'Nguyễn Thị Lan', role: 'club', scope: '15961-01', password: 'mat-khau-ban-dau-2' };
  const userPath = await createUser(admin, u);

  const { page } = await env.newPage();
  await env.login(page, u.username, u.password);
  assert.equal(where(page), '/');

  await admin.goto(userPath);
  await admin.getByLabel('Mật khẩu tạm (người dùng phải đổi khi đăng nhập)', { exact: true }).fill('mat-khau-tam-123');
  await clickAndWait(admin, admin.getByRole('button', { name: 'Cấp lại mật khẩu', exact: true }));
  assert.match(await admin.getByRole('status').textContent(), /Đã lưu\./, 'the reset is confirmed');
  assert.match(await admin.locator('dl.facts').textContent(), /phải đổi mật khẩu khi đăng nhập/,
    'the user\'s page says they must change their password');

  await page.goto('/');
  assert.equal(new URL(page.url()).pathname, '/login', 'the reset ended the session the user had open');
  await env.submitLogin(page, u.username, u.password);
  assert.equal(new URL(page.url()).pathname, '/login', 'the old password no longer works');
  await env.submitLogin(page, u.username, 'mat-khau-tam-123');
  assert.equal(where(page), '/account/password', 'with the temporary password the user lands on /account/password');
  assert.equal((await page.getByRole('status').textContent()).trim(), MUST_CHANGE, 'the page says why');
  assert.deepEqual(await page.locator('header nav li').allTextContents(), ['Đổi mật khẩu', 'Đăng xuất'],
    'until the password is changed the navigation offers only that and logging out');
  await page.goto('/');
  assert.equal(where(page), '/account/password', 'other pages lead back to /account/password');

  await page.getByLabel('Mật khẩu hiện tại', { exact: true }).fill('mat-khau-tam-123');
  await page.getByLabel('Mật khẩu mới (ít nhất 8 ký tự)', { exact: true }).fill('mat-khau-cua-lan-9');
  await page.getByLabel('Nhập lại mật khẩu mới', { exact: true }).fill('mat-khau-cua-lan-9');
  await clickAndWait(page, page.getByRole('button', { name: 'Đổi mật khẩu', exact: true }));
  assert.match(await page.getByRole('status').textContent(), /Đã đổi mật khẩu\./);
  await page.goto('/');
  assert.equal(where(page), '/', 'after changing the password the home page opens');
  assert.match(await page.locator('main .lead').textContent(), /Nguyễn Thị Lan/);
});

test('disabling a user asks first, and ends the session they have open', async () => {
  const admin = await adminPage();
  const u = { username: 'binh.le', fullName: 'Lê Văn Bình', role: 'viewer', scope: '', password: 'mat-khau-ban-dau-3' };
  const userPath = await createUser(admin, u);

  const { page } = await env.newPage();
  await env.login(page, u.username, u.password);
  assert.equal(where(page), '/');

  await admin.goto(userPath);
  const disable = admin.getByRole('button', { name: 'Khóa tài khoản này', exact: true });

  // Saying no to the question changes nothing.
  const asked = [];
  admin.once('dialog', (d) => { asked.push(d.type() + ': ' + d.message()); d.dismiss(); });
  await disable.click();
  assert.deepEqual(asked, ['confirm: Bạn có chắc không?'], 'the page asks before disabling');
  await admin.reload();
  assert.match(await admin.locator('dl.facts dd').first().textContent(), /Hoạt động/, 'dismissing the question keeps the account active');
  await page.reload();
  assert.equal(where(page), '/', 'and the user\'s session still works');

  admin.once('dialog', (d) => d.accept());
  await clickAndWait(admin, disable);
  assert.match(await admin.getByRole('status').textContent(), /Đã lưu\./, 'the change is confirmed');
  assert.match(await admin.locator('dl.facts dd').first().textContent(), /Đã khóa/, 'the account is shown as disabled');
  assert.equal(await admin.getByRole('button', { name: 'Mở khóa', exact: true }).count(), 1, 'the page offers to enable it again');
  await admin.goto('/admin/users');
  assert.equal((await userRow(admin, u.username).locator('td').last().textContent()).trim(), 'Đã khóa',
    'the list shows the account as disabled');

  await page.goto('/');
  assert.equal(new URL(page.url()).pathname, '/login', 'the disabled user\'s next page is the log-in page');
  await env.submitLogin(page, u.username, u.password);
  assert.equal(new URL(page.url()).pathname, '/login', 'a disabled user cannot log in again');
});

test('a bad username is reported next to the field and the other values are kept', async (t) => {
  const admin = await adminPage();
  await admin.goto('/admin/users/new');
  const res = await fillNewUser(admin, { username: 'AB', fullName: 'Trần Thị Hòa', role: 'club', scope: '15961-01', password: 'mat-khau-ban-dau-4' });
  assert.equal(res.status(), 422, 'a bad username answers 422');
  const field = admin.locator('.field', { has: admin.locator('#f-username') });
  assert.equal((await field.locator('.msg').textContent()).trim(), USERNAME_INVALID, 'the message is next to the username field');
  assert.equal(await admin.locator('#f-username').getAttribute('aria-invalid'), 'true');
  assert.equal(await admin.locator('.field .msg').count(), 1, 'only the username field has a message');
  assert.equal(await admin.evaluate(() => document.activeElement?.id), 'f-username', 'focus moves to the username field');
  assert.equal(await admin.getByLabel('Tên đăng nhập', { exact: true }).inputValue(), 'AB', 'the typed username is kept');
  assert.equal(await admin.getByLabel('Họ và tên', { exact: true }).inputValue(), 'Trần Thị Hòa', 'the full name is kept');
  assert.equal(await admin.getByLabel('Vai trò', { exact: true }).inputValue(), 'club', 'the role is kept');
  assert.equal(await admin.getByLabel(/^Phạm vi/).inputValue(), '15961-01', 'the scope is kept');
  t.diagnostic(`screenshot: ${await screenshot(admin, 'office-new-user-bad-username')}`);
  await admin.setViewportSize(PHONE);
  t.diagnostic(`screenshot: ${await screenshot(admin, 'phone-new-user-bad-username')}`);
  await admin.goto('/admin/users');
  assert.equal(await userRow(admin, 'AB').count(), 0, 'no user was created');
});

test('every page visited is valid HTML, with no script errors', async (t) => {
  t.diagnostic(`${await env.validate()} distinct HTML pages checked by the Nu Html Checker`);
});
