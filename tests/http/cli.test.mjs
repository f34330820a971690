// The command line: help and usage errors, exit codes, init/check against a newer schema, user and token
// commands checked through the API, demo log-ins, and backup/restore while the server takes writes.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { rmSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { BIN, ishc, makeDir, makeDb, emptyDb, dropDb, dbSql, startServer, Client, USERS, PG } from '../lib/harness.mjs';

const TOKEN_RE = /^ishc_[A-Za-z0-9_-]{43}\n$/;

// A runtime failure: exit 1 and exactly one line on stderr, starting "ishc:".
function assertFails(r, what) {
  assert.equal(r.status, 1, `${what}: exit ${r.status}; stderr: ${r.stderr}`);
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  assert.equal(lines.length, 1, `${what}: want one line on stderr, got: ${JSON.stringify(r.stderr)}`);
  assert.match(lines[0], /^ishc: \S/, what);
  assert.ok(r.stderr.endsWith('\n'), `${what}: stderr line ends with a newline`);
  return lines[0];
}

// A usage error: exit 2 and "usage: ishc NAME" on stderr.
function assertUsage(r, name, what) {
  assert.equal(r.status, 2, `${what}: exit ${r.status}; stderr: ${r.stderr}`);
  assert.ok(r.stderr.includes(`usage: ishc ${name}`), `${what}: stderr lacks "usage: ishc ${name}": ${r.stderr}`);
  assert.equal(r.stdout, '', `${what}: nothing on stdout`);
}

// The command names listed by `ishc help` (two-word ones like "user add" included).
function listedCommands(text) {
  const names = [];
  let inList = false;
  for (const line of text.split('\n')) {
    if (line === 'commands:') { inList = true; continue; }
    if (inList && line === '') break;
    if (inList) {
      const m = line.match(/^ {2}(\S+(?: \S+)?)\s{2,}\S/);
      assert.ok(m, `unexpected line in the command list: ${JSON.stringify(line)}`);
      names.push(m[1]);
    }
  }
  return names;
}

// `ishc ARGS` without blocking the event loop (so API loops keep running meanwhile).
function ishcAsync(args, input = '') {
  return new Promise((resolve, reject) => {
    const p = spawn(BIN, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '', stderr = '';
    p.stdout.on('data', (d) => { stdout += d; });
    p.stderr.on('data', (d) => { stderr += d; });
    p.on('error', reject);
    p.on('close', (status) => resolve({ status, stdout, stderr }));
    p.stdin.end(input);
  });
}

function sqlite(db, sql) {
  const r = spawnSync('sqlite3', [db, sql], { encoding: 'utf8' });
  assert.equal(r.status, 0, `sqlite3 ${sql}: ${r.stderr}`);
  return r.stdout;
}

function sha256(file) {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

// Usernames printed by `ishc user list`.
function listUsers(db) {
  const r = ishc(['user', 'list', '--db', db]);
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.split('\n').filter((l) => l !== '');
  assert.match(lines[0], /^USERNAME\s+ROLE\s+SCOPE\s+STATUS\s+NAME/);
  return lines.slice(1).map((l) => l.split(/\s+/)[0]);
}

// Every username through the API (paginated).
async function apiUsernames(client) {
  const names = [];
  for (let page = 1; ; page++) {
    const r = await client.get(`/api/v1/users?per_page=500&page=${page}`);
    assert.equal(r.status, 200, r.text);
    names.push(...r.json.items.map((u) => u.username));
    if (r.json.items.length === 0 || names.length >= r.json.total) break;
  }
  return names;
}

async function withDir(fn) {
  const dir = makeDir('ishc-cli-');
  try {
    return await fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Runs fn with a server; stops it and removes its directory (unless the caller owns opts.dir).
async function withServer(opts, fn) {
  const dir = opts.dir || makeDir('ishc-cli-');
  try {
    const s = await startServer({ ...opts, dir });
    try {
      return await fn(s);
    } finally {
      await s.stop();
    }
  } finally {
    if (!opts.dir) rmSync(dir, { recursive: true, force: true });
  }
}

async function loginStatus(url, username, password) {
  const c = new Client(url);
  const r = await c.postJson('/api/v1/login', { username, password });
  return { status: r.status, json: r.json, client: c };
}

describe('help and usage', () => {
  test('ishc help lists the commands and every one has a usage', () => {
    const r = ishc(['help']);
    assert.equal(r.status, 0, r.stderr);
    const names = listedCommands(r.stdout);
    for (const want of ['init', 'serve', 'demo', 'check', 'backup', 'restore', 'user add', 'user passwd',
      'user disable', 'user enable', 'user list', 'token create', 'version', 'help']) {
      assert.ok(names.includes(want), `ishc help does not list ${want}: ${names}`);
    }
    for (const name of names) {
      const h = ishc(['help', ...name.split(' ')]);
      assert.equal(h.status, 0, `ishc help ${name}: exit ${h.status}: ${h.stderr}`);
      assert.ok(h.stdout.startsWith(`usage: ishc ${name}`), `ishc help ${name}: ${h.stdout}`);
      assert.equal(h.stderr, '');
    }
  });

  test('no command, an unknown command, or an incomplete one exit 2 listing the commands', () => {
    for (const args of [[], ['frobnicate'], ['user'], ['token'], ['help', 'frobnicate']]) {
      const r = ishc(args);
      assert.equal(r.status, 2, `ishc ${args.join(' ')}: exit ${r.status}`);
      const names = listedCommands(r.stderr);
      assert.ok(names.includes('serve') && names.includes('user add'), `ishc ${args.join(' ')}: ${r.stderr}`);
      assert.equal(r.stdout, '');
    }
    assert.match(ishc(['frobnicate']).stderr, /unknown command 'frobnicate'/);
  });

  test('wrong usage prints "usage: ishc NAME" and exits 2', () => {
    const cases = [
      ['init', ['init']],
      ['check', ['check']],
      ['serve', ['serve']],
      ['demo', ['demo']],
      ['backup', ['backup', '--db', 'x.db']],
      ['restore', ['restore', '--db', 'x.db']],
      ['user add', ['user', 'add', '--db', 'x.db', '--username', 'bob', '--password-stdin']],
      ['user list', ['user', 'list']],
      ['token create', ['token', 'create', '--db', 'x.db']],
      ['init', ['init', '--db', 'x.db', '--frobnicate']],
      ['init', ['init', '--db']],
      ['init', ['init', 'x.db']],
      ['check', ['check', '--db', 'x.db', '--to', 'y.db']],
      ['user list', ['user', 'list', '--db=x.db', '--temporary']],
      ['user passwd', ['user', 'passwd', '--db', 'x.db', '--username', 'bob', '--temporary=yes', '--password-stdin']],
      ['user add', ['user', 'add', '--db', 'x.db', '--username', 'bob', '--role', 'viewer']],
      ['serve', ['serve', '--db', 'x.db', '--listen', 'garbage']],
      ['serve', ['serve', '--db', 'x.db', '--listen', '127.0.0.1:']],
      ['serve', ['serve', '--db', 'x.db', '--listen', '127.0.0.1:99999']],
      ['serve', ['serve', '--db', 'x.db', '--listen', ':8080']],
      ['serve', ['serve', '--db', 'x.db', '--threads', '0']],
      ['serve', ['serve', '--db', 'x.db', '--threads', 'many']],
      ['serve', ['serve', '--db', 'x.db', '--threads', '1000']],
    ];
    const dir = makeDir('ishc-cli-');
    try {
      for (const [name, args] of cases) {
        // Run in an empty directory: a usage error must not create x.db.
        const r = spawnSync(BIN, args, { input: 'password-123\n', encoding: 'utf8', cwd: dir });
        assertUsage({ status: r.status, stdout: r.stdout, stderr: r.stderr }, name, `ishc ${args.join(' ')}`);
        assert.ok(!existsSync(join(dir, 'x.db')), `ishc ${args.join(' ')} created x.db`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('version prints the version and the schema', () => {
    const r = ishc(['version']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^ishc \d+\.\d+\.\d+ \(schema \d+, SQLite 3\.[\d.]+, libsodium [\d.]+\)\n$/);
    const schema = Number(r.stdout.match(/schema (\d+)/)[1]);
    assert.ok(schema >= 1);
  });
});

describe('runtime failures', () => {
  test('check on a missing database', () => {
    const line = assertFails(ishc(['check', '--db', '/nonexistent/ishc.db']), 'check --db /nonexistent');
    assert.match(line, /no such database/);
    assertFails(ishc(['check', '--db', '/nonexistent']), 'check --db /nonexistent');
  });

  test('user add with a bad role gives the Vietnamese and the English message', () => withDir((dir) => {
    const db = makeDb(dir);
    const r = ishc(['user', 'add', '--db', db, '--username', 'bob', '--role', 'king', '--password-stdin'], 'password-123\n');
    const line = assertFails(r, 'user add --role king');
    assert.ok(line.includes('Vai trò không hợp lệ'), line);
    assert.ok(line.includes('This role does not exist'), line);
    assert.ok(!listUsers(db).includes('bob'), 'the user was created anyway');
  }));

  test('user add with a short password, a taken name, or a missing scope', () => withDir((dir) => {
    const db = makeDb(dir);
    assertFails(ishc(['user', 'add', '--db', db, '--username', 'bob', '--role', 'viewer', '--password-stdin'], 'short\n'), 'short password');
    assertFails(ishc(['user', 'add', '--db', db, '--username', 'admin', '--role', 'viewer', '--password-stdin'], 'password-123\n'), 'taken name');
    assertFails(ishc(['user', 'add', '--db', db, '--username', 'prov', '--role', 'province', '--password-stdin'], 'password-123\n'), 'no scope');
    assertFails(ishc(['user', 'add', '--db', db, '--username', 'bob', '--role', 'viewer', '--password-stdin'], ''), 'no password on stdin');
    const users = listUsers(db);
    assert.ok(!users.includes('bob') && !users.includes('prov'), users.join(','));
  }));

  test('user passwd / disable / enable / token create for an unknown user', () => withDir((dir) => {
    const db = makeDb(dir);
    let line = assertFails(ishc(['user', 'passwd', '--db', db, '--username', 'nobody', '--password-stdin'], 'password-123\n'), 'passwd nobody');
    assert.match(line, /nobody/);
    assertFails(ishc(['user', 'disable', '--db', db, '--username', 'nobody']), 'disable nobody');
    assertFails(ishc(['user', 'enable', '--db', db, '--username', 'nobody']), 'enable nobody');
    line = assertFails(ishc(['token', 'create', '--db', db, '--username', 'nobody']), 'token create nobody');
  }));

  test('demo refuses an existing non-empty file and leaves it alone', () => withDir((dir) => {
    const file = join(dir, 'precious.db');
    writeFileSync(file, 'precious data\n');
    const line = assertFails(ishc(['demo', '--db', file]), 'demo into an existing file');
    assert.match(line, /already exists/);
    assert.equal(readFileSync(file, 'utf8'), 'precious data\n');
    // An existing ishc database is refused too.
    const db = makeDb(dir);
    const before = listUsers(db);
    assert.match(assertFails(ishc(['demo', '--db', db]), 'demo into a database'), /already (exists|holds tables)/);
    assert.deepEqual(listUsers(db), before);
  }));

  test('commands on a file that is not a database', () => withDir((dir) => {
    const file = join(dir, 'junk.db');
    writeFileSync(file, 'this is not a database, just some text that is long enough to be a header.\n'.repeat(20));
    for (const args of [['check', '--db', file], ['user', 'list', '--db', file], ['init', '--db', file]]) {
      assertFails(ishc(args), `ishc ${args.join(' ')}`);
    }
  }));
});

describe('init and the schema version', () => {
  test('init twice is fine, and check accepts the result', () => withDir((dir) => {
    const db = emptyDb(dir, 'a.db');
    let r = ishc(['init', '--db', db]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /ready at schema version \d+/);
    r = ishc(['init', '--db', db]);
    assert.equal(r.status, 0, r.stderr);
    r = ishc(['check', '--db', db]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /: ok \(schema \d+\)/);
    assert.deepEqual(listUsers(db), []);
    dropDb(db);
  }));

  test('a database newer than the binary is refused by init, serve and check', () => withDir(async (dir) => {
    const db = makeDb(dir);
    const schema = Number(ishc(['version']).stdout.match(/schema (\d+)/)[1]);
    const future = schema + 1;
    dbSql(db, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (${future}, '${String(future).padStart(4, '0')}_future.sql', '2099-01-01T00:00:00Z')`);
    for (const args of [['init', '--db', db], ['check', '--db', db]]) {
      const line = assertFails(ishc(args), `ishc ${args[0]} on a newer database`);
      assert.match(line, /newer/);
    }
    const r = spawnSync(BIN, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--threads', '1', '--tmpdir', dir],
      { encoding: 'utf8', timeout: 10000 });
    assert.equal(r.status, 1, `serve on a newer database: status ${r.status} signal ${r.signal}; ${r.stderr}`);
    assert.match(r.stderr, /newer/);
    assert.doesNotMatch(r.stdout, /listening/);
    // Nothing was migrated or recorded.
    assert.equal(dbSql(db, 'SELECT MAX(version) FROM schema_migrations').trim(), String(future));
  }));
});

describe('users and tokens', () => {
  test('user add then user list shows the user', () => withDir((dir) => {
    const db = makeDb(dir);
    const r = ishc(['user', 'add', '--db', db, '--username', 'newbie', '--role', 'province', '--scope', USERS.province.scope,
      '--full-name', 'Nguyễn Văn A', '--password-stdin'], 'password-123\n');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /user newbie created \(id \d+, province\)/);
    const out = ishc(['user', 'list', '--db', db]).stdout;
    const line = out.split('\n').find((l) => l.startsWith('newbie '));
    assert.ok(line, out);
    assert.match(line, new RegExp(`^newbie\\s+province\\s+${USERS.province.scope}\\s+active\\s+Nguyễn Văn A$`));
    for (const name of Object.keys(USERS)) assert.ok(listUsers(db).includes(name), name);
  }));

  test('user passwd, --temporary, disable and enable, seen through the API', () => withServer({}, async (s) => {
    // passwd: the old password stops working, the new one works.
    let r = ishc(['user', 'passwd', '--db', s.db, '--username', 'viewer', '--password-stdin'], 'brand-new-password-1\n');
    assert.equal(r.status, 0, r.stderr);
    assert.equal((await loginStatus(s.url, 'viewer', USERS.viewer.password)).status, 401);
    let l = await loginStatus(s.url, 'viewer', 'brand-new-password-1');
    assert.equal(l.status, 200);
    let me = await l.client.get('/api/v1/me');
    assert.equal(me.status, 200);
    assert.equal(me.json.must_change_password, false);

    // --temporary: logs in, but must change the password.
    r = ishc(['user', 'passwd', '--db', s.db, '--username', 'central', '--password-stdin', '--temporary'], 'temporary-password-1\n');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /to be changed/);
    l = await loginStatus(s.url, 'central', 'temporary-password-1');
    assert.equal(l.status, 200, JSON.stringify(l.json));
    me = await l.client.get('/api/v1/me');
    assert.equal(me.status, 200, me.text);
    assert.equal(me.json.username, 'central');
    assert.equal(me.json.must_change_password, true);

    // disable stops log-in and ends the session already open; enable restores log-in.
    const open = (await loginStatus(s.url, 'province', USERS.province.password)).client;
    assert.equal((await open.get('/api/v1/me')).status, 200);
    r = ishc(['user', 'disable', '--db', s.db, '--username', 'province']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal((await loginStatus(s.url, 'province', USERS.province.password)).status, 401);
    assert.equal((await open.get('/api/v1/me')).status, 401, 'the open session survived disable');
    assert.match(ishc(['user', 'list', '--db', s.db]).stdout, new RegExp(`^province\\s+province\\s+${USERS.province.scope}\\s+disabled`, 'm'));
    r = ishc(['user', 'enable', '--db', s.db, '--username', 'province']);
    assert.equal(r.status, 0, r.stderr);
    l = await loginStatus(s.url, 'province', USERS.province.password);
    assert.equal(l.status, 200);
    assert.equal((await l.client.get('/api/v1/me')).json.username, 'province');
  }));

  test('token create prints the token alone and it works as a Bearer token', () => withServer({}, async (s) => {
    const r = ishc(['token', 'create', '--db', s.db, '--username', 'commune', '--label', 'cli test']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, TOKEN_RE);
    assert.equal(r.stderr, '');
    const token = r.stdout.trim();
    let res = await fetch(s.url + '/api/v1/me', { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(res.status, 200);
    const me = await res.json();
    assert.equal(me.username, 'commune');
    assert.equal(me.role, 'commune');
    // A different token of the same shape is refused.
    const wrong = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    res = await fetch(s.url + '/api/v1/me', { headers: { Authorization: `Bearer ${wrong}` } });
    assert.equal(res.status, 401);
    // Two tokens differ.
    const again = ishc(['token', 'create', '--db', s.db, '--username', 'commune']);
    assert.match(again.stdout, TOKEN_RE);
    assert.notEqual(again.stdout, r.stdout);
    // Disabling the user ends the token.
    assert.equal(ishc(['user', 'disable', '--db', s.db, '--username', 'commune']).status, 0);
    res = await fetch(s.url + '/api/v1/me', { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(res.status, 401);
  }));

  test('demo prints log-ins that work through the API', () => withDir(async (dir) => {
    const db = emptyDb(dir, 'demo.db');
    const r = ishc(['demo', '--db', db, '--clubs', '60']);
    assert.equal(r.status, 0, r.stderr);
    const logins = [...r.stdout.matchAll(/^ {2}(\S+)\s+(\S+)\s+(administrator|central|province|commune|club|viewer)\b/gm)]
      .map((m) => ({ username: m[1], password: m[2], role: m[3] }));
    assert.ok(logins.length >= 6, r.stdout);
    assert.deepEqual(new Set(logins.map((l) => l.role)),
      new Set(['administrator', 'central', 'province', 'commune', 'club', 'viewer']));
    assert.equal(ishc(['check', '--db', db]).status, 0);
    await withServer({ dir, db }, async (s) => {
      for (const l of logins) {
        const res = await loginStatus(s.url, l.username, l.password);
        assert.equal(res.status, 200, `demo log-in ${l.username}: ${JSON.stringify(res.json)}`);
        const me = await res.client.get('/api/v1/me');
        assert.equal(me.json.username, l.username);
        assert.equal(me.json.role, l.role);
      }
    });
  }));
});

// Backup and restore copy an SQLite file (a consistent copy while the server writes); a
// PostgreSQL database is backed up with the server's own tools, and ishc says so.
const FILE_ONLY = PG ? 'backup and restore copy an SQLite database file; PostgreSQL is backed up with pg_dump' : false;

describe('backup and restore', () => {
  test('on PostgreSQL, backup and restore point to pg_dump and pg_restore and change nothing', { skip: PG ? false : 'PostgreSQL only: SQLite is backed up by ishc itself (the tests below)' }, () => withDir((dir) => {
    const db = makeDb(dir);
    const users = listUsers(db);
    const backup = join(dir, 'backup.db');
    let line = assertFails(ishc(['backup', '--db', db, '--to', backup]), 'backup of a PostgreSQL database');
    assert.match(line, /pg_dump/);
    assert.ok(!existsSync(backup), 'backup wrote a file');
    // A good SQLite backup is still not loaded into PostgreSQL by restore.
    const file = join(dir, 'file.db');
    assert.equal(ishc(['init', '--db', file]).status, 0);
    line = assertFails(ishc(['restore', '--db', db, '--from', file]), 'restore into a PostgreSQL database');
    assert.match(line, /pg_restore/);
    assert.deepEqual(listUsers(db), users);
    dropDb(db);
  }));

  test('backup under a write load, then restore and serve it', { skip: FILE_ONLY }, async () => {
    const dir = makeDir('ishc-cli-');
    const restoreDir = makeDir('ishc-restore-');
    let s, stopWriter = async () => {};
    try {
      s = await startServer({ dir, threads: 4 });
      const tok = ishc(['token', 'create', '--db', s.db, '--username', 'admin']);
      assert.match(tok.stdout, TOKEN_RE);
      const token = tok.stdout.trim();

      // One writer, one user at a time: a consistent copy holds exactly the first k of them.
      const created = [];
      let stop = false, failures = 0;
      const writer = (async () => {
        for (let n = 0; !stop; n++) {
          const username = `load-${String(n).padStart(5, '0')}`;
          try {
            const res = await fetch(s.url + '/api/v1/users', {
              method: 'POST',
              headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
              body: JSON.stringify({ username, role: 'viewer', password: 'password-123' }),
            });
            await res.arrayBuffer();
            if (res.status === 201) created.push(username);
            else failures++;
          } catch {
            failures++;
          }
          if (failures) break;
        }
      })();
      stopWriter = async () => { stop = true; await writer; };
      const waitFor = async (cond, what) => {
        const deadline = Date.now() + 15000;
        while (!cond()) {
          assert.equal(failures, 0, `a write failed while waiting for ${what}`);
          assert.ok(Date.now() < deadline, `timed out waiting for ${what}`);
          await new Promise((r) => setTimeout(r, 20));
        }
      };

      const backup = join(s.dir, 'backup.db');
      await waitFor(() => created.length >= 5, 'the first writes');
      const b = await ishcAsync(['backup', '--db', s.db, '--to', backup]);
      const during = created.length;
      await waitFor(() => created.length >= during + 5, 'writes after the backup');
      await stopWriter();
      assert.equal(b.status, 0, b.stderr);
      assert.match(b.stdout, /written and checked/);
      assert.equal(failures, 0, 'some writes failed during the backup');

      // The copy passes the check, and is one file (no WAL beside it).
      const c = ishc(['check', '--db', backup]);
      assert.equal(c.status, 0, c.stderr);
      assert.ok(!existsSync(backup + '-wal'), 'a -wal file is left beside the backup');

      // A consistent set of users: all of them in the live database, and the load users a prefix.
      const live = listUsers(s.db);
      const inBackup = listUsers(backup);
      for (const u of inBackup) assert.ok(live.includes(u), `${u} is in the backup but not in the live database`);
      for (const u of Object.keys(USERS)) assert.ok(inBackup.includes(u), u);
      const loadInBackup = inBackup.filter((u) => u.startsWith('load-')).sort();
      assert.ok(loadInBackup.length >= 5, `backup holds ${loadInBackup.length} load users`);
      assert.ok(loadInBackup.length < created.length, 'the backup holds writes made after it');
      assert.deepEqual(loadInBackup, created.slice(0, loadInBackup.length), 'the backup is not a prefix of the writes');
      for (const u of created) assert.ok(live.includes(u), `acknowledged ${u} missing from the live database`);

      // backup refuses an existing target and leaves it alone.
      const before = sha256(backup);
      const again = ishc(['backup', '--db', s.db, '--to', backup]);
      assert.match(assertFails(again, 'backup onto an existing file'), /exists/);
      assert.equal(sha256(backup), before);

      // restore into a new database: check accepts it and a server serves the same users.
      const restored = join(restoreDir, 'restored.db');
      const backupHash = sha256(backup);
      const r = ishc(['restore', '--db', restored, '--from', backup]);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /restored from/);
      assert.equal(sha256(backup), backupHash, 'restore modified the backup it read');
      assert.equal(ishc(['check', '--db', restored]).status, 0);
      assert.deepEqual(listUsers(restored), inBackup);
      // Restored data is another instance than the copy it came from: a server running over the
      // file keeps no answer of the data replaced (core/memo.h).
      const instance = (db) => sqlite(db, "SELECT value FROM settings WHERE key = 'instance'").trim();
      assert.match(instance(backup), /^[0-9a-f]{32}$/);
      assert.match(instance(restored), /^[0-9a-f]{32}$/);
      assert.notEqual(instance(restored), instance(backup));
      await withServer({ dir: restoreDir, db: restored }, async (s2) => {
        const admin = new Client(s2.url);
        await admin.login('admin', USERS.admin.password);
        const names = await apiUsernames(admin);
        assert.deepEqual([...names].sort(), [...inBackup].sort());
        // The restored database takes writes.
        const res = await admin.postJson('/api/v1/users', { username: 'after-restore', role: 'viewer', password: 'password-123' });
        assert.equal(res.status, 201, res.text);
      });
    } finally {
      await stopWriter();
      if (s) await s.stop();
      rmSync(dir, { recursive: true, force: true });
      rmSync(restoreDir, { recursive: true, force: true });
    }
  });

  test('restore from a file that is not a database exits 1 and touches nothing', () => withDir((dir) => {
    const junk = join(dir, 'junk.bak');
    writeFileSync(junk, 'SQLite format 2? no, this is just text.\n'.repeat(50));
    const junkHash = sha256(junk);

    // A target that does not exist is not created.
    const fresh = join(dir, 'fresh.db');
    assertFails(ishc(['restore', '--db', fresh, '--from', junk]), 'restore from junk into a new file');
    assert.ok(!existsSync(fresh), 'restore created the target');

    // An existing database is left exactly as it was (byte for byte when it is a file).
    const db = makeDb(dir);
    const users = listUsers(db);
    const hash = PG ? null : sha256(db);
    assertFails(ishc(['restore', '--db', db, '--from', junk]), 'restore from junk over a database');
    if (!PG) assert.equal(sha256(db), hash, 'the target changed');
    assert.deepEqual(listUsers(db), users);
    assert.equal(sha256(junk), junkHash, 'the junk file changed');

    // A missing file, an SQLite file that is not ishc's, and the target itself are refused as well.
    assertFails(ishc(['restore', '--db', db, '--from', join(dir, 'missing.bak')]), 'restore from a missing file');
    const foreign = join(dir, 'foreign.db');
    sqlite(foreign, 'CREATE TABLE t (x); INSERT INTO t VALUES (1);');
    assert.match(assertFails(ishc(['restore', '--db', db, '--from', foreign]), 'restore from a foreign SQLite file'), /not an ishc backup/);
    assertFails(ishc(['restore', '--db', db, '--from', db]), 'restore from itself');
    assert.deepEqual(listUsers(db), users);
    assert.equal(ishc(['check', '--db', db]).status, 0);
  }));

  // The backup is meant to be a self-contained file (db_backup sets journal_mode=DELETE), but the
  // verification in cmd_backup re-opens it through db_open, which switches it back to WAL.
  test('backup leaves the copy in rollback-journal mode', { skip: FILE_ONLY }, () => withDir((dir) => {
    const db = makeDb(dir);
    const backup = join(dir, 'backup.db');
    const r = ishc(['backup', '--db', db, '--to', backup]);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(!existsSync(backup + '-wal') && !existsSync(backup + '-shm'), 'files left beside the backup');
    assert.equal(sqlite(backup, 'PRAGMA journal_mode').trim(), 'delete',
      'the backup is left in WAL mode (its verification re-opened it with PRAGMA journal_mode=WAL)');
  }));

  // restore and check only need to read their source; they must not write to it.
  test('restore does not modify the backup it reads', { skip: FILE_ONLY }, () => withDir((dir) => {
    const db = makeDb(dir);
    const backup = join(dir, 'backup.db');
    assert.equal(ishc(['backup', '--db', db, '--to', backup]).status, 0);
    sqlite(backup, 'PRAGMA journal_mode=DELETE'); // the mode db_backup means the copy to have
    const hash = sha256(backup);
    const r = ishc(['restore', '--db', join(dir, 'restored.db'), '--from', backup]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(sqlite(backup, 'PRAGMA journal_mode').trim(), 'delete', 'restore switched its source to WAL');
    assert.equal(sha256(backup), hash, 'restore wrote to its source');
  }));

  test('restore and check do not write into an SQLite file that is not ishc\'s', () => withDir((dir) => {
    const db = makeDb(dir);
    const foreign = join(dir, 'foreign.db');
    sqlite(foreign, 'CREATE TABLE t (x); INSERT INTO t VALUES (1);');
    const hash = sha256(foreign);
    assertFails(ishc(['restore', '--db', db, '--from', foreign]), 'restore from a foreign SQLite file');
    assert.equal(sqlite(foreign, '.tables').trim(), 't', 'restore created tables in its source');
    assert.equal(sha256(foreign), hash, 'restore wrote to its source');
    const line = assertFails(ishc(['check', '--db', foreign]), 'check on a foreign SQLite file');
    assert.match(line, /not an ishc database/);
    assert.equal(sqlite(foreign, '.tables').trim(), 't', 'check created tables in the file');
  }));
});
