// The JSON API for clubs, members, the board and volunteers: each route good and bad, per role,
// in scope and out of it (DESIGN.md §4: guessing another club's id finds nothing).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, USERS } from '../lib/harness.mjs';

let srv;
const as = {};            // role -> logged-in client
const club = {};          // name -> club JSON as created
const member = {};        // name -> member JSON as created

async function client(role) {
  const c = new Client(srv.url);
  await c.login(role, USERS[role].password);
  return c;
}

// Expects the one error shape {"error": {code, message, field}}.
function refused(r, status, code, field) {
  assert.equal(r.status, status, r.text);
  assert.equal(r.json.error.code, code, r.text);
  assert.equal(typeof r.json.error.message, 'string');
  if (field !== undefined) assert.equal(r.json.error.field, field, r.text);
}

before(async () => {
  srv = await startServer();
  for (const role of Object.keys(USERS)) as[role] = await client(role);
  // Two clubs in Xã Hoằng Lộc (Thanh Hóa, 38): the first is the club user's 15961-01; one in
  // Phường Ba Đình (Hà Nội, 01), outside the province user's scope.
  let r = await as.admin.postJson('/api/v1/clubs', {
    name: 'CLB Liên thế hệ tự giúp nhau thôn Phú Thọ', unit_code: '15961', village: 'Thôn Phú Thọ',
    decision_no: '125/QĐ-UBND', decision_date: '10/03/2024', founded_on: '2024-03-15', status: 'active',
    programme: 'DA1336', meeting_place: 'Nhà văn hóa thôn', contact_name: 'Lê Thị Hoa', contact_phone: '0912345678',
  });
  assert.equal(r.status, 201, r.text);
  club.a = r.json;
  r = await as.admin.postJson('/api/v1/clubs', { name: 'CLB Hoằng Lộc Đông', unit_code: '15961', status: 'founded', status_date: '2026-01-05' });
  assert.equal(r.status, 201, r.text);
  club.b = r.json;
  r = await as.admin.postJson('/api/v1/clubs', { name: 'CLB Ba Đình', unit_code: '00004', status: 'founded', founded_on: '2025-09-01', contact_name: 'Trần Văn Nam', contact_phone: '0243123456' });
  assert.equal(r.status, 201, r.text);
  club.hn = r.json;
  r = await as.admin.postJson(`/api/v1/clubs/${club.a.id}/members`, {
    full_name: 'Nguyễn Thị Ánh', sex: 'Nữ', birth: '05/03/1956', phone: '0912 345 678', household: 'poor',
    disability: true, national_id: '038156000123', joined_on: '2024-03-15', consent_on: '2024-03-15', consent_form: 'written',
  });
  assert.equal(r.status, 201, r.text);
  member.anh = r.json;
  r = await as.admin.postJson(`/api/v1/clubs/${club.a.id}/members`, { full_name: 'Lê Văn Bình', sex: 'Nam', birth: 1990, joined_on: '2024-03-15' });
  assert.equal(r.status, 201, r.text);
  member.binh = r.json;
  r = await as.admin.postJson(`/api/v1/clubs/${club.b.id}/members`, { full_name: 'Phạm Thị Cúc', sex: 'F', birth_year: 1950 });
  assert.equal(r.status, 201, r.text);
  member.cuc = r.json;
  r = await as.admin.postJson(`/api/v1/clubs/${club.hn.id}/members`, { full_name: 'Đỗ Văn Hùng', sex: 'M', birth_year: 1948, national_id: '001048000999' });
  assert.equal(r.status, 201, r.text);
  member.hung = r.json;
});
after(async () => { await srv.stop(); srv.cleanup(); });

test('POST /api/v1/clubs creates a club with a stable code in its commune', async () => {
  const a = club.a;
  assert.equal(a.code, '15961-01');
  assert.equal(a.unit_code, '15961');
  // The commune of its founding date: code 15961 named another commune before the 2025 reform.
  const then = (await as.admin.get('/api/v1/units/15961?on=2024-03-15')).json;
  assert.equal(a.unit_name, then.name);
  assert.equal(a.province_code, '38');
  assert.equal(a.decision_date, '2024-03-10');
  assert.equal(a.founded_on, '2024-03-15');
  assert.equal(a.status, 'active');
  assert.equal(a.status_label, 'Đang hoạt động');
  assert.equal(a.programme, 'DA1336');
  assert.equal(a.contact_phone, '0912345678');
  assert.equal(club.b.code, '15961-02');
  assert.equal(club.b.status_date, '2026-01-05');
  assert.equal(club.hn.code, '00004-01');
  assert.equal(club.hn.province_code, '01');
  // A commune officer creates clubs in the commune; the language of messages follows the user.
  const r = await as.commune.postJson('/api/v1/clubs', { name: 'CLB Hoằng Lộc Tây', unit_code: '15961' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.code, '15961-03');
  assert.equal(r.json.status, 'planned');
});

test('POST /api/v1/clubs refuses bad input, naming the field, and creates nothing', async () => {
  const before = (await as.admin.get('/api/v1/clubs')).json.total;
  const good = { name: 'CLB X', unit_code: '15961' };
  refused(await as.admin.postJson('/api/v1/clubs', { ...good, colour: 'red' }), 422, 'invalid', 'colour');
  refused(await as.admin.postJson('/api/v1/clubs', { ...good, name: 5 }), 422, 'invalid', 'name');
  refused(await as.admin.postJson('/api/v1/clubs', { ...good, village: ['a'] }), 422, 'invalid', 'village');
  refused(await as.admin.postJson('/api/v1/clubs', { unit_code: '15961' }), 422, 'required', 'name');
  refused(await as.admin.postJson('/api/v1/clubs', { ...good, name: '   ' }), 422, 'required', 'name');
  refused(await as.admin.postJson('/api/v1/clubs', { name: 'CLB X' }), 422, 'required', 'unit_code');
  refused(await as.admin.postJson('/api/v1/clubs', { ...good, unit_code: '99999' }), 422, 'invalid', 'unit_code');
  refused(await as.admin.postJson('/api/v1/clubs', { ...good, unit_code: '38' }), 422, 'invalid', 'unit_code');
  refused(await as.admin.postJson('/api/v1/clubs', { ...good, decision_date: '31/02/2024' }), 422, 'date', 'decision_date');
  refused(await as.admin.postJson('/api/v1/clubs', { ...good, founded_on: 'hôm qua' }), 422, 'date', 'founded_on');
  refused(await as.admin.postJson('/api/v1/clubs', { ...good, status: 'closed' }), 422, 'invalid', 'status');
  refused(await as.admin.postJson('/api/v1/clubs', { ...good, programme: 'DA9999' }), 422, 'invalid', 'programme');
  refused(await as.admin.postJson('/api/v1/clubs', { ...good, contact_phone: 'x'.repeat(40) }), 422, 'too_long', 'contact_phone');
  refused(await as.admin.postJson('/api/v1/clubs', '{"name": '), 400, 'bad_json');
  refused(await as.admin.postJson('/api/v1/clubs', '[1, 2]'), 400, 'bad_json');
  // Outside the scope: a province officer of Thanh Hóa cannot found a club in Hà Nội.
  refused(await as.province.postJson('/api/v1/clubs', { name: 'CLB Y', unit_code: '00004' }), 403, 'out_of_scope', 'unit_code');
  // Roles that do not found clubs; a cookie request without the CSRF token.
  refused(await as.club.postJson('/api/v1/clubs', good), 403, 'forbidden');
  refused(await as.viewer.postJson('/api/v1/clubs', good), 403, 'forbidden');
  refused(await as.admin.postJson('/api/v1/clubs', good, { headers: { 'X-CSRF-Token': 'wrong' } }), 403, 'csrf');
  // Vietnamese by default; English for a user who chose English.
  let r = await as.admin.postJson('/api/v1/clubs', { ...good, colour: 'red' });
  assert.equal(r.json.error.message, 'Giá trị không hợp lệ. (trường này không có trong API)');
  assert.equal((await as.admin.postForm('/lang', { lang: 'en' })).status, 303);
  r = await as.admin.postJson('/api/v1/clubs', { ...good, colour: 'red' });
  assert.equal(r.json.error.message, 'This value is not valid. (unknown field)');
  await as.admin.postForm('/lang', { lang: 'vi' });
  assert.equal((await as.admin.get('/api/v1/clubs')).json.total, before);
});

test('GET /api/v1/clubs lists each role its own clubs, with filters and pages', async () => {
  const codes = async (c, q = '') => (await c.get('/api/v1/clubs' + q)).json.items.map((x) => x.code).sort();
  assert.deepEqual(await codes(as.admin), ['00004-01', '15961-01', '15961-02', '15961-03']);
  assert.deepEqual(await codes(as.central), ['00004-01', '15961-01', '15961-02', '15961-03']);
  assert.deepEqual(await codes(as.province), ['15961-01', '15961-02', '15961-03']);
  assert.deepEqual(await codes(as.commune), ['15961-01', '15961-02', '15961-03']);
  assert.deepEqual(await codes(as.club), ['15961-01']);
  // Viewers see clubs (aggregates) but no contact person.
  const v = (await as.viewer.get('/api/v1/clubs')).json.items;
  assert.equal(v.length, 4);
  assert.ok(v.every((x) => !('contact_name' in x) && !('contact_phone' in x)));
  assert.ok(!JSON.stringify(v).includes('Lê Thị Hoa'));
  // Filters: unit, status, words without accents, the code; paging.
  assert.deepEqual(await codes(as.admin, '?unit=01'), ['00004-01']);
  assert.deepEqual(await codes(as.admin, '?unit=38'), ['15961-01', '15961-02', '15961-03']);
  assert.deepEqual(await codes(as.admin, '?status=active'), ['15961-01']);
  assert.deepEqual(await codes(as.admin, '?q=hoang%20loc%20dong'), ['15961-02']);
  assert.deepEqual(await codes(as.admin, '?q=PHU%20THO'), ['15961-01']);
  assert.deepEqual(await codes(as.province, '?q=ba%20dinh'), []);
  let r = await as.admin.get('/api/v1/clubs?per_page=2&page=2');
  assert.equal(r.json.total, 4);
  assert.equal(r.json.page, 2);
  assert.equal(r.json.items.length, 2);
  refused(await as.admin.get('/api/v1/clubs?status=open'), 422, 'invalid', 'status');
  refused(await as.admin.get('/api/v1/clubs?unit=99'), 404, 'not_found', 'unit');
  refused(await as.admin.get('/api/v1/clubs?page=0'), 422, 'invalid', 'page');
  refused(await as.admin.get('/api/v1/clubs?per_page=501'), 422, 'invalid', 'per_page');
  refused(await as.province.get('/api/v1/clubs?unit=01'), 403, 'out_of_scope', 'unit');
  refused(await as.club.get('/api/v1/clubs?unit=38'), 403, 'out_of_scope', 'unit');
  r = await new Client(srv.url).get('/api/v1/clubs');
  refused(r, 401, 'unauthenticated');
});

test('GET /api/v1/clubs/{id} shows a club with its composition; another scope gets 404', async () => {
  let r = await as.commune.get(`/api/v1/clubs/${club.a.id}`);
  assert.equal(r.status, 200);
  assert.equal(r.json.code, '15961-01');
  const comp = r.json.composition;
  assert.equal(comp.members, 2);
  assert.equal(comp.older, 1);
  assert.equal(comp.women, 1);
  assert.equal(comp.poor, 1);
  assert.equal(comp.disabled, 1);
  assert.equal(comp.priority, 1);
  assert.equal(comp.older_age, 60);
  const checks = Object.fromEntries(comp.checks.map((c) => [c.key, c]));
  assert.deepEqual(Object.keys(checks).sort(), ['board', 'members', 'older_share', 'priority_share', 'volunteers', 'women_share', 'younger_share']);
  assert.equal(checks.members.value, 2);
  assert.equal(checks.members.unit, 'count');
  assert.equal(checks.members.off, true);
  assert.equal(checks.women_share.value, 500);
  assert.equal(checks.women_share.unit, 'permille');
  assert.equal(checks.women_share.low, 600);
  assert.equal(checks.volunteers.high, null);
  assert.equal(typeof checks.board.label, 'string');
  // As of a date before anyone joined.
  r = await as.commune.get(`/api/v1/clubs/${club.a.id}?on=01/01/2024`);
  assert.equal(r.json.composition.members, 0);
  assert.equal(r.json.composition.on, '2024-01-01');
  refused(await as.commune.get(`/api/v1/clubs/${club.a.id}?on=2024-13-01`), 422, 'date', 'on');
  // Viewers: the figures, no contact.
  r = await as.viewer.get(`/api/v1/clubs/${club.a.id}`);
  assert.equal(r.status, 200);
  assert.equal(r.json.composition.members, 2);
  assert.ok(!('contact_name' in r.json));
  // Guessing ids outside the scope finds nothing; ids that are not numbers neither.
  refused(await as.province.get(`/api/v1/clubs/${club.hn.id}`), 404, 'not_found');
  refused(await as.club.get(`/api/v1/clubs/${club.b.id}`), 404, 'not_found');
  refused(await as.commune.get(`/api/v1/clubs/${club.hn.id}`), 404, 'not_found');
  refused(await as.admin.get('/api/v1/clubs/99999'), 404, 'not_found');
  refused(await as.admin.get('/api/v1/clubs/abc'), 404, 'not_found');
  assert.equal((await as.central.get(`/api/v1/clubs/${club.hn.id}`)).status, 200);
});

test('PATCH /api/v1/clubs/{id} changes the fields given and nothing else', async () => {
  let r = await as.commune.request('PATCH', `/api/v1/clubs/${club.b.id}`, {
    body: JSON.stringify({ status: 'active', status_date: '01/02/2026', meeting_place: 'Sân đình' }),
    headers: { 'Content-Type': 'application/json' },
  });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'active');
  assert.equal(r.json.status_date, '2026-02-01');
  assert.equal(r.json.meeting_place, 'Sân đình');
  assert.equal(r.json.name, 'CLB Hoằng Lộc Đông');
  const patch = (c, id, body) => c.request('PATCH', `/api/v1/clubs/${id}`, { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
  r = await patch(as.admin, club.b.id, {});
  assert.equal(r.status, 200);
  assert.equal(r.json.meeting_place, 'Sân đình');
  refused(await patch(as.admin, club.b.id, { nickname: 'x' }), 422, 'invalid', 'nickname');
  refused(await patch(as.admin, club.b.id, { unit_code: '00004' }), 422, 'invalid', 'unit_code');
  refused(await patch(as.admin, club.b.id, { status: 'sleeping' }), 422, 'invalid', 'status');
  refused(await patch(as.admin, club.b.id, { name: '' }), 422, 'required', 'name');
  refused(await patch(as.admin, club.b.id, { decision_date: '2026-02-30' }), 422, 'date', 'decision_date');
  refused(await patch(as.admin, club.b.id, { founded_on: 20260101 }), 422, 'invalid', 'founded_on');
  refused(await patch(as.club, club.a.id, { name: 'Mới' }), 403, 'forbidden');
  refused(await patch(as.viewer, club.a.id, { name: 'Mới' }), 403, 'forbidden');
  refused(await patch(as.province, club.hn.id, { name: 'Mới' }), 404, 'not_found');
  refused(await patch(as.province, club.hn.id, { bogus: 'x' }), 404, 'not_found');
  refused(await patch(as.admin, 99999, { name: 'Mới' }), 404, 'not_found');
  r = await as.admin.get(`/api/v1/clubs/${club.b.id}`);
  assert.equal(r.json.status, 'active');
  assert.equal(r.json.name, 'CLB Hoằng Lộc Đông');
  assert.equal((await as.admin.get(`/api/v1/clubs/${club.hn.id}`)).json.name, 'CLB Ba Đình');
  // null clears a date; leaving it out keeps it.
  r = await patch(as.admin, club.b.id, { decision_date: '05/01/2026' });
  assert.equal(r.json.decision_date, '2026-01-05');
  r = await patch(as.admin, club.b.id, { meeting_place: 'Nhà văn hóa' });
  assert.equal(r.json.decision_date, '2026-01-05');
  r = await patch(as.admin, club.b.id, { decision_date: null });
  assert.equal(r.status, 200);
  assert.equal(r.json.decision_date, null);
  // Every change is in the history.
  r = await as.admin.get(`/api/v1/audit?entity=club&id=${club.b.id}`);
  assert.ok(r.json.items.some((a) => a.action === 'update'));
});

test('POST /api/v1/clubs/{id}/members adds a member, splitting the name and keeping the ID number', async () => {
  const a = member.anh;
  assert.equal(a.family_name, 'Nguyễn');
  assert.equal(a.middle_name, 'Thị');
  assert.equal(a.given_name, 'Ánh');
  assert.equal(a.full_name, 'Nguyễn Thị Ánh');
  assert.equal(a.sex, 'F');
  assert.equal(a.birth_year, 1956);
  assert.equal(a.birth_date, '1956-03-05');
  assert.equal(a.phone, '0912345678');
  assert.equal(a.household, 'poor');
  assert.equal(a.disability, true);
  assert.equal(a.lives_alone, false);
  assert.equal(a.national_id, '038156000123');
  assert.equal(a.club_code, '15961-01');
  assert.equal(a.consent_form, 'written');
  assert.equal(member.binh.birth_year, 1990);
  assert.equal(member.binh.birth_date, null);
  assert.equal(member.cuc.birth_year, 1950);
  // The club's own board adds to its own club; NFD input is stored NFC.
  const r = await as.club.postJson(`/api/v1/clubs/${club.a.id}/members`, { full_name: 'Hoàng Văn Đức'.normalize('NFD'), sex: 'nam', birth: '1985' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.given_name, 'Đức');
  assert.equal(r.json.full_name, 'Hoàng Văn Đức');
  member.duc = r.json;
});

test('POST /api/v1/clubs/{id}/members asks before a second record of the same person', async () => {
  const path = `/api/v1/clubs/${club.a.id}/members`;
  const same = { full_name: 'Nguyễn Thị Ánh', sex: 'F', birth_year: 1956 };
  let r = await as.commune.postJson(path, same);
  refused(r, 409, 'duplicate_person', 'full_name');
  assert.equal(r.json.error.existing_member_id, member.anh.id);
  r = await as.commune.postJson(path, { ...same, confirm_duplicate: false });
  assert.equal(r.status, 409);
  r = await as.commune.postJson(path, { ...same, confirm_duplicate: true });
  assert.equal(r.status, 201, r.text);
  member.anh2 = r.json;
  // Another commune's namesake is not the same person.
  r = await as.admin.postJson(`/api/v1/clubs/${club.hn.id}/members`, same);
  assert.equal(r.status, 201, r.text);
  member.anh_hn = r.json;
});

test('POST /api/v1/clubs/{id}/members refuses bad input and the wrong people', async () => {
  const path = `/api/v1/clubs/${club.a.id}/members`;
  const good = { full_name: 'Trịnh Thị Mai', sex: 'F', birth: '1960' };
  const count = (await as.admin.get(`${path}?include_left=1`)).json.total;
  refused(await as.admin.postJson(path, { ...good, age: 66 }), 422, 'invalid', 'age');
  refused(await as.admin.postJson(path, { ...good, disability: 'yes' }), 422, 'invalid', 'disability');
  refused(await as.admin.postJson(path, { ...good, disability: 1 }), 422, 'invalid', 'disability');
  refused(await as.admin.postJson(path, { ...good, sex: true }), 422, 'invalid', 'sex');
  refused(await as.admin.postJson(path, { ...good, birth: 1960.5 }), 422, 'invalid', 'birth');
  refused(await as.admin.postJson(path, { full_name: 'A B', sex: 'F', birth_year: '1960' }), 422, 'invalid', 'birth_year');
  refused(await as.admin.postJson(path, { ...good, birth: 'năm ngoái' }), 422, 'year', 'birth');
  refused(await as.admin.postJson(path, { full_name: 'A B', sex: 'F', birth_year: 1800 }), 422, 'year', 'birth_year');
  refused(await as.admin.postJson(path, { full_name: 'A B', sex: 'F', birth_date: '30/02/1960' }), 422, 'year', 'birth_date');
  refused(await as.admin.postJson(path, { full_name: 'A B', sex: 'F', birth_year: 1961, birth_date: '1960-01-01' }), 422, 'invalid', 'birth_year');
  refused(await as.admin.postJson(path, { ...good, birth_year: 1960 }), 422, 'invalid', 'birth_year');
  refused(await as.admin.postJson(path, { full_name: 'A B', sex: 'F' }), 422, 'required', 'birth');
  refused(await as.admin.postJson(path, { full_name: 'A B', birth: '1960' }), 422, 'required', 'sex');
  refused(await as.admin.postJson(path, { ...good, sex: 'khác' }), 422, 'invalid', 'sex');
  refused(await as.admin.postJson(path, { sex: 'F', birth: '1960' }), 422, 'required', 'full_name');
  refused(await as.admin.postJson(path, { ...good, phone: '09-ab' }), 422, 'invalid', 'phone');
  refused(await as.admin.postJson(path, { ...good, household: 'rich' }), 422, 'invalid', 'household');
  refused(await as.admin.postJson(path, { ...good, national_id: '12345' }), 422, 'invalid', 'national_id');
  refused(await as.admin.postJson(path, { ...good, joined_on: '2099-01-01' }), 422, 'date', 'joined_on');
  refused(await as.admin.postJson(path, { ...good, consent_form: 'email' }), 422, 'invalid', 'consent_form');
  refused(await as.viewer.postJson(path, good), 403, 'forbidden');
  refused(await as.central.postJson(path, good), 403, 'forbidden');
  refused(await as.club.postJson(`/api/v1/clubs/${club.b.id}/members`, good), 404, 'not_found');
  refused(await as.province.postJson(`/api/v1/clubs/${club.hn.id}/members`, good), 404, 'not_found');
  // Another scope's club is absent whatever the body holds.
  refused(await as.province.postJson(`/api/v1/clubs/${club.hn.id}/members`, { bogus: 1 }), 404, 'not_found');
  refused(await as.admin.postJson('/api/v1/clubs/99999/members', good), 404, 'not_found');
  assert.equal((await as.admin.get(`${path}?include_left=1`)).json.total, count);
});

test('GET /api/v1/clubs/{id}/members and /api/v1/members list within the scope', async () => {
  let r = await as.club.get(`/api/v1/clubs/${club.a.id}/members`);
  assert.equal(r.status, 200);
  // Vietnamese order by given name: Ánh, Bình, Đức.
  assert.deepEqual(r.json.items.map((m) => m.given_name), ['Ánh', 'Ánh', 'Bình', 'Đức']);
  assert.equal(r.json.items[0].national_id, '038156000123');
  r = await as.club.get(`/api/v1/clubs/${club.a.id}/members?sort=birth`);
  assert.deepEqual(r.json.items.map((m) => m.birth_year), [1956, 1956, 1985, 1990]);
  refused(await as.club.get(`/api/v1/clubs/${club.a.id}/members?sort=age`), 422, 'invalid', 'sort');
  refused(await as.club.get(`/api/v1/clubs/${club.b.id}/members`), 404, 'not_found');
  refused(await as.province.get(`/api/v1/clubs/${club.hn.id}/members`), 404, 'not_found');
  refused(await as.viewer.get(`/api/v1/clubs/${club.a.id}/members`), 403, 'forbidden');

  const names = async (c, q = '') => {
    const res = await c.get('/api/v1/members' + q);
    assert.equal(res.status, 200, res.text);
    return res.json.items.map((m) => `${m.full_name}@${m.club_code}`).sort();
  };
  const all = await names(as.admin, '?per_page=500');
  assert.ok(all.includes('Đỗ Văn Hùng@00004-01'));
  assert.ok(all.includes('Phạm Thị Cúc@15961-02'));
  const province = await names(as.province, '?per_page=500');
  assert.ok(province.length >= 5);
  assert.ok(province.every((n) => n.endsWith('@15961-01') || n.endsWith('@15961-02')), province.join());
  assert.deepEqual(await names(as.club), ['Hoàng Văn Đức@15961-01', 'Lê Văn Bình@15961-01', 'Nguyễn Thị Ánh@15961-01', 'Nguyễn Thị Ánh@15961-01']);
  // Search without accents, across the scope; by unit; by club id or code.
  assert.deepEqual(await names(as.province, '?q=nguyen%20thi%20anh'), ['Nguyễn Thị Ánh@15961-01', 'Nguyễn Thị Ánh@15961-01']);
  assert.deepEqual(await names(as.admin, '?q=nguyen%20thi%20anh&unit=01'), ['Nguyễn Thị Ánh@00004-01']);
  assert.deepEqual(await names(as.admin, `?club=${club.b.id}`), ['Phạm Thị Cúc@15961-02']);
  assert.deepEqual(await names(as.admin, '?club=15961-02&q=cuc'), ['Phạm Thị Cúc@15961-02']);
  assert.deepEqual(await names(as.commune, '?q=hung'), []);
  // Central sees people but never the national ID number.
  r = await as.central.get('/api/v1/members?q=do%20van%20hung');
  assert.equal(r.json.items.length, 1);
  assert.ok(!('national_id' in r.json.items[0]));
  assert.ok(!r.text.includes('001048000999'));
  refused(await as.province.get('/api/v1/members?unit=01'), 403, 'out_of_scope', 'unit');
  refused(await as.province.get(`/api/v1/members?club=${club.hn.id}`), 404, 'not_found', 'club');
  refused(await as.club.get('/api/v1/members?club=15961-02'), 404, 'not_found', 'club');
  refused(await as.admin.get('/api/v1/members?unit=zz'), 404, 'not_found', 'unit');
  refused(await as.admin.get('/api/v1/members?include_left=maybe'), 422, 'invalid', 'include_left');
  refused(await as.viewer.get('/api/v1/members'), 403, 'forbidden');
});

test('GET /api/v1/members/{id}: in scope only, the ID number only for roles that may see it', async () => {
  let r = await as.commune.get(`/api/v1/members/${member.anh.id}`);
  assert.equal(r.status, 200);
  assert.equal(r.json.national_id, '038156000123');
  r = await as.central.get(`/api/v1/members/${member.anh.id}`);
  assert.equal(r.status, 200);
  assert.ok(!('national_id' in r.json));
  refused(await as.province.get(`/api/v1/members/${member.hung.id}`), 404, 'not_found');
  refused(await as.club.get(`/api/v1/members/${member.cuc.id}`), 404, 'not_found');
  refused(await as.viewer.get(`/api/v1/members/${member.anh.id}`), 403, 'forbidden');
  refused(await as.admin.get('/api/v1/members/99999'), 404, 'not_found');
});

test('PATCH /api/v1/members/{id} changes what is given; leaving needs a reason', async () => {
  const patch = (c, id, body) => c.request('PATCH', `/api/v1/members/${id}`, { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
  let r = await patch(as.club, member.binh.id, { phone: '0987.654.321', lives_alone: true, birth_date: '12/08/1990' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.phone, '0987654321');
  assert.equal(r.json.lives_alone, true);
  assert.equal(r.json.birth_date, '1990-08-12');
  assert.equal(r.json.given_name, 'Bình');
  // Clearing the date keeps the year.
  r = await patch(as.club, member.binh.id, { birth_date: null });
  assert.equal(r.json.birth_date, null);
  assert.equal(r.json.birth_year, 1990);
  r = await patch(as.commune, member.binh.id, { given_name: 'Bính' });
  assert.equal(r.json.full_name, 'Lê Văn Bính');
  refused(await patch(as.club, member.binh.id, { left_on: '2026-01-10' }), 422, 'required', 'left_reason');
  refused(await patch(as.club, member.binh.id, { left_on: '2020-01-01', left_reason: 'x' }), 422, 'date', 'left_on');
  refused(await patch(as.club, member.binh.id, { shoe_size: 42 }), 422, 'invalid', 'shoe_size');
  refused(await patch(as.club, member.binh.id, { confirm_duplicate: true }), 422, 'invalid', 'confirm_duplicate');
  refused(await patch(as.club, member.binh.id, { health_card: 'có' }), 422, 'invalid', 'health_card');
  refused(await patch(as.club, member.binh.id, { sex: null }), 422, 'required', 'sex');
  refused(await patch(as.club, member.cuc.id, { phone: '0911111111' }), 404, 'not_found');
  refused(await patch(as.province, member.hung.id, { phone: '0911111111' }), 404, 'not_found');
  refused(await patch(as.central, member.binh.id, { phone: '0911111111' }), 403, 'forbidden');
  refused(await patch(as.viewer, member.binh.id, { phone: '0911111111' }), 403, 'forbidden');
  r = await as.admin.get(`/api/v1/members/${member.binh.id}`);
  assert.equal(r.json.phone, '0987654321');
  assert.equal(r.json.left_on, null);
  // Leaving with a reason: off the list, unless include_left.
  r = await patch(as.club, member.binh.id, { left_on: '2026-01-10', left_reason: 'Chuyển nơi ở' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.left_on, '2026-01-10');
  r = await as.club.get(`/api/v1/clubs/${club.a.id}/members`);
  assert.ok(!r.json.items.some((m) => m.id === member.binh.id));
  r = await as.club.get(`/api/v1/clubs/${club.a.id}/members?include_left=1`);
  assert.ok(r.json.items.some((m) => m.id === member.binh.id));
  r = await as.club.get('/api/v1/members?include_left=true&q=binh');
  assert.equal(r.json.total, 1);
});

test('board: POST and GET /api/v1/clubs/{id}/board', async () => {
  const path = `/api/v1/clubs/${club.a.id}/board`;
  let r = await as.club.postJson(path, { member_id: member.anh.id, role: 'chair', from: '15/03/2024' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.role, 'chair');
  assert.equal(r.json.role_label, 'Chủ nhiệm');
  assert.equal(r.json.from, '2024-03-15');
  assert.equal(r.json.to, null);
  assert.equal(r.json.member_name, 'Nguyễn Thị Ánh');
  // A new chair: the previous one's term ends the day before.
  r = await as.commune.postJson(path, { member_id: member.duc.id, role: 'chair', from: '2026-01-01' });
  assert.equal(r.status, 201, r.text);
  r = await as.club.postJson(path, { member_id: member.anh.id, role: 'treasurer' });
  assert.equal(r.status, 201, r.text);
  r = await as.club.get(path);
  assert.equal(r.status, 200);
  const anhChair = r.json.items.find((b) => b.member_id === member.anh.id && b.role === 'chair');
  assert.equal(anhChair.to, '2025-12-31');
  r = await as.club.get(`${path}?current=1`);
  assert.deepEqual(r.json.items.map((b) => `${b.role}:${b.member_name}`), ['chair:Hoàng Văn Đức', 'treasurer:Nguyễn Thị Ánh']);
  refused(await as.club.get(`${path}?current=perhaps`), 422, 'invalid', 'current');
  refused(await as.club.postJson(path, { member_id: member.anh.id, role: 'king' }), 422, 'invalid', 'role');
  refused(await as.club.postJson(path, { member_id: member.anh.id }), 422, 'required', 'role');
  refused(await as.club.postJson(path, { role: 'secretary' }), 422, 'required', 'member_id');
  refused(await as.club.postJson(path, { member_id: String(member.anh.id), role: 'secretary' }), 422, 'invalid', 'member_id');
  refused(await as.club.postJson(path, { member_id: member.anh.id, role: 'secretary', from: '2026-02-30' }), 422, 'date', 'from');
  refused(await as.club.postJson(path, { member_id: member.anh.id, role: 'secretary', until: '2027-01-01' }), 422, 'invalid', 'until');
  // A member of another club, or one who left, cannot hold a role here.
  refused(await as.admin.postJson(path, { member_id: member.cuc.id, role: 'secretary' }), 422, 'invalid', 'member_id');
  refused(await as.admin.postJson(path, { member_id: member.hung.id, role: 'secretary' }), 422, 'invalid', 'member_id');
  refused(await as.club.postJson(path, { member_id: member.binh.id, role: 'secretary' }), 422, 'invalid', 'member_id');
  refused(await as.club.postJson(`/api/v1/clubs/${club.b.id}/board`, { member_id: member.cuc.id, role: 'chair' }), 404, 'not_found');
  refused(await as.province.get(`/api/v1/clubs/${club.hn.id}/board`), 404, 'not_found');
  refused(await as.viewer.get(path), 403, 'forbidden');
  refused(await as.central.postJson(path, { member_id: member.anh.id, role: 'secretary' }), 403, 'forbidden');
  assert.equal((await as.central.get(path)).status, 200);
});

test('volunteers: POST and GET /api/v1/clubs/{id}/volunteers', async () => {
  const path = `/api/v1/clubs/${club.a.id}/volunteers`;
  let r = await as.club.postJson(path, { member_id: member.duc.id, from: '01/06/2025' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.member_name, 'Hoàng Văn Đức');
  assert.equal(r.json.from, '2025-06-01');
  assert.deepEqual(r.json.visits, []);
  r = await as.commune.postJson(path, { member_id: member.anh.id });
  assert.equal(r.status, 201, r.text);
  r = await as.club.get(path);
  assert.equal(r.status, 200);
  assert.equal(r.json.items.length, 2);
  refused(await as.club.postJson(path, {}), 422, 'required', 'member_id');
  refused(await as.club.postJson(path, { member_id: 'Đức' }), 422, 'invalid', 'member_id');
  refused(await as.club.postJson(path, { member_id: member.duc.id, from: 'mai' }), 422, 'date', 'from');
  refused(await as.club.postJson(path, { member_id: member.duc.id, visits: [] }), 422, 'invalid', 'visits');
  refused(await as.admin.postJson(path, { member_id: member.hung.id }), 422, 'invalid', 'member_id');
  refused(await as.club.postJson(`/api/v1/clubs/${club.b.id}/volunteers`, { member_id: member.cuc.id }), 404, 'not_found');
  refused(await as.province.get(`/api/v1/clubs/${club.hn.id}/volunteers`), 404, 'not_found');
  refused(await as.viewer.get(path), 403, 'forbidden');
  refused(await as.viewer.postJson(path, { member_id: member.duc.id }), 403, 'forbidden');
  // The composition counts them.
  r = await as.club.get(`/api/v1/composition?club=${club.a.id}`);
  assert.equal(r.json.volunteers, 2);
  assert.equal(r.json.board, 2);
});

test('GET /api/v1/composition for a club or a unit, within the scope', async () => {
  let r = await as.province.get('/api/v1/composition?unit=38');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.unit.code, '38');
  assert.equal(r.json.unit.level, 'province');
  assert.equal(r.json.club, null);
  assert.equal(r.json.clubs, 2);  // founded or active; the planned club is not counted
  const province = r.json.members;
  assert.equal(province, 4);
  r = await as.province.get('/api/v1/composition');
  assert.equal(r.json.members, province);
  r = await as.admin.get('/api/v1/composition');
  assert.equal(r.json.members, province + 2);
  r = await as.admin.get('/api/v1/composition?unit=01');
  assert.equal(r.json.members, 2);
  // Viewers see the same sums (no names); a club's people see their club.
  r = await as.viewer.get('/api/v1/composition?unit=38');
  assert.equal(r.json.members, province);
  assert.ok(!r.text.includes('Ánh'));
  r = await as.club.get('/api/v1/composition');
  assert.equal(r.json.members, 3);  // Ánh twice and Đức; Bình has left
  r = await as.admin.get('/api/v1/composition?club=15961-01&on=2024-12-31');
  assert.equal(r.json.club.code, '15961-01');
  assert.equal(r.json.on, '2024-12-31');
  assert.equal(r.json.members, 2);
  assert.equal(r.json.checks.length, 7);
  refused(await as.admin.get('/api/v1/composition?club=1&unit=38'), 422, 'invalid', 'unit');
  refused(await as.admin.get('/api/v1/composition?on=yesterday'), 422, 'date', 'on');
  refused(await as.admin.get('/api/v1/composition?unit=123456'), 404, 'not_found', 'unit');
  refused(await as.province.get('/api/v1/composition?unit=01'), 403, 'out_of_scope', 'unit');
  refused(await as.province.get(`/api/v1/composition?club=${club.hn.id}`), 404, 'not_found', 'club');
  refused(await as.club.get(`/api/v1/composition?club=${club.b.id}`), 404, 'not_found', 'club');
});

test('the OpenAPI document lists every club and member route', async () => {
  const doc = (await new Client(srv.url).get('/api/v1/openapi.json')).json;
  for (const [path, methods] of [
    ['/api/v1/clubs', ['get', 'post']], ['/api/v1/clubs/{id}', ['get', 'patch']],
    ['/api/v1/clubs/{id}/members', ['get', 'post']], ['/api/v1/members', ['get']], ['/api/v1/members/{id}', ['get', 'patch']],
    ['/api/v1/clubs/{id}/board', ['get', 'post']], ['/api/v1/clubs/{id}/volunteers', ['get', 'post']], ['/api/v1/composition', ['get']],
  ]) {
    assert.ok(doc.paths[path], path);
    for (const m of methods) assert.ok(doc.paths[path][m]?.summary, `${m} ${path}`);
  }
});
