// Club pages: the list, a new club, one club (details, composition against the model, board,
// volunteers, edit), the composition of any unit — for each role, with bad input for each form.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, USERS, validateHtml } from '../lib/harness.mjs';

let srv;
const as = {};         // role -> logged-in client
const pages = {};      // pages checked by the HTML validator at the end
const ids = {};        // club ids by a short name

before(async () => {
  srv = await startServer();
  for (const name of Object.keys(USERS)) {
    as[name] = new Client(srv.url);
    await as[name].login(name, USERS[name].password);
  }
});
after(async () => { await srv.stop(); srv.cleanup(); });

const unescape = (s) => s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');

// The message shown under the field with this id, or null when the field is not marked.
function fieldError(html, id) {
  const input = new RegExp(`id="f-${id}"[^>]*aria-invalid="true"`);
  if (!input.test(html)) return null;
  const m = html.match(new RegExp(`<p class="msg" id="e-${id}">([^<]*)</p>`));
  return m ? unescape(m[1]) : null;
}

// The value shown in the input with this id ("" when none).
function valueOf(html, id) {
  const tag = html.match(new RegExp(`<input id="f-${id}"[^>]*>`));
  assert.ok(tag, `an input f-${id}`);
  const v = tag[0].match(/ value="([^"]*)"/);
  return v ? unescape(v[1]) : '';
}

function selected(html, id) {
  const sel = html.match(new RegExp(`<select id="f-${id}"[\\s\\S]*?</select>`));
  assert.ok(sel, `a select f-${id}`);
  const o = sel[0].match(/<option value="([^"]*)" selected>/);
  return o ? o[1] : null;
}

async function createClub(client, fields) {
  const r = await client.postForm('/clubs', fields);
  assert.equal(r.status, 303, r.text.slice(0, 400));
  const m = r.headers.get('location').match(/^\/clubs\/(\d+)\?saved=1$/);
  assert.ok(m, r.headers.get('location'));
  return Number(m[1]);
}

async function clubCount(client, query = '') {
  const r = await client.get('/clubs' + query);
  const m = r.text.match(/<p class="count">([\d.]+) câu lạc bộ<\/p>/);
  assert.ok(m, 'the list says how many clubs');
  return Number(m[1].replace(/\./g, ''));
}

async function addMember(client, clubId, fields) {
  const r = await client.postForm(`/clubs/${clubId}/members`, { sex: 'F', birth: '1950', joined_on: '01/02/2025', ...fields });
  assert.equal(r.status, 303, r.text.slice(0, 300));
  return Number(r.headers.get('location').match(/^\/members\/(\d+)/)[1]);
}

test('a commune officer creates a club in their commune: code, commune then and now, programme, contact', async () => {
  let r = await as.commune.get('/clubs/new');
  assert.equal(r.status, 200);
  assert.equal(valueOf(r.text, 'unit_code'), '15961', 'the commune officer\'s commune is filled in');
  assert.match(r.text, /→ Xã Hoằng Lộc, Thanh Hóa/, 'the commune\'s name is shown');
  assert.match(r.text, /<option value="DA1336">Đề án 1336/, 'the programmes come from the programmes table');
  pages.new = r.text;
  ids.phukhe = await createClub(as.commune, {
    name: 'CLB Liên thế hệ tự giúp nhau thôn Phú Khê', unit_code: '15961', village: 'Thôn Phú Khê',
    founded_on: '15/03/2021', decision_no: '125/QĐ-UBND', decision_date: '10/03/2021', programme: 'DA1336',
    meeting_place: 'Nhà văn hóa thôn', contact_name: 'Lê Văn Nam', contact_phone: '0912 345 678',
  });
  r = await as.commune.get(`/clubs/${ids.phukhe}?saved=1`);
  assert.equal(r.status, 200);
  assert.match(r.text, /Đã lưu\./);
  assert.match(r.text, /<h1>CLB Liên thế hệ tự giúp nhau thôn Phú Khê<\/h1>/);
  assert.match(r.text, /15961-01/);
  // Founded in 2021: code 15961 was then Xã Hoằng Thành, whose history today's Xã Hoằng Lộc carries.
  assert.match(r.text, /Xã khi thành lập<\/dt><dd>Xã Hoằng Thành, Huyện Hoằng Hóa, Thanh Hóa \(15961\)/);
  assert.match(r.text, /Xã hiện nay<\/dt><dd>Xã Hoằng Lộc, Thanh Hóa \(15961\)/);
  assert.match(r.text, /Số 125\/QĐ-UBND ngày 10\/03\/2021/);
  assert.match(r.text, /<strong>Đã thành lập<\/strong> từ 15\/03\/2021/);
  assert.match(r.text, /Đề án 1336: Nhân rộng mô hình/);
  assert.match(r.text, /Lê Văn Nam · <a href="tel:0912345678">0912345678<\/a>/);
  // The links of the club's books.
  for (const href of [`/clubs/${ids.phukhe}/members`, `/clubs/${ids.phukhe}/members/new`, `/clubs/${ids.phukhe}/book`,
    `/imports/new?kind=members&amp;club=${ids.phukhe}`, `/exports/members.xlsx?club=${ids.phukhe}`, `/exports/members.csv?club=${ids.phukhe}`]) {
    assert.ok(r.text.includes(`href="${href}"`), href);
  }
  pages.show_new = r.text;
  // A club not founded yet is planned, in today's commune.
  ids.trung = await createClub(as.commune, { name: 'CLB thôn Trung', unit_code: '15961' });
  r = await as.commune.get(`/clubs/${ids.trung}`);
  assert.match(r.text, /15961-02/);
  assert.match(r.text, /<strong>Dự kiến thành lập<\/strong>/);
  assert.match(r.text, /Xã hiện nay<\/dt><dd>vẫn là xã trên/);
  assert.match(r.text, /CLB chưa có thành viên nào trên sổ\./);
});

test('bad input in the new-club form: the message next to the field, what was typed kept, nothing created', async () => {
  const before = await clubCount(as.admin);
  const good = { name: 'CLB thôn Đông', unit_code: '15961', village: 'Thôn Đông', founded_on: '01/02/2024', contact_phone: '0912345678', programme: 'DA1648' };
  const cases = [
    [{ name: '   ' }, 'name', 422, /Vui lòng nhập thông tin này\./],
    [{ unit_code: '' }, 'unit_code', 422, /Vui lòng nhập thông tin này\./],
    [{ unit_code: '99999' }, 'unit_code', 422, /Không có xã, phường nào mang mã này/],
    [{ unit_code: '14758' }, 'unit_code', 403, /nằm ngoài phạm vi của bạn/],
    [{ founded_on: '30/02/2024' }, 'founded_on', 422, /Ngày không hợp lệ/],
    [{ decision_date: 'hôm qua' }, 'decision_date', 422, /Ngày không hợp lệ/],
    [{ status: 'sleeping' }, 'status', 422, /Giá trị không hợp lệ/],
    [{ programme: 'DA9999' }, 'programme', 422, /Giá trị không hợp lệ/],
    [{ contact_phone: '12 34' }, 'contact_phone', 422, /Số điện thoại gồm 9 đến 13 chữ số/],
    [{ name: 'x'.repeat(151) }, 'name', 422, /Nội dung quá dài/],
  ];
  for (const [change, field, status, message] of cases) {
    const fields = { ...good, ...change };
    const r = await as.commune.postForm('/clubs', fields);
    assert.equal(r.status, status, `${field}: ${JSON.stringify(change)}`);
    assert.match(fieldError(r.text, field) ?? '', message, `the message is next to ${field}`);
    assert.match(r.text, /Chưa lưu được/);
    for (const f of ['name', 'village', 'founded_on', 'contact_phone']) assert.equal(valueOf(r.text, f), fields[f], `${f} is kept`);
    if (field !== 'programme') assert.equal(selected(r.text, 'programme'), 'DA1648', 'the programme chosen is kept');
    pages[`new_bad_${field}`] = r.text;
  }
  assert.equal(await clubCount(as.admin), before, 'no club was created');
  // A club's own people and viewers do not found clubs.
  for (const who of ['club', 'viewer']) {
    assert.equal((await as[who].get('/clubs/new')).status, 403);
    assert.equal((await as[who].postForm('/clubs', good)).status, 403);
  }
  assert.equal(await clubCount(as.admin), before);
});

test('each role sees the clubs of its scope only; another club\'s id answers 404', async () => {
  ids.hamrong = await createClub(as.province, { name: 'CLB phường Hàm Rồng', unit_code: '14758', founded_on: '10/01/2026' });
  ids.badinh = await createClub(as.admin, { name: 'CLB phường Ba Đình', unit_code: '00004', founded_on: '10/01/2026', contact_name: 'Phạm Thị Hà' });
  ids.central = await createClub(as.central, { name: 'CLB Trung ương thử', unit_code: '00004' });
  const all = [ids.phukhe, ids.trung, ids.hamrong, ids.badinh, ids.central];
  const sees = {
    admin: all, central: all, viewer: all,
    province: [ids.phukhe, ids.trung, ids.hamrong],
    commune: [ids.phukhe, ids.trung],
    club: [ids.phukhe],
  };
  for (const [who, visible] of Object.entries(sees)) {
    const list = await as[who].get('/clubs');
    assert.equal(list.status, 200, who);
    assert.equal(await clubCount(as[who]), visible.length, `${who} lists ${visible.length} clubs`);
    for (const id of all) {
      const r = await as[who].get(`/clubs/${id}`);
      const should = visible.includes(id);
      assert.equal(r.status, should ? 200 : 404, `${who} GET /clubs/${id}`);
      assert.equal(list.text.includes(`href="/clubs/${id}"`), should, `${who} list and club ${id}`);
      if (!should) {
        // Guessing another club's id: the same answer as a club that does not exist; no change either.
        assert.equal((await as[who].postForm(`/clubs/${id}`, { name: 'Đổi tên' })).status, ['club', 'viewer'].includes(who) ? 403 : 404);
        assert.equal((await as[who].get(`/clubs/${id}/book`)).status, who === 'viewer' ? 403 : 404);
      }
    }
    assert.equal((await as[who].get('/clubs/999999')).status, 404);
  }
  pages.list_province = (await as.province.get('/clubs')).text;
  pages.list_club = (await as.club.get('/clubs')).text;
  // The club's people read their club's page but change nothing about the club itself.
  let r = await as.club.get(`/clubs/${ids.phukhe}`);
  assert.doesNotMatch(r.text, /Sửa thông tin CLB/);
  assert.match(r.text, /Giao chức vụ/, 'the club keeps its own board');
  assert.equal((await as.club.postForm(`/clubs/${ids.phukhe}`, { name: 'Đổi tên' })).status, 403);
  pages.show_club = r.text;
  // Central sees and edits clubs but keeps no members' books.
  r = await as.central.get(`/clubs/${ids.phukhe}`);
  assert.match(r.text, /Sửa thông tin CLB/);
  assert.doesNotMatch(r.text, /Giao chức vụ/);
  assert.doesNotMatch(r.text, /members\/new/);
  pages.show_central = r.text;
});

test('a viewer sees clubs and composition figures, never a person\'s name or contact', async () => {
  const a = await addMember(as.commune, ids.phukhe, { full_name: 'Nguyễn Thị Lan' });
  await as.commune.postForm(`/clubs/${ids.phukhe}/board`, { member_id: String(a), role: 'chair', from: '01/03/2025' });
  await as.commune.postForm(`/clubs/${ids.phukhe}/volunteers`, { member_id: String(a), from: '01/03/2025' });
  const names = ['Nguyễn Thị Lan', 'Lê Văn Nam', 'Phạm Thị Hà', '0912345678'];
  for (const path of ['/clubs', `/clubs/${ids.phukhe}`, `/clubs/${ids.badinh}`, '/composition', '/composition?unit=38', `/clubs?q=phu+khe`]) {
    const r = await as.viewer.get(path);
    assert.equal(r.status, 200, path);
    for (const n of names) assert.ok(!r.text.includes(n), `${path} shows no ${n}`);
    pages[`viewer${path.replace(/\W+/g, '_')}`] = r.text;
  }
  const r = await as.viewer.get(`/clubs/${ids.phukhe}`);
  assert.match(r.text, /Thành phần so với mô hình CLB/);
  assert.match(r.text, /Số thành viên \(mỗi CLB\)/);
  assert.doesNotMatch(r.text, /Ban chủ nhiệm hiện nay|Liên hệ<\/dt>|Danh sách thành viên/);
  // The officer sees the same club with the names.
  const c = await as.commune.get(`/clubs/${ids.phukhe}`);
  assert.match(c.text, /Nguyễn Thị Lan/);
  assert.match(c.text, /Lê Văn Nam/);
});

test('the list: search without accents, filter by unit and status, paginate', async () => {
  let r = await as.admin.get('/clubs?q=phu+khe');
  assert.equal(await clubCount(as.admin, '?q=phu+khe'), 1);
  assert.match(r.text, /CLB Liên thế hệ tự giúp nhau thôn Phú Khê/);
  assert.equal(await clubCount(as.admin, '?q=PHÚ%20KHÊ'), 1);
  assert.equal(await clubCount(as.admin, '?q=15961-02'), 1, 'a club is found by its code');
  assert.equal(await clubCount(as.admin, '?unit=38'), 3);
  assert.equal(await clubCount(as.admin, '?unit=15961'), 2);
  assert.equal(await clubCount(as.admin, '?unit=01'), 2);
  assert.equal(await clubCount(as.admin, '?status=planned'), 2);
  r = await as.admin.get('/clubs?status=sleeping');
  assert.equal(r.status, 422);
  assert.match(r.text, /<select id="f-status" name="status" aria-invalid="true"/);
  r = await as.admin.get('/clubs?unit=99999');
  assert.equal(r.status, 404);
  assert.match(fieldError(r.text, 'unit'), /Không tìm thấy/);
  assert.equal(valueOf(r.text, 'unit'), '99999');
  r = await as.province.get('/clubs?unit=01');
  assert.equal(r.status, 403, 'a province officer cannot list another province');
  assert.match(fieldError(r.text, 'unit'), /ngoài phạm vi/);
  pages.list_bad_unit = r.text;
  // Vietnamese order: Hàm Rồng, Liên thế hệ..., Phường Ba Đình... ("CLB " alike); a second page past 50.
  for (let i = 1; i <= 49; i++) await createClub(as.admin, { name: `CLB khu phố ${i}`, unit_code: '14758' });
  r = await as.admin.get('/clubs');
  const names = [...r.text.matchAll(/<a href="\/clubs\/\d+">([^<]+)<\/a>/g)].map((m) => m[1]);
  assert.equal(names.length, 50, 'fifty clubs a page');
  assert.deepEqual(names.slice(0, 3), ['CLB khu phố 1', 'CLB khu phố 2', 'CLB khu phố 3'], 'numbers in numeric order');
  assert.match(r.text, /Trang 1 \/ 2/);
  assert.match(r.text, /href="\/clubs\?q=&amp;unit=&amp;status=&amp;page=2"/);
  pages.list_page1 = r.text;
  r = await as.admin.get('/clubs?q=&unit=&status=&page=2');
  const rest = [...r.text.matchAll(/<a href="\/clubs\/\d+">([^<]+)<\/a>/g)].map((m) => m[1]);
  assert.equal(rest.length, 4);
  assert.ok(rest.includes('CLB Trung ương thử'));
  pages.list_page2 = r.text;
});

test('editing a club: status with its date, history kept; bad input changes nothing', async () => {
  const path = `/clubs/${ids.trung}`;
  let r = await as.commune.postForm(path, { name: 'CLB thôn Trung', status: 'active', status_date: '01/09/2026', founded_on: '20/08/2026', programme: '' });
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), `${path}?saved=1#edit`);
  r = await as.commune.get(path);
  assert.match(r.text, /<strong>Đang hoạt động<\/strong> từ 01\/09\/2026/);
  assert.match(r.text, /Quá trình: Dự kiến thành lập từ \d\d\/\d\d\/\d{4}; Đang hoạt động từ 01\/09\/2026/);
  // The edit form sends the status again: saving the name alone keeps its date.
  r = await as.commune.postForm(path, { name: 'CLB Liên thế hệ thôn Trung', status: 'active', status_date: '' });
  assert.equal(r.status, 303);
  r = await as.commune.get(path);
  assert.match(r.text, /<h1>CLB Liên thế hệ thôn Trung<\/h1>/);
  assert.match(r.text, /từ 01\/09\/2026/);
  for (const [fields, field, msg] of [
    [{ name: '', status: 'active' }, 'name', /Vui lòng nhập/],
    [{ name: 'Tên mới', status: 'active', status_date: '31/02/2026' }, 'status_date', /Ngày không hợp lệ/],
    [{ name: 'Tên mới', status: 'merged' }, 'status', /Giá trị không hợp lệ/],
    [{ name: 'Tên mới', contact_phone: 'abc' }, 'contact_phone', /Số điện thoại/],
  ]) {
    r = await as.commune.postForm(path, fields);
    assert.equal(r.status, 422, field);
    assert.match(fieldError(r.text, field) ?? selected(r.text, 'status') ?? '', msg);
    assert.match(r.text, /<details open><summary><h2>Sửa thông tin CLB/, 'the edit form is open');
    if (fields.name) assert.equal(valueOf(r.text, 'name'), 'Tên mới', 'the name typed is kept');
    pages[`edit_bad_${field}`] = r.text;
  }
  r = await as.commune.get(path);
  assert.match(r.text, /<h1>CLB Liên thế hệ thôn Trung<\/h1>/, 'nothing changed');
  assert.match(r.text, /<strong>Đang hoạt động<\/strong> từ 01\/09\/2026/);
});

test('the board and the volunteers through the club page', async () => {
  const club = ids.trung;
  const m = {};
  for (const [k, name] of [['lan', 'Trần Thị Lan'], ['hoa', 'Lê Thị Hoa'], ['nam', 'Phạm Văn Nam'], ['tu', 'Đỗ Văn Tư']]) {
    m[k] = await addMember(as.commune, club, { full_name: name, sex: k === 'nam' || k === 'tu' ? 'M' : 'F', birth: '1948', joined_on: '01/09/2026' });
  }
  let r = await as.commune.postForm(`/clubs/${club}/board`, { member_id: String(m.lan), role: 'chair', from: '01/09/2026' });
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), `/clubs/${club}?saved=1#board`);
  r = await as.commune.postForm(`/clubs/${club}/board`, { member_id: String(m.nam), role: 'vice_chair', from: '01/09/2026' });
  assert.equal(r.status, 303);
  // A new chair: the term of the previous one ends the day before.
  r = await as.commune.postForm(`/clubs/${club}/board`, { member_id: String(m.hoa), role: 'chair', from: '01/10/2026' });
  assert.equal(r.status, 303);
  r = await as.commune.get(`/clubs/${club}`);
  const now = r.text.slice(r.text.indexOf('Ban chủ nhiệm hiện nay'), r.text.indexOf('Các nhiệm kỳ đã kết thúc'));
  assert.match(now, /Chủ nhiệm<\/td><td data-label="Họ và tên"><a href="\/members\/\d+">Lê Thị Hoa/);
  assert.match(now, /Phó chủ nhiệm<\/td><td data-label="Họ và tên"><a href="\/members\/\d+">Phạm Văn Nam/);
  assert.doesNotMatch(now, /Trần Thị Lan/);
  assert.match(r.text, /Các nhiệm kỳ đã kết thúc[\s\S]*Trần Thị Lan[\s\S]*01\/09\/2026[\s\S]*30\/09\/2026/);
  pages.board = r.text;
  // Bad input: the message under the board form's field, the choices kept.
  for (const [fields, id, status, msg] of [
    [{ member_id: '', role: 'secretary', from: '01/10/2026' }, 'board-member_id', 422, /Vui lòng nhập/],
    [{ member_id: String(m.tu), role: '', from: '01/10/2026' }, 'board-role', 422, /Vui lòng nhập/],
    [{ member_id: String(m.tu), role: 'king', from: '01/10/2026' }, 'board-role', 422, /Giá trị không hợp lệ/],
    [{ member_id: String(m.tu), role: 'secretary', from: '1/13/2026' }, 'board-from', 422, /Ngày không hợp lệ/],
    [{ member_id: String(m.tu), role: 'secretary', from: '01/08/2099' }, 'board-from', 422, /không được sau hôm nay/],
    [{ member_id: String(m.nam), role: 'vice_chair', from: '01/10/2026' }, 'board-member_id', 422, /đang giữ chức vụ này/],
    [{ member_id: String(m.tu), role: 'chair', from: '15/09/2026' }, 'board-from', 422, /sau ngày nhận chức của người đang giữ/],
  ]) {
    r = await as.commune.postForm(`/clubs/${club}/board`, fields);
    assert.equal(r.status, status, JSON.stringify(fields));
    const tag = r.text.match(new RegExp(`id="f-${id}"[^>]*>`))[0];
    assert.match(tag, /aria-invalid="true"/, `${id} is marked`);
    assert.match(unescape(r.text.match(new RegExp(`<p class="msg" id="e-${id}">([^<]*)</p>`))[1]), msg);
    if (fields.member_id) assert.match(r.text, new RegExp(`<option value="${fields.member_id}" selected>`), 'the member chosen is kept');
    assert.equal(valueOf(r.text, 'board-from'), fields.from, 'the date typed is kept');
    pages[`board_bad_${id}_${status}`] = r.text;
  }
  // A member of another club cannot be given a role here.
  const other = await addMember(as.commune, ids.phukhe, { full_name: 'Bùi Văn Khoa' });
  r = await as.commune.postForm(`/clubs/${club}/board`, { member_id: String(other), role: 'secretary', from: '01/10/2026' });
  assert.equal(r.status, 404);
  assert.match(r.text, /id="f-board-member_id"[^>]*aria-invalid="true"/);
  // Ending a term.
  const roleId = Number(r.text.match(/action="\/board\/(\d+)\/end"/)[1]);
  r = await as.commune.postForm(`/board/${roleId}/end`, { to: '01/01/2020' });
  assert.equal(r.status, 422);
  assert.match(r.text, new RegExp(`id="f-end-b${roleId}-to"[^>]*aria-invalid="true"`));
  assert.match(r.text, /Ngày kết thúc không được trước ngày bắt đầu/);
  assert.match(r.text, /<details open><summary>Kết thúc nhiệm kỳ/);
  pages.board_end_bad = r.text;
  assert.equal((await as.province.postForm(`/board/${roleId}/end`, { to: '' })).status, 303, 'the province keeps books too');
  assert.equal((await as.commune.postForm(`/board/${roleId}/end`, { to: '' })).status, 422, 'a term ends once');
  for (const who of ['club', 'central', 'viewer']) {
    const x = await as[who].postForm(`/board/${roleId}/end`, { to: '' });
    assert.equal(x.status, who === 'club' ? 404 : 403, `${who} ends no other club's roles`);
  }
  assert.equal((await as.commune.postForm('/board/999999/end', { to: '' })).status, 404);

  // Volunteers and whom they visit.
  r = await as.commune.postForm(`/clubs/${club}/volunteers`, { member_id: String(m.lan), from: '01/09/2026' });
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), `/clubs/${club}?saved=1#volunteers`);
  r = await as.commune.postForm(`/clubs/${club}/volunteers`, { member_id: String(m.lan), from: '01/09/2026' });
  assert.equal(r.status, 422);
  assert.match(r.text, /đang là tình nguyện viên/);
  r = await as.commune.postForm(`/clubs/${club}/volunteers`, { member_id: '', from: '01/09/2026' });
  assert.equal(r.status, 422);
  assert.match(r.text, /id="f-volunteer-member_id"[^>]*aria-invalid="true"/);
  r = await as.commune.get(`/clubs/${club}`);
  const volId = Number(r.text.match(/action="\/volunteers\/(\d+)\/visits"/)[1]);
  assert.equal((await as.commune.postForm(`/volunteers/${volId}/visits`, { member_id: String(m.tu), from: '01/09/2026' })).status, 303);
  assert.equal((await as.commune.postForm(`/volunteers/${volId}/visits`, { member_id: '', person_name: 'Cụ Hồ Thị Nhàn', from: '' })).status, 303);
  r = await as.commune.postForm(`/volunteers/${volId}/visits`, { member_id: '', person_name: '  ', from: '' });
  assert.equal(r.status, 422);
  assert.match(r.text, new RegExp(`id="f-visit-${volId}-person_name"[^>]*aria-invalid="true"`));
  assert.match(r.text, /<details open><summary>Thêm người được thăm/);
  pages.visit_bad = r.text;
  r = await as.commune.postForm(`/volunteers/${volId}/visits`, { member_id: String(m.lan), from: '' });
  assert.equal(r.status, 422, 'a volunteer does not visit themself');
  r = await as.commune.get(`/clubs/${club}`);
  assert.match(r.text, /Đỗ Văn Tư, Cụ Hồ Thị Nhàn/);
  pages.volunteers = r.text;
  assert.equal((await as.club.postForm(`/volunteers/${volId}/visits`, { person_name: 'X' })).status, 404, 'another club\'s volunteer');
  assert.equal((await as.commune.postForm(`/volunteers/${volId}/end`, { to: '31/12/2099' })).status, 422);
  assert.equal((await as.commune.postForm(`/volunteers/${volId}/end`, { to: '' })).status, 303);
  r = await as.commune.get(`/clubs/${club}`);
  assert.match(r.text, /Đã thôi làm tình nguyện viên/);
  assert.doesNotMatch(r.text, /Cụ Hồ Thị Nhàn/);
});

test('composition against the model: each figure with its target, flagged when off; any unit summed', async () => {
  let r = await as.commune.get(`/clubs/${ids.trung}`);
  const section = r.text.slice(r.text.indexOf('id="composition"'), r.text.indexOf('id="board"'));
  assert.match(section, /<tr class="off"><td data-label="Chỉ số">Số thành viên \(mỗi CLB\)<\/td><td class="num" data-label="Hiện có">4<\/td><td class="num" data-label="Mô hình">50–70<\/td>/);
  assert.match(section, /✗ Chưa đạt: thấp hơn mô hình/);
  assert.match(section, /Tỷ lệ người cao tuổi<\/td><td class="num" data-label="Hiện có">100,0% <span class="muted">\(4\/4\)<\/span><\/td><td class="num" data-label="Mô hình">60–70%<\/td><td data-label="Đánh giá"><strong class="flag off">✗ Chưa đạt: cao hơn mô hình/);
  assert.match(section, /Tỷ lệ nữ<\/td><td class="num" data-label="Hiện có">50,0%/);
  assert.match(section, /Người cao tuổi: từ 60 tuổi trở lên/);
  assert.match(section, /chỉ số chưa đạt mô hình/);
  // A unit's clubs summed; a province officer cannot look at another province.
  r = await as.province.get('/composition');
  assert.equal(r.status, 200);
  assert.match(r.text, /<h2>Thanh Hóa \(38\)<\/h2>/);
  assert.match(r.text, /Thành phần ngày \d\d\/\d\d\/\d{4} — 3 CLB, số đếm là bình quân mỗi CLB/);
  pages.comp_province = r.text;
  r = await as.province.get('/composition?unit=15961&on=01/12/2026');
  assert.match(r.text, /<h2>Xã Hoằng Lộc, Thanh Hóa \(15961\)<\/h2>/);
  r = await as.province.get('/composition?unit=01');
  assert.equal(r.status, 403);
  assert.match(fieldError(r.text, 'unit'), /ngoài phạm vi/);
  r = await as.admin.get('/composition?unit=38&on=31/02/2026');
  assert.equal(r.status, 422);
  assert.match(fieldError(r.text, 'on'), /Ngày không hợp lệ/);
  assert.equal(valueOf(r.text, 'on'), '31/02/2026');
  pages.comp_bad = r.text;
  r = await as.club.get('/composition');
  assert.match(r.text, /<h2>CLB Liên thế hệ tự giúp nhau thôn Phú Khê \(15961-01\)<\/h2>/);
  r = await as.viewer.get('/composition');
  assert.match(r.text, /<h2>Toàn quốc<\/h2>/);
  r = await as.admin.get('/composition?unit=38&on=01/01/2020');
  assert.match(r.text, /Chưa có CLB nào/, 'no club had been founded then');
  pages.comp_empty = r.text;
});

test('every page visited is valid HTML', () => {
  validateHtml(pages);
});
