// Test harness: runs the real ishc binary on a random loopback port with a temporary database,
// and a small HTTP client with a cookie jar (Redis's start_server style).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';

const here = dirname(fileURLToPath(import.meta.url));
export const root = join(here, '..', '..');
export const BIN = process.env.ISHC_BIN || join(root, 'build', 'ishc');

// The demo's users are convenient; tests make their own so they can change them freely.
export const USERS = {
  admin: { role: 'administrator', password: 'admin-password-1' },
  central: { role: 'central', password: 'central-password-1' },
  province: { role: 'province', scope: '38', password: 'province-password-1' },
  commune: { role: 'commune', scope: '15961', password: 'commune-password-1' },
  club: { role: 'club', scope: '15961-01', password: 'club-password-1' },
  viewer: { role: 'viewer', password: 'viewer-password-1' },
};

// Runs `ishc ARGS`; returns {status, stdout, stderr}.
export function ishc(args, input) {
  const r = spawnSync(BIN, args, { input: input ?? '', encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function makeDir(prefix = 'ishc-test-') {
  return mkdtempSync(join(process.env.ISHC_TEST_TMP || tmpdir(), prefix));
}

// PostgreSQL: when ISHC_TEST_PG holds a connection's parameters ("host=/tmp/x&port=5432&user=u",
// set by scripts/pg-cluster), every database is a fresh PostgreSQL database instead of a file.
export const PG = process.env.ISHC_TEST_PG || '';
export const pgUrl = (name) => `postgresql:///${name}?${PG}`;
export function psql(sql, dbname = 'postgres') {
  const r = spawnSync('psql', [pgUrl(dbname), '-v', 'ON_ERROR_STOP=1', '-qAtc', sql], { encoding: 'utf8' });
  assert.equal(r.status, 0, `psql ${sql}: ${r.stderr}`);
  return r.stdout.trim();
}
let pgCount = 0;
let pgTemplate = null;
// Every PostgreSQL database this process made and has not dropped yet: dropped when it exits.
const pgMade = new Set();
let pgHooked = false;
function pgCreate(name, template) {
  if (!pgHooked) {
    pgHooked = true;
    process.on('exit', () => {
      if (pgMade.size) spawnSync('psql', [pgUrl('postgres'), '-q', ...[...pgMade].flatMap((n) => ['-c', `DROP DATABASE IF EXISTS ${n} WITH (FORCE)`])]);
    });
  }
  psql(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  pgMade.add(name);
  return pgUrl(name);
}

// A fresh database with the six role users (username = role name).
export function makeDb(dir) {
  if (PG) {
    // One initialised database per test process, copied for each server (CREATE DATABASE ...
    // TEMPLATE is a file copy: fast).
    if (!pgTemplate) {
      const name = `tmpl_${process.pid}_${Date.now() % 100000}`;
      initDb(pgCreate(name));
      pgTemplate = name;
    }
    const name = `t_${process.pid}_${++pgCount}_${Date.now() % 100000}`;
    return pgCreate(name, pgTemplate);
  }
  return initDb(join(dir, 'test.db'));
}

// A database with nothing in it yet, for `ishc init` or `ishc demo` to fill: the file name in dir
// (not created) on SQLite, a new empty PostgreSQL database with ISHC_TEST_PG. dropDb removes it.
export function emptyDb(dir, file = 'test.db') {
  if (!PG) return join(dir, file);
  const name = `e_${process.pid}_${++pgCount}_${Date.now() % 100000}`;
  return pgCreate(name);
}

// Drops a PostgreSQL database made by makeDb or emptyDb (nothing for a file: its folder goes).
export function dropDb(db) {
  if (!PG || !db.startsWith('postgresql://')) return;
  const name = db.slice('postgresql:///'.length).split('?')[0];
  pgMade.delete(name);
  spawnSync('psql', [pgUrl('postgres'), '-qc', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]);
}

// Runs trusted SQL on a database made by makeDb or emptyDb, as the engine's own shell does
// (sqlite3 or psql); returns the rows as text, columns separated by |.
export function dbSql(db, sql) {
  if (db.startsWith('postgresql://')) {
    const r = spawnSync('psql', [db, '-v', 'ON_ERROR_STOP=1', '-qAtc', sql], { encoding: 'utf8' });
    assert.equal(r.status, 0, `psql ${sql}: ${r.stderr}`);
    return r.stdout;
  }
  const r = spawnSync('sqlite3', [db, sql], { encoding: 'utf8' });
  assert.equal(r.status, 0, `sqlite3 ${sql}: ${r.stderr}`);
  return r.stdout;
}

function initDb(db) {
  let r = ishc(['init', '--db', db]);
  assert.equal(r.status, 0, r.stderr);
  for (const [name, u] of Object.entries(USERS)) {
    const args = ['user', 'add', '--db', db, '--username', name, '--role', u.role, '--password-stdin'];
    if (u.scope) args.push('--scope', u.scope);
    r = ishc(args, u.password + '\n');
    assert.equal(r.status, 0, r.stderr);
  }
  return db;
}

// Starts `ishc serve` on db; resolves to a server handle once it listens.
export async function startServer({ dir, db, threads = 2, env = {} } = {}) {
  dir = dir || makeDir();
  db = db || makeDb(dir);
  const proc = spawn(BIN, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--threads', String(threads), '--tmpdir', dir], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  proc.stderr.on('data', (d) => { log += d; });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('server did not start: ' + log)), 15000);
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/[0-9.]+:\d+)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited ${code}: ${log}`)); });
  });
  const exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  return {
    url, db, dir, proc, exited,
    log: () => log,
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      const r = await exited;
      // A clean stop exits 0; anything else (a sanitizer report, a leak, a crash) fails the test.
      if (r.code !== 0) throw new Error(`server stopped with ${r.code ?? r.signal}:\n${log.slice(-4000)}`);
      return r;
    },
    async kill() {
      proc.kill('SIGKILL');
      return exited;
    },
    cleanup() { rmSync(dir, { recursive: true, force: true }); dropDb(db); },
  };
}

// An HTTP client with a cookie jar, a CSRF token, and helpers for forms and JSON.
export class Client {
  constructor(base) {
    this.base = base;
    this.cookies = new Map();
    this.csrf = null;
    this.token = null;
  }

  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  keepCookies(res) {
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i).trim(), value = pair.slice(i + 1).trim();
      if (attrs.some((a) => /max-age=0/i.test(a.trim())) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(method, path, { body, headers = {}, csrf = true } = {}) {
    const h = { ...headers };
    if (this.cookies.size) h.Cookie = this.cookieHeader();
    if (this.token) h.Authorization = `Bearer ${this.token}`;
    if (csrf && this.csrf && method !== 'GET' && !h['X-CSRF-Token'] && !this.token) h['X-CSRF-Token'] = this.csrf;
    let res;
    try {
      try {
        res = await fetch(this.base + path, { method, headers: h, body, redirect: 'manual' });
      } catch (e) {
        // The server closes a kept-alive connection after 60 s idle (MHD's connection timeout):
        // a GET sent on it just then fails on the socket and is sent again, as browsers do.
        const code = e.cause && e.cause.code;
        if (method !== 'GET' || !['EPIPE', 'ECONNRESET', 'UND_ERR_SOCKET'].includes(code)) throw e;
        res = await fetch(this.base + path, { method, headers: h, body, redirect: 'manual' });
      }
    } catch (e) {
      // fetch says only "fetch failed": name the request and the socket's reason.
      throw new Error(`${method} ${path}: ${e.message}${e.cause ? ` (${e.cause.code || ''} ${e.cause.message})` : ''}`, { cause: e });
    }
    this.keepCookies(res);
    // Bytes first: fetch's text() would drop a byte-order mark, which CSV downloads must keep.
    const bytes = Buffer.from(await res.arrayBuffer());
    const text = bytes.toString('utf8');
    let json = null;
    if ((res.headers.get('content-type') || '').startsWith('application/json')) json = JSON.parse(text);
    return { status: res.status, headers: res.headers, text, json, bytes };
  }

  get(path, opts) { return this.request('GET', path, opts); }

  postJson(path, obj, opts = {}) {
    return this.request('POST', path, { ...opts, body: typeof obj === 'string' ? obj : JSON.stringify(obj), headers: { 'Content-Type': 'application/json', ...(opts.headers || {}) } });
  }

  // Posts an url-encoded form; the CSRF token goes in the _csrf field as a browser form would.
  postForm(path, fields, { csrf = true, headers = {} } = {}) {
    const f = new URLSearchParams(fields);
    if (csrf && this.csrf && !('_csrf' in fields)) f.set('_csrf', this.csrf);
    return this.request('POST', path, { body: f.toString(), csrf: false, headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers } });
  }

  async login(username, password) {
    const r = await this.postJson('/api/v1/login', { username, password });
    assert.equal(r.status, 200, r.text);
    this.csrf = r.json.csrf_token;
    return r;
  }

  // Logs in through the HTML form (with its own log-in CSRF cookie), as a browser does.
  async loginForm(username, password, next) {
    const page = await this.get('/login' + (next ? `?next=${encodeURIComponent(next)}` : ''));
    const pre = page.text.match(/name="_pre" value="([^"]+)"/)[1];
    const r = await this.postForm('/login', { username, password, _pre: pre, next: next || '/' }, { csrf: false });
    const me = await this.get('/api/v1/me');
    if (me.status === 200) this.csrf = me.json.csrf_token;
    return r;
  }
}

// Runs the Nu Html Checker on pages ({name: html}); fails with the messages when any is invalid.
export function validateHtml(pages) {
  const dir = makeDir('ishc-vnu-');
  try {
    for (const [name, html] of Object.entries(pages)) writeFileSync(join(dir, name.replace(/[^a-z0-9.-]+/gi, '_') + '.html'), html);
    const files = readdirSync(dir).map((f) => join(dir, f));
    if (!files.length) return;
    const jar = join(root, 'tests', 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');
    const r = spawnSync('java', ['-jar', jar, '--errors-only', '--format', 'json', ...files], { encoding: 'utf8' });
    // The checker always prints a JSON report; no report means it did not run, which must fail.
    assert.ok(!r.error && r.stderr, `the HTML checker did not run: ${r.error || r.stdout}`);
    const out = JSON.parse(r.stderr);
    const errors = out.messages.filter((m) => m.type === 'error');
    assert.deepEqual(errors.map((m) => `${m.url.split('/').pop()}:${m.lastLine}: ${m.message}`), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
