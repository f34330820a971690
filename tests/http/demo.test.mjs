// `ishc demo`: a country of clubs shaped like the programme — clubs in every province of today,
// composition within the club model, the demo log-ins in their scopes, club 15961-01 with its
// members, five years of monthly reports (gaps, late and returned ones, values within the
// catalogue's checks, live totals that match the values), the same data for the same seed — and
// its bad options.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, Client, ishc, makeDir, emptyDb, dropDb, dbSql, PG } from '../lib/harness.mjs';

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

// Reads the demo's database directly (a file read-only on SQLite; psql on PostgreSQL). The SQL is
// written for both engines.
function sql(file, query) {
  if (PG) return dbSql(file, query);
  const r = spawnSync('sqlite3', ['-readonly', file, query], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

// A number inside a JSON text column: the engines' JSON functions differ.
const jsonInt = (col, key) => (PG ? `CAST(CAST(${col} AS json) ->> '${key}' AS BIGINT)` : `json_extract(${col}, '$.${key}')`);

before(async () => {
  dir = makeDir();
  db = emptyDb(dir, 'demo.db');
  out = ishc(['demo', '--db', db, '--clubs', String(CLUBS), '--seed', SEED, '--books', '10']);
  assert.equal(out.status, 0, out.stderr);
  srv = await startServer({ dir, db });
  for (const [role, [username, password]] of Object.entries(LOGINS)) {
    as[role] = new Client(srv.url);
    await as[role].login(username, password);
  }
});
after(async () => { if (srv) await srv.stop(); rmSync(dir, { recursive: true, force: true }); dropDb(db); });

test('the demo says what it made and prints its log-ins', () => {
  assert.match(out.stdout, new RegExp(`is ready: ${CLUBS} clubs in 34 provinces, \\d+ members`));
  assert.match(out.stdout, /seed 42, as of \d{4}-\d{2}-\d{2}/);
  assert.match(out.stdout, /, \d+ monthly reports 2021-10 to 2026-09 \(\d+ values; \d+ first sent late, \d+ club-months not reported\)/);
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
  const units = sql(db, `SELECT CASE WHEN c.founded_on < '2025-07-01' THEN 1 ELSE 0 END,
    CASE WHEN u.valid_to IS NULL THEN 1 ELSE 0 END, COUNT(*) FROM clubs c
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
  const thi = sql(db, "SELECT SUM(CASE WHEN middle_name LIKE 'Thị%' THEN 1 ELSE 0 END), COUNT(*) FROM members WHERE sex = 'F' AND birth_year <= 1960")
    .trim().split('|').map(Number);
  assert.ok(thi[0] / thi[1] > 0.7, `Thị ${thi[0]}/${thi[1]}`);
  // Names fold for search like any entered by hand.
  assert.equal(sql(db, "SELECT COUNT(*) FROM members WHERE name_fold <> lower(name_fold) OR name_fold LIKE '%  %'").trim(), '0');
  // Nobody is on two books of one commune under the same name and birth year.
  assert.equal(sql(db, `SELECT COUNT(*) FROM (SELECT 1 FROM members m JOIN clubs c ON c.id = m.club_id
    GROUP BY c.unit_id, m.family_name, m.middle_name, m.given_name, m.birth_year HAVING COUNT(*) > 1) d`).trim(), '0');
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
  const rows = sql(db, `SELECT COUNT(*), SUM(${jsonInt('after_json', 'members')}), SUM(${jsonInt('after_json', 'clubs')}) FROM audit_log WHERE action = 'demo'`)
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
      const file = emptyDb(d2, name);
      const r = ishc(['demo', '--db', file, '--clubs', '30', '--seed', seed]);
      assert.equal(r.status, 0, r.stderr);
      try {
        return dump(file);
      } finally {
        dropDb(file);
      }
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

// ---- the monthly reports (issue 5) ----

const FIRST_MONTH = '2021-10', LAST_MONTH = '2026-09';   // the 60 months before DEMO_AS_OF's month
const AS_OF_END = '2026-10-31T23:59:59Z';

function rows(file, query) {
  const text = sql(file, query).trim();
  return text ? text.split('\n').map((l) => l.split('|')) : [];
}

function nextMonth(p) {
  const y = Number(p.slice(0, 4)), m = Number(p.slice(5, 7));
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

function monthsBetween(from, to) {
  const out = [];
  for (let p = from; p <= to; p = nextMonth(p)) out.push(p);
  return out;
}

test('five years of monthly reports, from each club\'s founding month, under the current catalogue', () => {
  const [min, max, months, n] = rows(db, 'SELECT MIN(period), MAX(period), COUNT(DISTINCT period), COUNT(*) FROM reports')[0];
  assert.equal(min, FIRST_MONTH);
  assert.equal(max, LAST_MONTH);
  assert.equal(Number(months), 60);
  assert.match(out.stdout, new RegExp(`, ${n} monthly reports `));
  // None before its club was founded, none for a club only planned, none after a dissolution.
  assert.equal(sql(db, `SELECT COUNT(*) FROM reports r JOIN clubs c ON c.id = r.club_id
    WHERE c.founded_on IS NULL OR r.period < substr(c.founded_on, 1, 7)
    OR (c.status = 'dissolved' AND r.period >= substr(c.status_date, 1, 7))`).trim(), '0');
  // Every report under the current catalogue, with a value for each of its indicators, from the demo.
  const catalogue = sql(db, 'SELECT MAX(number) FROM indicator_versions').trim();
  const inForce = Number(sql(db, 'SELECT COUNT(*) FROM indicators WHERE until_version IS NULL'));
  assert.equal(sql(db, `SELECT COUNT(*) FROM reports WHERE catalogue_version <> ${catalogue} OR source <> 'demo'`).trim(), '0');
  assert.equal(sql(db, `SELECT COUNT(*) FROM (SELECT r.id FROM reports r LEFT JOIN report_values v ON v.report_id = r.id
    GROUP BY r.id HAVING COUNT(v.code) <> ${inForce}) x`).trim(), '0');
  // Clubs founded before the five years report in most of them.
  const old = rows(db, `SELECT c.id, COUNT(r.id) FROM clubs c LEFT JOIN reports r ON r.club_id = c.id
    WHERE c.status = 'active' AND c.founded_on < '${FIRST_MONTH}-01' GROUP BY c.id`);
  assert.ok(old.length >= 10, `${old.length} old active clubs`);
  const avg = old.reduce((a, [, k]) => a + Number(k), 0) / old.length;
  assert.ok(avg >= 50 && avg < 60, `old clubs report ${avg} of 60 months on average`);
});

test('gaps: a few months missed, some clubs silent for months', () => {
  const clubs = rows(db, `SELECT c.id, substr(c.founded_on, 1, 7), c.status FROM clubs c
    WHERE c.status = 'active' AND c.founded_on IS NOT NULL`);
  const have = new Set(rows(db, 'SELECT club_id, period FROM reports').map(([c, p]) => `${c}|${p}`));
  let expected = 0, missing = 0, longest = 0;
  for (const [id, founded] of clubs) {
    let run = 0;
    for (const p of monthsBetween(founded > FIRST_MONTH ? founded : FIRST_MONTH, LAST_MONTH)) {
      expected++;
      if (have.has(`${id}|${p}`)) { run = 0; continue; }
      missing++;
      longest = Math.max(longest, ++run);
    }
  }
  const share = missing / expected;
  assert.ok(share > 0.005 && share < 0.12, `${missing} of ${expected} club-months missing`);
  // A club silent for four months or more (or one paused since: inactive, no report after its pause).
  const paused = Number(sql(db, `SELECT COUNT(*) FROM clubs c WHERE c.status = 'inactive' AND c.status_date < '2026-06-01'
    AND NOT EXISTS (SELECT 1 FROM reports r WHERE r.club_id = c.id AND r.period >= substr(c.status_date, 1, 7))`));
  assert.ok(longest >= 4 || paused >= 1, `longest silence ${longest} months, ${paused} paused clubs`);
});

test('late reports: first sent after day 5 of the next month; on_time says so; returns and approvals in order', () => {
  const due = sql(db, "SELECT value FROM settings WHERE key = 'report_due_day'").trim();
  assert.equal(due, '5');
  const sent = rows(db, 'SELECT period, substr(first_submitted_at, 1, 10), on_time FROM reports WHERE first_submitted_at IS NOT NULL');
  let late = 0;
  for (const [period, day, onTime] of sent) {
    const dueOn = `${nextMonth(period)}-0${due}`;
    assert.equal(onTime === '1', day <= dueOn, `${period} first sent ${day}, due ${dueOn}, on_time ${onTime}`);
    if (day > dueOn) late++;
  }
  assert.ok(late / sent.length > 0.03 && late / sent.length < 0.3, `${late} late of ${sent.length}`);
  // Older months approved; the last two a mix.
  const older = rows(db, `SELECT status, COUNT(*) FROM reports WHERE period <= '2026-06' GROUP BY status`);
  const total = older.reduce((a, [, n]) => a + Number(n), 0);
  const approved = Number((older.find(([s]) => s === 'approved') || [0, 0])[1]);
  assert.ok(approved / total > 0.95, `${approved} of ${total} older reports approved`);
  const recent = new Set(rows(db, `SELECT DISTINCT status FROM reports WHERE period >= '2026-08'`).map(([s]) => s));
  assert.ok(recent.has('approved') && recent.has('submitted') && recent.has('draft'), [...recent].join(' '));
  // Returned with a comment (some since sent again), by whoever approves.
  assert.ok(Number(sql(db, "SELECT COUNT(*) FROM reports WHERE note <> '' AND note_by <> '' AND note_at IS NOT NULL")) >= 1);
  // The steps in order, none after the demo's day; who approved and at which level.
  assert.equal(sql(db, `SELECT COUNT(*) FROM reports WHERE created_at > updated_at
    OR (first_submitted_at IS NOT NULL AND (first_submitted_at < created_at OR submitted_at < first_submitted_at))
    OR (status = 'approved' AND (approved_at < submitted_at OR approved_level NOT IN ('commune', 'province') OR approved_by IS NULL))
    OR (status <> 'approved' AND approved_at IS NOT NULL)
    OR (status = 'draft' AND submitted_at IS NOT NULL)
    OR (status IN ('submitted', 'approved', 'returned') AND first_submitted_at IS NULL)
    OR updated_at > '${AS_OF_END}' OR created_at < period || '-20'`).trim(), '0');
  // The home club's reports are entered by its own secretary.
  assert.equal(sql(db, `SELECT COUNT(*) FROM reports r JOIN clubs c ON c.id = r.club_id
    WHERE c.code = '15961-01' AND r.created_by <> 'clb.hoangloc'`).trim(), '0');
});

test('report values pass every check of the catalogue, member figures as the book gives them', async () => {
  // Every "<=" rule, on every stored month; nothing negative; yes/no is 0 or 1.
  assert.equal(sql(db, `SELECT COUNT(*) FROM indicators i JOIN report_values a ON a.code = i.code
    JOIN report_values b ON b.report_id = a.report_id AND b.code = trim(substr(i.check_rule, 3))
    WHERE i.until_version IS NULL AND i.check_rule LIKE '<=%' AND a.value > b.value`).trim(), '0');
  assert.equal(sql(db, `SELECT COUNT(*) FROM report_values v JOIN indicators i ON i.code = v.code AND i.until_version IS NULL
    WHERE v.value < 0 OR (i.kind = 'yesno' AND v.value > 1)`).trim(), '0');
  // The balance rule between consecutive months: outstanding = last month's + lent - repaid, less
  // what a club keeping its books in ishc wrote off that month (from its loans).
  const book = rows(db, `SELECT r.club_id, r.period,
      MAX(CASE WHEN v.code = 'INC_OUTSTANDING' THEN v.value END), MAX(CASE WHEN v.code = 'INC_LOANS_VND' THEN v.value END),
      MAX(CASE WHEN v.code = 'INC_REPAID_VND' THEN v.value END),
      (SELECT COALESCE(SUM(l.written_off), 0) FROM loans l WHERE l.club_id = r.club_id AND l.status = 'written_off'
        AND substr(l.closed_on, 1, 7) = r.period)
    FROM reports r JOIN report_values v ON v.report_id = r.id GROUP BY r.id ORDER BY r.club_id, r.period`);
  let pairs = 0, books = 0;
  for (let i = 1; i < book.length; i++) {
    const [c0, p0, o0] = book[i - 1], [c1, p1, o1, lent, repaid, off] = book[i];
    if (c0 !== c1 || nextMonth(p0) !== p1) continue;
    pairs++;
    if (Number(off)) books++;
    assert.equal(Number(o1), Number(o0) + Number(lent) - Number(repaid) - Number(off), `club ${c1} ${p1}`);
  }
  assert.ok(books > 0, 'some months with a loan written off from the books');
  assert.ok(pairs > 1000, `${pairs} pairs of months`);
  // Through the API, as the central user reads them: the months of a few clubs, every status.
  const sample = rows(db, `SELECT club_id, period, status FROM reports WHERE id % 97 = 0
    UNION SELECT club_id, period, status FROM (SELECT club_id, period, status FROM reports WHERE status <> 'approved' ORDER BY id LIMIT 12) s`);
  assert.ok(sample.length >= 20, `${sample.length} sampled`);
  const stored = new Map(rows(db, `SELECT r.club_id || ':' || r.period || ':' || v.code, v.value FROM reports r
    JOIN report_values v ON v.report_id = r.id WHERE r.id % 97 = 0 OR r.status <> 'approved'`));
  for (const [club, period, status] of sample) {
    const r = await as.central.get(`/api/v1/clubs/${club}/reports/${period}`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.status, status);
    assert.equal(r.json.stored, true);
    const items = Object.fromEntries(r.json.items.map((x) => [x.code, x]));
    for (const x of r.json.items) {
      assert.equal(typeof x.value, 'number', `${club} ${period} ${x.code} has no value`);
      assert.ok(x.value >= 0, `${x.code} ${x.value}`);
      const m = /^<=\s*(\S+)/.exec(x.check || '');
      if (m) assert.ok(x.value <= items[m[1]].value, `${club} ${period}: ${x.code} ${x.value} > ${m[1]} ${items[m[1]].value}`);
      // The member figures the API gives (counted from the book, or fixed at submission) are the
      // stored ones; so are the fund figures of a club keeping its books in ishc.
      if (x.source === 'members' || (x.source === 'ledger' && x.computed)) {
        assert.equal(String(x.value), stored.get(`${club}:${period}:${x.code}`), `${club} ${period} ${x.code}`);
      }
    }
    assert.ok(items.MEM_TOTAL.value >= 1);
  }
});

test('clubs keep five years of fund books: the home commune always, a share of the others; the books verify', async () => {
  const m = /Fund books kept in ishc by (\d+) clubs: (\d+) entries, (\d+) loans \((\d+) written off\)/.exec(out.stdout);
  assert.ok(m, out.stdout);
  const [clubs, entries, loans] = [Number(m[1]), Number(m[2]), Number(m[3])];
  assert.ok(clubs >= 10 && clubs < CLUBS, `${clubs} clubs keep books`);
  assert.equal(sql(db, 'SELECT COUNT(DISTINCT club_id) FROM funds').trim(), String(clubs));
  assert.equal(sql(db, 'SELECT COUNT(*) FROM loans').trim(), String(loans));
  assert.ok(Number(sql(db, 'SELECT COUNT(*) FROM fund_entries').trim()) >= entries * 0.9, 'entries as printed');
  assert.equal(sql(db, `SELECT COUNT(*) FROM funds f JOIN clubs c ON c.id = f.club_id WHERE c.code LIKE '15961-%'`).trim(),
    String(2 * Number(sql(db, `SELECT COUNT(*) FROM clubs WHERE code LIKE '15961-%' AND founded_on IS NOT NULL`).trim())));
  // Five years of months, every kind of entry, loans repaid, late and written off.
  assert.equal(sql(db, "SELECT COUNT(DISTINCT kind) FROM fund_entries WHERE kind IN ('opening', 'contribution', 'grant', 'expense', 'disbursement', 'repayment')").trim(), '6');
  assert.ok(Number(sql(db, "SELECT COUNT(DISTINCT substr(on_date, 1, 7)) FROM fund_entries").trim()) >= 60);
  for (const status of ['active', 'repaid', 'written_off']) {
    assert.ok(Number(sql(db, `SELECT COUNT(*) FROM loans WHERE status = '${status}'`).trim()) > 0, status);
  }
  const v = ishc(['verify', '--db', db]);
  assert.equal(v.status, 0, v.stdout + v.stderr);
  assert.match(v.stdout, /ok: every fund book/);
  // The home club's month shows its fund figures from the books, read-only.
  const period = sql(db, "SELECT MAX(period) FROM reports r JOIN clubs c ON c.id = r.club_id WHERE c.code = '15961-01'").trim();
  const id = sql(db, "SELECT id FROM clubs WHERE code = '15961-01'").trim();
  const r = await as.club.get(`/api/v1/clubs/${id}/reports/${period}`);
  assert.equal(r.status, 200, r.text);
  for (const x of r.json.items.filter((i) => i.source === 'ledger')) assert.equal(x.computed, true, x.code);
  const f = await as.club.get(`/api/v1/clubs/${id}/funds`);
  assert.equal(f.status, 200, f.text);
});

test('the live totals hold the sum of the stored values (what total_verify checks)', () => {
  assert.equal(ishc(['check', '--db', db]).status, 0);
  // The country (unit 0) and Thanh Hóa of today, recomputed from the reports and their values.
  const expected = (where) => sql(db, `SELECT x.period, x.code, SUM(x.value), COUNT(*),
      SUM(CASE WHEN x.status IN ('submitted', 'approved') THEN x.value ELSE 0 END),
      SUM(CASE WHEN x.status IN ('submitted', 'approved') THEN 1 ELSE 0 END),
      SUM(CASE WHEN x.status = 'approved' THEN x.value ELSE 0 END), SUM(CASE WHEN x.status = 'approved' THEN 1 ELSE 0 END)
    FROM (SELECT r.club_id, r.period, r.status, v.code, v.value FROM reports r JOIN report_values v ON v.report_id = r.id
      UNION ALL SELECT club_id, period, status, '_REPORTS', 1 FROM reports
      UNION ALL SELECT club_id, period, status, '_ONTIME', on_time FROM reports) x
    JOIN clubs c ON c.id = x.club_id ${where} GROUP BY x.period, x.code ORDER BY x.period, x.code`);
  const kept = (unit) => sql(db, `SELECT period, code, all_sum, all_n, sub_sum, sub_n, ok_sum, ok_n FROM report_totals
    WHERE unit_id = ${unit} AND (all_n <> 0 OR all_sum <> 0) ORDER BY period, code`);
  const country = expected('');
  assert.ok(country.split('\n').length > 60 * 30);
  assert.equal(kept(0), country);
  const th = sql(db, "SELECT id FROM units WHERE level = 'province' AND code = '38' AND valid_to IS NULL").trim();
  assert.equal(kept(th), expected(`WHERE c.unit_id IN (SELECT unit_id FROM unit_reach WHERE ancestor_id = ${th})`));
});

test('a demo draft saves again as it stands (no check fails, no warning), and the national total moves at once', async () => {
  const drafts = rows(db, `SELECT r.club_id, r.period, v.value FROM reports r JOIN report_values v ON v.report_id = r.id
    AND v.code = 'MEET_ATTEND' WHERE r.status IN ('draft', 'returned') ORDER BY r.id LIMIT 10`);
  assert.ok(drafts.length >= 3, `${drafts.length} drafts`);
  for (const [club, period, attend] of drafts) {
    const r = await as.admin.request('PUT', `/api/v1/clubs/${club}/reports/${period}`, {
      body: JSON.stringify({ values: { MEET_ATTEND: Number(attend) } }), headers: { 'Content-Type': 'application/json' },
    });
    assert.equal(r.status, 200, `${club} ${period}: ${r.text}`);
  }
  const [club, period, attend] = drafts.find(([, , a]) => Number(a) > 10) || drafts[0];
  const national = () => Number(sql(db, `SELECT all_sum FROM report_totals WHERE unit_id = 0 AND code = 'MEET_ATTEND' AND period = '${period}'`));
  const before = national();
  const r = await as.admin.request('PUT', `/api/v1/clubs/${club}/reports/${period}`, {
    body: JSON.stringify({ values: { MEET_ATTEND: Number(attend) - 1 } }), headers: { 'Content-Type': 'application/json' },
  });
  assert.equal(r.status, 200, r.text);
  assert.equal(national(), before - 1);
  // Through the aggregates API too, where it is built (another branch until merged).
  const agg = await as.central.get(`/api/v1/aggregates?from=${period}&to=${period}&by=month&indicators=MEET_ATTEND&status=all`);
  if (agg.status !== 404) {
    assert.equal(agg.status, 200, agg.text);
    assert.equal(agg.json.total.cells[0].value, before - 1);
  }
});
