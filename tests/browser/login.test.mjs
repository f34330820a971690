// Logging in and out, the "next" page, changing my password, switching language — in a real browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { USERS } from '../lib/harness.mjs';
import { browserEnv, clickAndWait, screenshot, where, PHONE } from './browser.mjs';

let env;
before(async () => { env = await browserEnv('login'); });
after(async () => { await env?.close(); });

const WRONG = 'Tên đăng nhập hoặc mật khẩu không đúng.';
const MISMATCH = 'Hai lần nhập mật khẩu mới không giống nhau.';

test('logging in through the form lands on the home page', async () => {
  const { page } = await env.newPage();
  await page.goto('/login');
  assert.equal(await page.locator('html').getAttribute('lang'), 'vi', 'the log-in page is in Vietnamese by default');
  await page.getByLabel('Tên đăng nhập', { exact: true }).fill('admin');
  await page.getByLabel('Mật khẩu', { exact: true }).fill(USERS.admin.password);
  await clickAndWait(page, page.getByRole('button', { name: 'Đăng nhập', exact: true }));
  assert.equal(where(page), '/', 'after logging in the browser is on the home page');
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Trang chủ');
  assert.match(await page.locator('main').textContent(), /Xin chào, admin\./, 'the home page greets the user');
  assert.match(await page.locator('header .who').textContent(), /Quản trị hệ thống/, 'the header shows the role');
});

test('a wrong password shows the message and keeps the typed username', async (t) => {
  const { page } = await env.newPage({ viewport: PHONE });
  await page.goto('/login');
  const res = await env.submitLogin(page, 'viewer', 'not-the-password');
  assert.equal(res.status(), 401, 'a failed log-in answers 401');
  assert.equal(new URL(page.url()).pathname, '/login', 'the browser stays on the log-in page');
  assert.equal((await page.getByRole('alert').textContent()).trim(), WRONG, 'the error message is shown');
  assert.equal(await page.getByLabel('Tên đăng nhập', { exact: true }).inputValue(), 'viewer',
    'the typed username is kept');
  assert.equal(await page.getByLabel('Mật khẩu', { exact: true }).inputValue(), '', 'the password is not echoed back');
  t.diagnostic(`screenshot: ${await screenshot(page, 'phone-login-wrong-password')}`);
  // The form still works after the error (the log-in CSRF token was renewed).
  await env.submitLogin(page, 'viewer', USERS.viewer.password);
  assert.equal(where(page), '/', 'a correct password on the error page logs in');
});

test('a page asked for while logged out comes back after logging in', async () => {
  const { page } = await env.newPage();
  await page.goto('/admin/users');
  const u = new URL(page.url());
  assert.equal(u.pathname, '/login', 'logged out, /admin/users sends the browser to the log-in page');
  assert.equal(u.searchParams.get('next'), '/admin/users', 'the log-in page remembers where the user was going');
  await env.submitLogin(page, 'admin', USERS.admin.password);
  assert.equal(where(page), '/admin/users', 'after logging in the browser is on /admin/users');
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Người dùng');
});

test('changing my password: a mismatch changes nothing, then the new password works', async (t) => {
  const oldPw = USERS.central.password, newPw = 'mat-khau-moi-2024';
  const { page } = await env.newPage();
  await env.login(page, 'central');
  await page.goto('/account/password');
  const current = page.getByLabel('Mật khẩu hiện tại', { exact: true });
  const fresh = page.getByLabel('Mật khẩu mới (ít nhất 8 ký tự)', { exact: true });
  const confirm = page.getByLabel('Nhập lại mật khẩu mới', { exact: true });
  const submit = page.getByRole('button', { name: 'Đổi mật khẩu', exact: true });

  await current.fill(oldPw);
  await fresh.fill(newPw);
  await confirm.fill('something-else-1');
  const res = await clickAndWait(page, submit);
  assert.equal(res.status(), 422, 'a mismatch answers 422');
  const confirmField = page.locator('.field', { has: page.locator('#f-confirm') });
  assert.equal((await confirmField.locator('.msg').textContent()).trim(), MISMATCH,
    'the mismatch message is shown next to the "confirm" field');
  assert.equal(await page.locator('#f-confirm').getAttribute('aria-invalid'), 'true', 'the confirm field is marked invalid');
  assert.equal(await page.locator('#f-confirm').getAttribute('aria-describedby'), 'e-confirm',
    'the confirm field points screen readers at its message');
  assert.equal(await page.locator('.field .msg').count(), 1, 'only the "confirm" field has a message');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'f-confirm', 'focus moves to the field at fault');
  t.diagnostic(`screenshot: ${await screenshot(page, 'office-password-mismatch')}`);
  assert.equal(await page.locator('.notice').count(), 0, 'no success notice after a mismatch');

  // Nothing changed: the old password still logs in (in another browser), the new one does not.
  const other = await env.newPage();
  await env.login(other.page, 'central', oldPw);
  const probe = await env.newPage();
  await probe.page.goto('/login');
  await env.submitLogin(probe.page, 'central', newPw);
  assert.equal(new URL(probe.page.url()).pathname, '/login', 'the new password was not set by the failed attempt');

  await current.fill(oldPw);
  await fresh.fill(newPw);
  await confirm.fill(newPw);
  const ok = await clickAndWait(page, submit);
  assert.equal(ok.status(), 200);
  assert.match(await page.getByRole('status').textContent(), /Đã đổi mật khẩu\./, 'a success notice is shown');

  await other.page.goto('/');
  assert.equal(new URL(other.page.url()).pathname, '/login', 'my other session was logged out by the change');

  await clickAndWait(page, page.locator('header').getByRole('button', { name: 'Đăng xuất' }));
  await env.submitLogin(page, 'central', oldPw);
  assert.equal(new URL(page.url()).pathname, '/login', 'the old password no longer logs in');
  await env.submitLogin(page, 'central', newPw);
  assert.equal(where(page), '/', 'the new password logs in');
});

test('logging out: the home page then asks to log in again', async () => {
  const { page } = await env.newPage();
  await env.login(page, 'commune');
  assert.equal(where(page), '/');
  await clickAndWait(page, page.locator('header').getByRole('button', { name: 'Đăng xuất', exact: true }));
  assert.equal(new URL(page.url()).pathname, '/login', 'logging out lands on the log-in page');
  await page.goto('/');
  const u = new URL(page.url());
  assert.equal(u.pathname, '/login', 'after logging out the home page sends the browser to the log-in page');
  assert.equal(u.searchParams.get('next'), '/');
  assert.equal(await page.locator('header nav').count(), 0, 'no navigation for a logged-out visitor');
  await page.goBack();
  await page.reload();
  assert.equal(new URL(page.url()).pathname, '/login', 'going back and reloading does not bring the session back');
});

test('switching to English: the page is in English and stays so after a reload', async () => {
  const { page } = await env.newPage();
  await env.login(page, 'province');
  await clickAndWait(page, page.locator('header').getByRole('button', { name: 'English', exact: true }));
  assert.equal(where(page), '/', 'switching language stays on the same page');
  const check = async (when) => {
    assert.equal(await page.locator('html').getAttribute('lang'), 'en', `<html lang> is "en" ${when}`);
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Home', `the heading is English ${when}`);
    assert.match(await page.locator('main').textContent(), /Hello, province\./, `the greeting is English ${when}`);
    assert.equal(await page.locator('header').getByRole('button', { name: 'Log out' }).count(), 1,
      `the header is English ${when}`);
    assert.equal(await page.locator('header').getByRole('button', { name: 'Tiếng Việt' }).count(), 1,
      `the header offers Vietnamese ${when}`);
  };
  await check('after switching');
  await page.reload();
  await check('after a reload');

  // The choice belongs to the user: another browser logging in as them gets English too.
  const other = await env.newPage();
  await env.login(other.page, 'province');
  assert.equal(await other.page.locator('html').getAttribute('lang'), 'en', 'the language is kept for the user');

  await clickAndWait(page, page.locator('header').getByRole('button', { name: 'Tiếng Việt', exact: true }));
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Trang chủ', 'and back to Vietnamese');
});

test('switching language on the log-in page keeps the page asked for', async () => {
  const { page } = await env.newPage();
  await page.goto('/admin/users');
  await clickAndWait(page, page.getByRole('button', { name: 'English', exact: true }));
  const u = new URL(page.url());
  assert.equal(u.pathname, '/login', 'switching language stays on the log-in page');
  assert.equal(u.searchParams.get('next'), '/admin/users', 'the page asked for is still remembered');
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  await page.getByLabel('Username', { exact: true }).fill('admin');
  await page.getByLabel('Password', { exact: true }).fill('wrong-password-1');
  await clickAndWait(page, page.getByRole('button', { name: 'Log in', exact: true }));
  assert.equal((await page.getByRole('alert').textContent()).trim(), 'Wrong username or password.',
    'the log-in error is in English too');
  await page.getByLabel('Password', { exact: true }).fill(USERS.admin.password);
  await clickAndWait(page, page.getByRole('button', { name: 'Log in', exact: true }));
  assert.equal(where(page), '/admin/users', 'after logging in the browser is on the page asked for');
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Users',
    'the language chosen before logging in is kept after');
});

test('every page visited is valid HTML, with no script errors', async (t) => {
  t.diagnostic(`${await env.validate()} distinct HTML pages checked by the Nu Html Checker`);
});
