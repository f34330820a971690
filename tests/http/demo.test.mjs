// `ishc demo`: a country of clubs shaped like the programme — clubs in every province of today,
// composition within the club model, the demo log-ins in their scopes, club 15961-01 with its
// members, the same data for the same seed — and its bad options.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, Client, ishc, makeDir } from '../lib/harness.mjs';

const CLUBS = 120;
const SEED = '42';
let dir, db, srv, out;
const as = {};

// The demo's own log-ins, as printed.
const LOGINS = {
  admin: ['admin', 'ishc-demo-admin'],
  central: ['trunguong', 'ishc-demo-central'],
  province: ['thanhhoa', 'ishc-demo-province'],
  commune: ['xa.hoangloc', 'ishc-demo-commune'],
  club: ['clb.hoangloc', 'ishc-demo-club'],
  viewer: ['nhataitro', 'ishc-demo-viewer'],
};

function sql(file, query) {
  const r = spawnSync('sqlite3', ['-readonly', file, query], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

before(async () => {
  dir = makeDir();
  db = join(dir, 'demo.db');
  out = ishc(['demo', '--db', db, '--clubs', String(CLUBS), '--seed', SEED]);
  assert.equal(out.status, 0, out.stderr);
  srv = await startServer({ dir, db });
  for (const [role, [username, password]] of Object.entries(LOGINS)) {
    as[role] = new Client(srv.url);
    await as[role].login(username, password);
  }
});
after(async () => { if (srv) await srv.stop(); rmSync(dir, { recursive: true, force: true }); });

test('the demo says what it made and prints its log-ins', () => {
  assert.match(out.stdout, new RegExp(`is ready: ${CLUBS} clubs in 34 provinces, \\d+ members`));
  assert.match(out.stdout, /seed 42, as of \d{4}-\d{2}-\d{2}/);
  for (const [username, password] of Object.values(LOGINS)) {
    assert.match(out.stdout, new RegExp(`^  ${username.replace('.', '\\.')}\\s+${password}\\s`, 'm'));
  }
  assert.equal(ishc(['check', '--db', db]).status, 0);
});

test('the demo log-ins work, each in its own scope', async () => {
  const want = {
    admin: ['administrator', null], central: ['central', null], province: ['province', '38'],
    commune: ['commune', '15961'], club: ['club', '15961-01'], viewer: ['viewer', null],
  };
  for (const [role, [r, scope]] of Object.entries(want)) {
    const me = (await as[role].get('/api/v1/me')).json;
    assert.equal(me.role, r, role);
    assert.equal(me.scope ?? null, scope, role);
  }
});

test('clubs in every province of today, seen by the central user', async () => {
  const provinces = (await as.central.get('/api/v1/units?level=province&per_page=100')).json.items;
  assert.equal(provinces.length, 34);
  let total = 0;
  for (const p of provinces) {
    const r = await as.central.get(`/api/v1/clubs?unit=${p.code}&per_page=1`);
    assert.equal(r.status, 200, r.text);
    assert.ok(r.json.total >= 1, `no club in ${p.name}`);
    total += r.json.total;
  }
  assert.equal(total, CLUBS);
  assert.equal((await as.central.get('/api/v1/clubs?per_page=1')).json.total, CLUBS);
  // The province user sees Thanh Hóa's clubs only.
  const th = (await as.province.get('/api/v1/clubs?per_page=500')).json;
  assert.ok(th.total >= 5 && th.total < CLUBS);
  assert.ok(th.items.every((c) => c.province_code === '38'), JSON.stringify(th.items.map((c) => c.province_code)));
});

test('clubs are founded 2016–2026 in communes of their time, under the right programme', async () => {
  const clubs = (await as.central.get('/api/v1/clubs?per_page=500')).json.items;
  assert.equal(clubs.length, CLUBS);
  const founded = clubs.filter((c) => c.founded_on);
  assert.ok(founded.every((c) => c.founded_on >= '2016-01-01' && c.founded_on <= '2026-12-31'));
  assert.ok(new Set(founded.map((c) => c.founded_on.slice(0, 4))).size >= 8, 'founding years spread out');
  // Mostly active; a few of every other status is fine.
  const active = clubs.filter((c) => c.status === 'active').length;
  assert.ok(active >= CLUBS * 0.75, `${active} active of ${CLUBS}`);
  // Đề án 1336 for 2021–2025, Đề án 1648 for 2026, and some donor-project clubs.
  for (const c of founded) {
    const y = Number(c.founded_on.slice(0, 4));
    if (c.programme === 'HAI-LTH' || c.programme === null) continue;
    if (y >= 2021 && y <= 2025) assert.equal(c.programme, 'DA1336', c.code);
    if (y === 2026) assert.equal(c.programme, 'DA1648', c.code);
  }
  assert.ok(clubs.some((c) => c.programme === 'DA1336') && clubs.some((c) => c.programme === 'DA1648'));
  const kinds = sql(db, "SELECT code || ':' || kind FROM programmes ORDER BY code").trim().split('\n');
  assert.ok(kinds.includes('HAI-LTH:donor'), kinds.join(' '));
  // A club founded before the reform sits in a commune of then, one founded after in one of now.
  const units = sql(db, `SELECT c.founded_on < '2025-07-01', u.valid_to IS NULL, COUNT(*) FROM clubs c
    JOIN units u ON u.id = c.unit_id WHERE c.founded_on IS NOT NULL GROUP BY 1, 2`).trim().split('\n');
  assert.deepEqual(units.map((l) => l.split('|').slice(0, 2).join('')).sort(), ['01', '10']);
});

test('club 15961-01 is in Xã Hoằng Lộc with its members, board and volunteers; the commune has several clubs', async () => {
  const mine = (await as.club.get('/api/v1/clubs')).json;
  assert.deepEqual(mine.items.map((c) => c.code), ['15961-01']);
  const club = mine.items[0];
  assert.equal(club.unit_name, 'Xã Hoằng Lộc');
  assert.ok(club.founded_on >= '2025-07-01', club.founded_on);
  assert.equal(club.status, 'active');
  let r = await as.club.get(`/api/v1/clubs/${club.id}/members?per_page=100`);
  assert.equal(r.status, 200, r.text);
  assert.ok(r.json.total >= 50 && r.json.total <= 70, `${r.json.total} members`);
  assert.ok(r.json.items.every((m) => m.joined_on >= club.founded_on));
  assert.ok(r.json.items.some((m) => m.full_name === 'Phạm Thị Lan'));
  r = await as.club.get(`/api/v1/clubs/${club.id}/board`);
  assert.equal(r.status, 200, r.text);
  const board = (r.json.items ?? r.json).filter((b) => !b.to_date);
  assert.equal(board.length, 5);
  assert.deepEqual(new Set(board.map((b) => b.role)).size, 5);
  assert.ok(board.some((b) => b.role === 'chair'));
  r = await as.club.get(`/api/v1/clubs/${club.id}/volunteers`);
  const volunteers = (r.json.items ?? r.json).filter((v) => !v.to_date);
  assert.ok(volunteers.length >= 5 && volunteers.length <= 8, `${volunteers.length} volunteers`);
  // The commune officer sees several clubs, older ones carried on from the commune of before.
  const commune = (await as.commune.get('/api/v1/clubs?per_page=100')).json;
  assert.ok(commune.total >= 4, `${commune.total} clubs in 15961`);
  assert.ok(commune.items.some((c) => c.founded_on && c.founded_on < '2025-07-01'));
});

test('the composition is within the club model on average', async () => {
  const r = await as.central.get('/api/v1/composition');
  assert.equal(r.status, 200, r.text);
  const c = r.json;
  const perClub = c.members / c.clubs;
  assert.ok(perClub >= 50 && perClub <= 70, `members per club ${perClub}`);
  const share = (n) => (1000 * n) / c.members;
  assert.ok(share(c.women) >= 600 && share(c.women) <= 700, `women ${share(c.women)}‰`);
  assert.ok(share(c.older) >= 600 && share(c.older) <= 700, `older ${share(c.older)}‰`);
  assert.ok(share(c.younger) >= 300 && share(c.younger) <= 400, `younger ${share(c.younger)}‰`);
  assert.ok(share(c.poor) > 50 && share(c.poor) < 400, `poor or near-poor ${share(c.poor)}‰`);
  assert.ok(c.disabled > 0 && c.minority > 0 && c.alone > 0);
  const checks = Object.fromEntries(c.checks.map((k) => [k.key, k]));
  for (const key of ['members', 'women_share', 'older_share', 'younger_share', 'board', 'volunteers']) {
    assert.equal(checks[key].off, false, `${key}: ${JSON.stringify(checks[key])}`);
  }
  // Ethnic minorities are many more in the northern mountains than in the Red River delta.
  const north = (await as.central.get('/api/v1/composition?unit=04')).json;   // Cao Bằng
  const delta = (await as.central.get('/api/v1/composition?unit=33')).json;   // Hưng Yên
  assert.ok(north.minority / north.members > 0.3, `Cao Bằng ${north.minority}/${north.members}`);
  assert.ok(delta.minority / delta.members < 0.1, `Hưng Yên ${delta.minority}/${delta.members}`);
});

test('people have Vietnamese names: Nguyễn for about a third, Thị for most older women', () => {
  const n = Number(sql(db, 'SELECT COUNT(*) FROM members'));
  const nguyen = Number(sql(db, "SELECT COUNT(*) FROM members WHERE family_name = 'Nguyễn'"));
  assert.ok(nguyen / n > 0.25 && nguyen / n < 0.45, `Nguyễn ${nguyen}/${n}`);
  const families = Number(sql(db, 'SELECT COUNT(DISTINCT family_name) FROM members'));
  assert.ok(families >= 30, `${families} family names`);
  const thi = sql(db, "SELECT SUM(middle_name LIKE 'Thị%'), COUNT(*) FROM members WHERE sex = 'F' AND birth_year <= 1960")
    .trim().split('|').map(Number);
  assert.ok(thi[0] / thi[1] > 0.7, `Thị ${thi[0]}/${thi[1]}`);
  // Names fold for search like any entered by hand.
  assert.equal(sql(db, "SELECT COUNT(*) FROM members WHERE name_fold <> lower(name_fold) OR name_fold LIKE '%  %'").trim(), '0');
  // Nobody is on two books of one commune under the same name and birth year.
  assert.equal(sql(db, `SELECT COUNT(*) FROM (SELECT 1 FROM members m JOIN clubs c ON c.id = m.club_id
    GROUP BY c.unit_id, m.family_name, m.middle_name, m.given_name, m.birth_year HAVING COUNT(*) > 1)`).trim(), '0');
});

test('every person is in the name search: typed without accents, found across the country', async () => {
  // The index holds every member on a book, and nobody who left.
  assert.equal(sql(db, 'SELECT COUNT(*) FROM members m WHERE m.left_on IS NULL AND NOT EXISTS (SELECT 1 FROM member_words w WHERE w.member_id = m.id)').trim(), '0');
  assert.equal(sql(db, 'SELECT COUNT(*) FROM members m WHERE m.left_on IS NOT NULL AND EXISTS (SELECT 1 FROM member_words w WHERE w.member_id = m.id)').trim(), '0');
  const [id, fold, club] = sql(db, `SELECT m.id, m.name_fold, c.code FROM members m JOIN clubs c ON c.id = m.club_id
    WHERE m.left_on IS NULL AND c.code <> '15961-01' ORDER BY m.id DESC LIMIT 1`).trim().split('|');
  const r = await as.central.get(`/api/v1/members?q=${encodeURIComponent(fold)}&per_page=100`);
  assert.equal(r.status, 200, r.text);
  assert.ok(r.json.items.some((m) => String(m.id) === id && m.club_code === club), `${fold} not found`);
  // The club user finds only their own club's people.
  const mine = await as.club.get(`/api/v1/members?q=${encodeURIComponent(fold)}&per_page=100`);
  assert.ok(mine.json.items.every((m) => m.club_code === '15961-01'));
});

test('the bulk load is audited by batch, not by person', () => {
  const rows = sql(db, "SELECT COUNT(*), SUM(json_extract(after_json, '$.members')), SUM(json_extract(after_json, '$.clubs')) FROM audit_log WHERE action = 'demo'")
    .trim().split('|').map(Number);
  assert.ok(rows[0] >= 1 && rows[0] <= 10, `${rows[0]} batch records`);
  assert.equal(rows[1], Number(sql(db, 'SELECT COUNT(*) FROM members')));
  assert.equal(rows[2], CLUBS);
  assert.equal(sql(db, "SELECT COUNT(*) FROM audit_log WHERE entity = 'member'").trim(), '0');
});

test('the same seed gives the same country; another seed another', () => {
  const d2 = makeDir();
  try {
    const dump = (file) => sql(file, `SELECT c.code, c.name, c.status, c.founded_on, m.family_name, m.middle_name,
      m.given_name, m.sex, m.birth_year, m.birth_date, m.phone, m.national_id, m.joined_on, m.left_on FROM members m
      JOIN clubs c ON c.id = m.club_id ORDER BY m.id`);
    const make = (name, seed) => {
      const file = join(d2, name);
      const r = ishc(['demo', '--db', file, '--clubs', '30', '--seed', seed]);
      assert.equal(r.status, 0, r.stderr);
      return dump(file);
    };
    const a = make('a.db', '7'), b = make('b.db', '7'), c = make('c.db', '8');
    assert.ok(a.length > 1000);
    assert.equal(a, b);
    assert.notEqual(a, c);
  } finally {
    rmSync(d2, { recursive: true, force: true });
  }
});

test('bad options exit 2 with the usage and create nothing', () => {
  const d2 = makeDir();
  try {
    const file = join(d2, 'x.db');
    for (const args of [['--clubs', '0'], ['--clubs', 'abc'], ['--clubs', '-5'], ['--clubs', '1.5'],
      ['--clubs', '100001'], ['--clubs', ''], ['--seed', 'x'], ['--seed', '-1'], ['--clubs']]) {
      const r = ishc(['demo', '--db', file, ...args]);
      assert.equal(r.status, 2, `${args.join(' ')}: exit ${r.status} ${r.stderr}`);
      assert.match(r.stderr, /usage: ishc demo/, args.join(' '));
      assert.equal(r.stdout, '');
      assert.equal(existsSync(file), false, args.join(' '));
    }
    assert.match(ishc(['demo', '--db', file, '--clubs', 'abc']).stderr, /--clubs wants a whole number from 1 to 100000/);
  } finally {
    rmSync(d2, { recursive: true, force: true });
  }
});
