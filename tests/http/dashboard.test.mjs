// The dashboard (issue 9): one page per level at /dashboard and its JSON at /api/v1/dashboard. Each
// role sees its own scope and nothing outside it (another unit asked for is 404), a viewer sees the
// figures and no person's data, bad year or geography is a clear 422 naming the field, every page
// is valid HTML, every SVG is well-formed with a <title> and <desc>, the map has the 34 provinces
// and both archipelagos, and the figures equal the same figures from their source APIs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, USERS, validateHtml } from '../lib/harness.mjs';

let srv;
const as = {};
const club = {};
const pages = {};
const keep = (name, r) => { pages[name] = r.text; return r; };

// Reports of last year (after the July 2025 reform, so both geographies name the same units):
// September and October, submitted.
const vnNow = new Date(Date.now() + 7 * 3600e3);
const YEAR = vnNow.getUTCFullYear() - 1;
const SEP = `${YEAR}-09`, OCT = `${YEAR}-10`;

const PEOPLE = [['Thị Mai', 'F', 1950], ['Văn Bình', 'M', 1962], ['Thị Cúc', 'F', 1985], ['Thị Hoa', 'F', 1955]];
const FAMILY = ['Nguyễn', 'Lê', 'Phạm'];
const NAMES = [];

before(async () => {
  srv = await startServer();
  for (const name of Object.keys(USERS)) {
    as[name] = new Client(srv.url);
    await as[name].loginForm(name, USERS[name].password);
  }
  const put = (path, body) => as.admin.request('PUT', path, { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
  const make = async (name, unit_code) => {
    const r = await as.admin.postJson('/api/v1/clubs', { status: 'active', founded_on: '2024-03-15', name, unit_code });
    assert.equal(r.status, 201, r.text);
    return r.json;
  };
  club.a = await make('CLB Phú Thọ', '15961');
  club.b = await make('CLB Đồng Tâm', '15961');
  club.hn = await make('CLB Ba Đình', '00004');
  assert.equal(club.a.code, '15961-01');
  for (const [i, c] of [club.a, club.b, club.hn].entries()) {
    for (const [given, sex, birth] of PEOPLE.slice(0, 4 - i)) {
      const full_name = `${FAMILY[i]} ${given}`;
      NAMES.push(full_name);
      const r = await as.admin.postJson(`/api/v1/clubs/${c.id}/members`, { full_name, sex, birth, joined_on: '2024-04-01' });
      assert.equal(r.status, 201, r.text);
    }
    for (const period of [SEP, OCT]) {
      const r = await put(`/api/v1/clubs/${c.id}/reports/${period}`, { values: { HEA_CHECKS: 2, INC_BORROWERS: 1 } });
      assert.equal(r.status, 200, r.text);
      assert.equal((await as.admin.postJson(`/api/v1/clubs/${c.id}/reports/${period}/submit`, {})).status, 200);
    }
  }
});
after(async () => {
  validateHtml(pages);
  await srv.stop();
  srv.cleanup();
});

// Every <svg> of a page: well-formed XML (tags balanced, attributes quoted), a <title> and a
// <desc> first, named by aria-labelledby.
function checkSvgs(html, where) {
  const svgs = html.match(/<svg[\s\S]*?<\/svg>/g) || [];
  for (const svg of svgs) {
    const stack = [];
    for (const m of svg.matchAll(/<(\/?)([a-zA-Z]+)((?:\s+[a-zA-Z0-9:-]+="[^"<]*")*)\s*(\/?)>|<|&(?!(?:amp|lt|gt|quot|#39|#x27);)/g)) {
      assert.ok(m[2], `${where}: a stray < or & in an SVG near ${svg.slice(Math.max(0, m.index - 60), m.index + 60)}`);
      if (m[4]) continue;
      if (m[1]) assert.equal(stack.pop(), m[2], `${where}: </${m[2]}> closes the wrong element`);
      else stack.push(m[2]);
    }
    assert.deepEqual(stack, [], `${where}: every SVG element is closed`);
    const ids = svg.match(/^<svg[^>]*aria-labelledby="([^"]+)"/)[1].split(' ');
    assert.match(svg, new RegExp(`^<svg[^>]*role="img"[^>]*><title id="${ids[0]}">[^<]+</title><desc id="${ids[1]}">[^<]+</desc>`), where);
  }
  return svgs.length;
}

const dash = (c, q = '') => c.get(`/dashboard${q}`);
const api = (c, q = '') => c.get(`/api/v1/dashboard${q}`);

test('central: the country, with charts, the map of 34 provinces and both archipelagos', async () => {
  const r = keep('central', await dash(as.central, `?year=${YEAR}`));
  assert.equal(r.status, 200);
  assert.match(r.text, /<h1>Bảng điều khiển: Việt Nam<\/h1>/);
  assert.ok(checkSvgs(r.text, 'central') >= 4, 'member and reporting trends, provinces, map');
  const map = r.text.match(/<svg class="map"[\s\S]*?<\/svg>/)[0];
  assert.equal((map.match(/<path class="province"/g) || []).length, 34);
  const arch = [...map.matchAll(/<g class="archipelago" data-code="(\d+)"><title>([^<]+)<\/title>/g)].map((m) => [m[1], m[2]]);
  assert.deepEqual(arch, [['48', 'Quần đảo Hoàng Sa'], ['56', 'Quần đảo Trường Sa']]);
  assert.match(map, /<text[^>]*>Quần đảo Hoàng Sa<\/text>/);
  // Thanh Hóa (38) has 7 members in the reports of October; the map says so in its title.
  assert.match(map, /data-code="38"[^>]*><title>Thanh Hóa: 7<\/title>/);
  // Each figure links to the table behind it; each chart has its data table one click away.
  assert.match(r.text, new RegExp(`href="/reports/overview\\?period=${OCT}&amp;geography=then"`));
  assert.match(r.text, /href="\/reports\/rate\?from=/);
  assert.match(r.text, /href="\/composition"/);
  assert.match(r.text, /href="\/followups\/overdue"/);
  assert.match(r.text, new RegExp(`href="/trainings\\?year=${YEAR}"`));
  assert.ok((r.text.match(/<details class="data"><summary>Xem bảng số liệu<\/summary>/g) || []).length >= 4);
  // Vietnamese numbers in the figures.
  assert.match(r.text, /<div class="figure" id="fig-members"><p class="value">9<\/p>/);
});

test('the map of a year before the reform says it is restated to today\'s provinces', async () => {
  const r = keep('central-2021', await dash(as.central, '?year=2021&geography=today&map=R_REPORTED'));
  assert.equal(r.status, 200);
  checkSvgs(r.text, 'central 2021');
  assert.match(r.text, /<option value="today" selected>Quy đổi theo địa giới hiện nay<\/option>/);
  const map = r.text.match(/<svg class="map"[\s\S]*?<\/svg>/)[0];
  assert.match(map, /<tspan x="390" dy="0">Số liệu trước 01\/7\/2025 được/, 'the map itself says it');
  assert.match(r.text, /<figcaption>Số liệu trước 01\/7\/2025 được quy đổi theo 34 tỉnh, thành phố hiện nay\./);
  assert.match(map, /<title id="map-title">Tỷ lệ CLB nộp báo cáo, tháng 12\/2021<\/title>/);
  assert.equal((map.match(/<path class="province"/g) || []).length, 34);
  const j = await api(as.central, '?year=2021&geography=today');
  assert.equal(j.status, 200);
  assert.equal(j.json.geography, 'today');
  assert.equal(j.json.year, 2021);
  assert.equal(j.json.programme.code.length > 0, true);
});

test('province: Thanh Hóa only, its communes; another province is 404', async () => {
  const r = keep('province', await dash(as.province, `?year=${YEAR}`));
  assert.equal(r.status, 200);
  assert.match(r.text, /<h1>Bảng điều khiển: Thanh Hóa<\/h1>/);
  checkSvgs(r.text, 'province');
  assert.ok(!r.text.includes('<svg class="map"'), 'the country map is for the national level');
  assert.ok(!r.text.includes('CLB Ba Đình') && !r.text.includes('Hà Nội'));
  assert.match(r.text, /Xã Hoằng Lộc/);
  const j = await api(as.province, `?year=${YEAR}`);
  assert.equal(j.json.unit.code, '38');
  assert.equal(j.json.last_month.members, 7);
  assert.ok(j.json.children.every((c) => c.level === 'commune'));
  assert.equal((await dash(as.province, '?unit=01')).status, 404);
  const no = await api(as.province, '?unit=01');
  assert.equal(no.status, 404);
  assert.equal(no.json.error.code, 'not_found');
});

test('commune: its clubs, composition from the member book; the province is 404', async () => {
  const r = keep('commune', await dash(as.commune, `?year=${YEAR}`));
  assert.equal(r.status, 200);
  assert.match(r.text, /<h1>Bảng điều khiển: Xã Hoằng Lộc<\/h1>/);
  checkSvgs(r.text, 'commune');
  const j = await api(as.commune, `?year=${YEAR}`);
  assert.equal(j.json.unit.level, 'commune');
  assert.deepEqual(j.json.children.map((c) => c.code), ['15961-02', '15961-01']);
  assert.equal(j.json.composition.source, 'member_book');
  assert.equal(j.json.composition.members, 7);
  assert.equal(j.json.programme, null);
  assert.equal((await api(as.commune, '?unit=38')).status, 404);
  assert.equal((await dash(as.commune, '?unit=00004')).status, 404);
});

test('club: its own club only; its commune and another club are 404', async () => {
  const r = keep('club', await dash(as.club, `?year=${YEAR}`));
  assert.equal(r.status, 200);
  assert.match(r.text, /<h1>Bảng điều khiển: CLB Phú Thọ<\/h1>/);
  checkSvgs(r.text, 'club');
  const j = await api(as.club, `?year=${YEAR}`);
  assert.equal(j.json.unit.level, 'club');
  assert.equal(j.json.last_month.members, 4);
  assert.equal(j.json.composition.members, 4);
  assert.equal(j.json.children.length, 0);
  assert.equal((await api(as.club, '?unit=15961')).status, 404);
  assert.equal((await api(as.club, '?unit=15961-02')).status, 404);
});

test('viewer: the country\'s figures and no person\'s data', async () => {
  const r = keep('viewer', await dash(as.viewer, `?year=${YEAR}`));
  assert.equal(r.status, 200);
  checkSvgs(r.text, 'viewer');
  assert.equal(NAMES.length, 9);
  for (const name of [...NAMES, '/members/']) assert.ok(!r.text.includes(name), name);
  const j = await api(as.viewer, `?year=${YEAR}`);
  assert.equal(j.status, 200);
  assert.ok(!JSON.stringify(j.json).includes('Nguyễn'), 'no names in the JSON');
  assert.equal(j.json.last_month.members, 9);
  // The viewer may look at a province inside the country.
  assert.equal((await api(as.viewer, `?unit=38&year=${YEAR}`)).json.unit.name, 'Thanh Hóa');
});

test('bad year or geography: a clear 422 naming the field, in Vietnamese and English', async () => {
  const r = keep('bad-year', await dash(as.central, '?year=abc'));
  assert.equal(r.status, 422);
  assert.match(r.text, /id="f-year"[^>]*aria-invalid="true"/);
  assert.match(r.text, /value="abc"/);
  let j = await api(as.central, '?year=1999');
  assert.equal(j.status, 422);
  assert.equal(j.json.error.field, 'year');
  j = await api(as.central, `?year=${YEAR + 2}`);
  assert.equal(j.status, 422);
  assert.equal(j.json.error.field, 'year');
  j = await api(as.central, '?geography=sometime');
  assert.equal(j.status, 422);
  assert.equal(j.json.error.field, 'geography');
  assert.equal((await dash(as.central, '?geography=sometime')).status, 422);
  assert.equal((await api(as.central, '?unit=99999')).status, 404);
});

test('a figure on the dashboard equals the same figure from its source API', async () => {
  const j = (await api(as.central, `?year=${YEAR}`)).json;
  // Members by province on the month from the totals API.
  const agg = await as.central.get(`/api/v1/aggregates?unit=38&from=${OCT}&to=${OCT}&indicators=MEM_TOTAL`);
  assert.equal(agg.status, 200, agg.text);
  const th = j.children.find((c) => c.code === '38');
  assert.equal(th.members, agg.json.total.cells[0].value);
  assert.equal(th.members, 7);
  // The funds from the fund figures.
  const f = await as.central.get('/api/v1/funds/figures');
  assert.equal(j.funds.outstanding, f.json.figures.outstanding);
  assert.equal(j.funds.clubs_books, f.json.figures.clubs_books);
  assert.equal(j.funds.borrowers, f.json.figures.borrowers);
  // The composition of a commune from the composition API.
  const cj = (await api(as.commune, `?year=${YEAR}`)).json;
  const comp = await as.commune.get('/api/v1/composition?unit=15961');
  assert.equal(comp.status, 200, comp.text);
  assert.equal(cj.composition.members, comp.json.members ?? comp.json.composition?.members);
  // The page shows the JSON's figure.
  const page = await dash(as.province, `?year=${YEAR}`);
  assert.match(page.text, /<div class="figure" id="fig-members"><p class="value">7<\/p>/);
});

test('plans and budgets on the dashboard equal the plans API, for the country and for a province', async () => {
  const p = (await as.central.get('/api/v1/programmes/DA1336')).json;
  const put = (code, body) => as.central.request('PUT', `/api/v1/plans/${p.id}/${code}`, { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
  let r = await put('38', { issued: '1', doc_no: '23/KH-UBND', issued_on: '2021-03-10', budget_vnd: '2.500.000.000', budget_date: '2021-04-01' });
  assert.equal(r.status, 200, r.text);
  r = await put('01', { issued: '1', doc_no: '5/KH-UBND', issued_on: '2022-02-01', budget_vnd: '1.000.000.000', budget_date: '2022-02-01' });
  assert.equal(r.status, 200, r.text);
  for (const year of [2021, 2022]) {
    const j = (await api(as.central, `?year=${year}`)).json;
    assert.equal(j.programme.code, 'DA1336');
    const src = (await as.central.get(`/api/v1/plans?programme=${p.id}&year=${year}`)).json.summary;
    assert.deepEqual([j.plans.provinces, j.plans.issued, j.plans.budget_provinces, j.plans.budget_total],
      [src.provinces, src.issued, src.budget_provinces, src.budget_total_vnd], String(year));
  }
  assert.equal((await api(as.central, '?year=2021')).json.plans.issued, 1);
  assert.equal((await api(as.central, '?year=2022')).json.plans.budget_total, 3500000000);
  const pj = (await api(as.province, '?year=2022')).json;
  const psrc = (await as.province.get(`/api/v1/plans?programme=${p.id}&year=2022`)).json.summary;
  assert.deepEqual([pj.plans.provinces, pj.plans.issued, pj.plans.budget_total], [psrc.provinces, psrc.issued, psrc.budget_total_vnd]);
  assert.equal(pj.plans.budget_total, 2500000000);
  const page = keep('central-2022', await dash(as.central, '?year=2022'));
  assert.match(page.text, /<div class="figure" id="fig-budget"><p class="value">3\.500\.000\.000<\/p>/);
  // A commune's dashboard has no plans.
  assert.equal((await api(as.commune, '?year=2022')).json.plans, null);
});

test('every link on each role\'s dashboard leads to a page that role may open', async () => {
  for (const role of ['central', 'province', 'commune', 'club', 'viewer']) {
    const r = await dash(as[role], `?year=${YEAR}`);
    const main = r.text.slice(r.text.indexOf('<main'));
    const hrefs = [...new Set([...main.matchAll(/href="([^"]+)"/g)].map((m) => m[1].replaceAll('&amp;', '&')))];
    const sub = hrefs.filter((h) => h.startsWith('/dashboard?unit=')).slice(0, 2);
    const links = hrefs.filter((h) => !h.startsWith('/dashboard?unit=')).concat(sub);
    assert.ok(links.length >= 6, `${role}: ${links}`);
    for (const h of links) {
      const got = await as[role].get(h);
      assert.equal(got.status, 200, `${role} → ${h}`);
    }
    if (role === 'club') {
      assert.ok(links.includes(`/clubs/${club.a.id}`), links.join(' '));
      assert.ok(links.includes(`/clubs/${club.a.id}/funds`), links.join(' '));
    }
  }
});

test('the dashboard is in the OpenAPI document', async () => {
  const r = await as.viewer.get('/api/v1/openapi.json');
  assert.ok(r.json.paths['/api/v1/dashboard'].get);
  assert.ok(r.json.paths['/dashboard'].get);
  // Its query parameters, with the choices of the geography.
  const q = Object.fromEntries(r.json.paths['/api/v1/dashboard'].get.parameters.filter((p) => p.in === 'query').map((p) => [p.name, p.schema]));
  assert.deepEqual(Object.keys(q).sort(), ['geography', 'unit', 'year']);
  assert.deepEqual(q.geography.enum, ['then', 'today']);
  // Other routes of the issue name theirs too: the fund figures and the periodic tables.
  const names = (path) => (r.json.paths[path].get.parameters || []).filter((p) => p.in === 'query').map((p) => p.name);
  for (const n of ['unit', 'date', 'by']) assert.ok(names('/api/v1/funds/figures').includes(n), n);
});

// The figures of a page or an answer are kept between requests only while nothing was written
// (core/memo.h): a club founded is in the very next dashboard, page and JSON, for every user who
// had looked before, and a fund entry in the next fund figures. (Last: it adds a club.)
test('a change is in the next dashboard, page and JSON, for everyone who looked before', async () => {
  const newClubs = (j) => j.programme.progress.find((p) => p.measure === 'new_clubs').actual;
  const shown = (html) => {
    const m = html.match(/CLB thành lập mới<\/td><td class="num" data-label="Chỉ tiêu đặt ra">[^<]*<\/td><td class="num" data-label="Thực hiện">([^<]+)<\/td>/);
    assert.ok(m, 'the progress table shows the new clubs');
    return Number(m[1].replace(/\./g, ''));
  };
  const before = {};
  for (const who of ['central', 'viewer']) {
    // Twice: the second answer is the one kept.
    for (let i = 0; i < 2; i++) {
      before[who] = { page: shown((await dash(as[who], `?year=${YEAR}`)).text), json: newClubs((await api(as[who], `?year=${YEAR}`)).json) };
    }
    assert.equal(before[who].page, before[who].json);
  }
  const r = await as.admin.postJson('/api/v1/clubs', { status: 'active', founded_on: `${YEAR}-06-01`, name: 'CLB Mới Lập', unit_code: '15961' });
  assert.equal(r.status, 201, r.text);
  for (const who of ['central', 'viewer']) {
    assert.equal(shown((await dash(as[who], `?year=${YEAR}`)).text), before[who].page + 1, `${who}: the page`);
    assert.equal(newClubs((await api(as[who], `?year=${YEAR}`)).json), before[who].json + 1, `${who}: the JSON`);
  }
  // The fund figures of the country, kept the same way, move with the first entry of a book.
  const figures = async () => (await as.central.get('/api/v1/funds/figures')).json.figures;
  const f0 = await figures();
  assert.equal((await figures()).clubs_books, f0.clubs_books);
  const open = await as.admin.postJson(`/api/v1/clubs/${r.json.id}/funds/open`, {
    date: `${YEAR}-06-30`, income: '1.000.000', activity: '500.000', handled_by: 'Thủ quỹ',
  });
  assert.equal(open.status, 201, open.text);
  const f1 = await figures();
  assert.equal(f1.clubs_books, f0.clubs_books + 1);
  assert.equal(f1.income_cash, f0.income_cash + 1000000);
  const d = (await api(as.central, `?year=${YEAR}`)).json;
  assert.equal(d.funds.clubs_books, f1.clubs_books);
});
