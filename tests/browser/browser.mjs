// Browser-test helper: Debian's Chromium driven by playwright-core (never a downloaded browser),
// one fresh context per test, screenshots, and a record of every HTML page the browser was served
// (the raw response body of each navigation) so a file can check them all with the Nu Html Checker.
//
// A test file looks like:
//   const env = await browserEnv();          // in before(): server + browser
//   const { page } = await env.newPage();    // in a test: fresh context (own cookies)
//   await env.login(page, 'admin');
//   ...
//   test('every page visited is valid HTML', () => env.validate());   // last test
//   after(() => env.close());
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, validateHtml, USERS } from '../lib/harness.mjs';

export const LAUNCH = {
  executablePath: process.env.ISHC_CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
};

export const PHONE = { width: 360, height: 740 };
export const OFFICE = { width: 1366, height: 768 };

let shotDir = null;
// Where screenshots go: $ISHC_SCREENSHOTS, else one temporary directory per test process.
export function screenshotDir() {
  if (!shotDir) {
    shotDir = process.env.ISHC_SCREENSHOTS || mkdtempSync(join(tmpdir(), 'ishc-screenshots-'));
    mkdirSync(shotDir, { recursive: true });
  }
  return shotDir;
}

// Saves a full-page PNG named name.png; returns its path.
export async function screenshot(page, name) {
  const file = join(screenshotDir(), name.replace(/[^a-z0-9.-]+/gi, '_') + '.png');
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

// Records the HTML documents a context is served, and what goes wrong in its pages' scripts.
export class PageRecorder {
  constructor(label) {
    this.label = label;
    this.pending = [];
    this.pages = {};          // name -> html, for validateHtml()
    this.seen = new Set();    // html already recorded (the same page twice is checked once)
    this.count = 0;
    this.problems = [];       // console errors (CSP violations show up here) and uncaught exceptions
  }

  attach(context) {
    context.on('response', (res) => {
      const req = res.request();
      const status = res.status();
      if (!req.isNavigationRequest()) {
        // A stylesheet or script that fails is a problem; the favicon Chromium asks for on its
        // own is not one of ours (the pages link none).
        const path = new URL(res.url()).pathname;
        if (status >= 400 && path !== '/favicon.ico') this.problems.push(`${req.method()} ${path} answered ${status}`);
        return;
      }
      if (req.frame().parentFrame()) return;
      if (status >= 300 && status < 400) return;
      if (!(res.headers()['content-type'] || '').startsWith('text/html')) return;
      const url = new URL(res.url());
      this.pending.push(res.text().then((html) => {
        if (this.seen.has(html)) return;
        this.seen.add(html);
        const n = String(++this.count).padStart(3, '0');
        this.pages[`${this.label}-${n}-${req.method()}${url.pathname}-${status}`] = html;
      }, (err) => {
        this.problems.push(`could not read the body of ${req.method()} ${url.pathname}: ${err.message}`);
      }));
    });
    context.on('page', (page) => this.watch(page));
  }

  watch(page) {
    page.on('console', (msg) => {
      // "Failed to load resource: ... 401" is the browser noting an error status, which the
      // pages use on purpose (a failed log-in is a 401 page); failed subresources are caught above.
      if (msg.type() === 'error' && !/^Failed to load resource/.test(msg.text())) this.problems.push(`console error on ${page.url()}: ${msg.text()}`);
    });
    page.on('pageerror', (err) => this.problems.push(`uncaught exception on ${page.url()}: ${err.message}`));
  }

  async settle() {
    while (this.pending.length) await Promise.all(this.pending.splice(0));
  }
}

// Starts an ishc server (the harness's six users) and a browser; returns the test environment.
export async function browserEnv(label) {
  const server = await startServer();
  const browser = await chromium.launch(LAUNCH);
  const recorder = new PageRecorder(label);
  const contexts = [];

  const env = {
    server, browser, recorder,
    url: (path = '/') => server.url + path,

    // A fresh context (its own cookies and storage) and one page in it.
    async newPage({ viewport = OFFICE, ...opts } = {}) {
      const context = await browser.newContext({ viewport, baseURL: server.url, locale: 'vi-VN', ...opts });
      contexts.push(context);
      recorder.attach(context);
      const page = await context.newPage();
      // Chromium forgets a document's body once the page navigates away, so every navigation
      // the tests start waits until the recorder has read the body of the page it led to.
      for (const name of ['goto', 'reload', 'goBack', 'goForward', 'waitForNavigation']) {
        const original = page[name].bind(page);
        page[name] = async (...args) => {
          const res = await original(...args);
          await recorder.settle();
          return res;
        };
      }
      return { context, page };
    },

    // Fills and submits the log-in form (Vietnamese labels). Waits for the answer to be loaded.
    async submitLogin(page, username, password) {
      await page.getByLabel('Tên đăng nhập', { exact: true }).fill(username);
      await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
      return clickAndWait(page, page.getByRole('button', { name: 'Đăng nhập', exact: true }));
    },

    // Opens /login and logs in as one of the harness's users (or any username with a password).
    async login(page, username, password = USERS[username]?.password) {
      await page.goto('/login');
      await env.submitLogin(page, username, password);
      assert.ok(!new URL(page.url()).pathname.startsWith('/login'),
        `log-in as ${username} should leave the log-in page, but the browser is on ${page.url()}`);
    },

    // Checks every HTML page seen so far with the Nu Html Checker, and that no script went wrong;
    // returns how many distinct pages were checked.
    async validate() {
      await recorder.settle();
      assert.ok(Object.keys(recorder.pages).length > 0, 'the tests should have visited some HTML pages');
      assert.deepEqual(recorder.problems, [], 'no console errors, uncaught exceptions or unreadable pages');
      validateHtml(recorder.pages);
      return Object.keys(recorder.pages).length;
    },

    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close().catch(() => {});
      await server.stop();
      server.cleanup();
    },
  };
  return env;
}

// Clicks (a submit button, a link) and waits until the page it leads to has loaded.
// Returns the response of the last document (after redirects).
export async function clickAndWait(page, locator) {
  const [res] = await Promise.all([page.waitForNavigation(), locator.click()]);
  return res;
}

// The path (and query) the page is on.
export function where(page) {
  const u = new URL(page.url());
  return u.pathname + u.search;
}

// True when the document scrolls sideways (wider than the viewport).
export async function scrollsSideways(page) {
  return page.evaluate(() => {
    const d = document.documentElement;
    return { scrollWidth: d.scrollWidth, clientWidth: d.clientWidth, sideways: d.scrollWidth > d.clientWidth };
  });
}
