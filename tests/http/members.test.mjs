// Member pages: a club's members, adding a member (asking before a second record of the same
// person), one member's page (edit, left the club), members across the scope, and the printable
// member book — for each role, with bad input for each field.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, USERS, validateHtml } from '../lib/harness.mjs';

let srv;
const as = {};
const pages = {};
const ids = {};

before(async () => {
  srv = await startServer();
  for (const name of Object.keys(USERS)) {
    as[name] = new Client(srv.url);
    await as[name].login(name, USERS[name].password);
  }
  ids.phukhe = await createClub(as.commune, { name: 'CLB Liên thế hệ tự giúp nhau thôn Phú Khê', unit_code: '15961', village: 'Thôn Phú Khê', founded_on: '15/03/2021', decision_no: '125/QĐ-UBND' });
  ids.trung = await createClub(as.commune, { name: 'CLB thôn Trung', unit_code: '15961', founded_on: '01/01/2026' });
  ids.badinh = await createClub(as.admin, { name: 'CLB phường Ba Đình', unit_code: '00004', founded_on: '10/01/2026' });
});
after(async () => { await srv.stop(); srv.cleanup(); });

const unescape = (s) => s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');

function fieldError(html, id) {
  if (!new RegExp(`id="f-${id}"[^>]*aria-invalid="true"`).test(html)) return null;
  const m = html.match(new RegExp(`<p class="msg" id="e-${id}">([^<]*)</p>`));
  return m ? unescape(m[1]) : null;
}

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

const checked = (html, id) => new RegExp(`id="f-${id}" name="${id}" checked`).test(html);

async function createClub(client, fields) {
  const r = await client.postForm('/clubs', fields);
  assert.equal(r.status, 303, r.text.slice(0, 300));
  return Number(r.headers.get('location').match(/^\/clubs\/(\d+)/)[1]);
}

async function addMember(client, clubId, fields) {
  const r = await client.postForm(`/clubs/${clubId}/members`, { sex: 'F', birth: '1950', joined_on: '01/02/2025', ...fields });
  assert.equal(r.status, 303, r.text.slice(0, 300));
  const m = r.headers.get('location').match(/^\/members\/(\d+)\?saved=1$/);
  assert.ok(m);
  return Number(m[1]);
}

async function memberCount(client, clubId, query = '') {
  const r = await client.get(`/clubs/${clubId}/members${query}`);
  assert.equal(r.status, 200);
  return Number(r.text.match(/<p class="count">([\d.]+) thành viên<\/p>/)[1].replace(/\./g, ''));
}

// Names in the order a list shows them.
const namesIn = (html) => [...html.matchAll(/<a href="\/members\/\d+">([^<]+)<\/a>/g)].map((m) => m[1]);

test('adding a member: the full name typed once is split, NFD and old tone placement stored NFC', async () => {
  let r = await as.club.get(`/clubs/${ids.phukhe}/members/new`);
  assert.equal(r.status, 200);
  assert.equal(valueOf(r.text, 'village'), 'Thôn Phú Khê', 'the club\'s village is the default');
  assert.match(valueOf(r.text, 'joined_on'), /^\d\d\/\d\d\/\d{4}$/, 'today is the default day of joining');
  assert.match(r.text, /id="f-national_id"/, 'the club\'s keepers may record the ID number');
  pages.new = r.text;
  r = await as.club.postForm(`/clubs/${ids.phukhe}/members`, {
    full_name: '  Nguye\u0302\u0303n   Thi\u0323 Hoà ', sex: 'F', birth: '05/03/1956', ethnicity: 'kinh', phone: '0912 345 678',
    household: 'near_poor', disability: '1', lives_alone: '1', health_card: '1', village: 'Thôn Phú Khê', joined_on: '01/04/2021',
    consent_on: '01/04/2021', consent_form: 'written', national_id: '0381 5600 1234', note: 'Tổ trưởng tổ vay vốn',
  });
  assert.equal(r.status, 303);
  ids.hoa = Number(r.headers.get('location').match(/^\/members\/(\d+)\?saved=1$/)[1]);
  r = await as.club.get(`/members/${ids.hoa}?saved=1`);
  assert.equal(r.status, 200);
  assert.match(r.text, /Đã lưu\./);
  assert.match(r.text, /<h1>Nguyễn Thị Hòa<\/h1>/);
  assert.match(r.text, /<dt>Họ<\/dt><dd>Nguyễn<\/dd><dt>Tên đệm<\/dt><dd>Thị<\/dd><dt>Tên<\/dt><dd>Hòa<\/dd>/);
  assert.match(r.text, /<dt>Ngày sinh<\/dt><dd>05\/03\/1956 \(70 tuổi\)/);
  assert.match(r.text, /<dt>Dân tộc<\/dt><dd>Kinh<\/dd>/);
  assert.match(r.text, /<dt>Điện thoại<\/dt><dd>0912345678<\/dd>/);
  assert.match(r.text, /<dt>Hộ gia đình<\/dt><dd>Hộ cận nghèo<\/dd>/);
  assert.match(r.text, /<dt>Người khuyết tật<\/dt><dd>Có<\/dd><dt>Sống một mình<\/dt><dd>Có<\/dd><dt>Thẻ bảo hiểm y tế<\/dt><dd>Có<\/dd>/);
  assert.match(r.text, /<dt>Đồng ý lưu thông tin<\/dt><dd>01\/04\/2021 · Ký giấy đồng ý<\/dd>/);
  assert.match(r.text, /<dt>Số định danh cá nhân<\/dt><dd>038156001234<\/dd>/);
  // The parts are editable on the member's page.
  assert.equal(valueOf(r.text, 'family_name'), 'Nguyễn');
  assert.equal(valueOf(r.text, 'middle_name'), 'Thị');
  assert.equal(valueOf(r.text, 'given_name'), 'Hòa');
  assert.equal(valueOf(r.text, 'birth'), '05/03/1956');
  assert.ok(checked(r.text, 'disability') && checked(r.text, 'lives_alone') && checked(r.text, 'health_card'));
  pages.show = r.text;
});

test('bad input in the new-member form: the message next to the field, what was typed kept, nothing added', async () => {
  const path = `/clubs/${ids.phukhe}/members`;
  const before = await memberCount(as.commune, ids.phukhe);
  const good = { full_name: 'Lê Văn Tám', sex: 'M', birth: '1948', ethnicity: 'Mường', phone: '0987654321', household: 'poor',
    village: 'Thôn Phú Khê', joined_on: '01/02/2025', consent_on: '', consent_form: '', national_id: '', note: '', lives_alone: '1' };
  const cases = [
    [{ full_name: '   ' }, 'full_name', /Vui lòng nhập thông tin này/],
    [{ sex: '' }, 'sex', /Vui lòng nhập/],
    [{ sex: 'khác' }, 'sex', /Chọn Nam hoặc Nữ/],
    [{ birth: '' }, 'birth', /Vui lòng nhập/],
    [{ birth: '19x8' }, 'birth', /Năm sinh không hợp lệ/],
    [{ birth: '1890' }, 'birth', /Năm sinh không hợp lệ/],
    [{ birth: '31/02/1948' }, 'birth', /Năm sinh không hợp lệ/],
    [{ phone: '0987 65' }, 'phone', /Số điện thoại gồm 9 đến 13 chữ số/],
    [{ household: 'giàu' }, 'household', /Chọn hộ nghèo, hộ cận nghèo/],
    [{ joined_on: '01/01/2099' }, 'joined_on', /không được sau hôm nay/],
    [{ joined_on: '1/2' }, 'joined_on', /Ngày không hợp lệ/],
    [{ consent_on: '32/01/2025' }, 'consent_on', /Ngày không hợp lệ/],
    [{ consent_form: 'fax' }, 'consent_form', /Giá trị không hợp lệ/],
    [{ national_id: '12345' }, 'national_id', /12 chữ số/],
    [{ ethnicity: 'M\u0001' }, 'ethnicity', /ký tự không hợp lệ/],
  ];
  for (const [change, field, msg] of cases) {
    const fields = { ...good, ...change };
    const r = await as.commune.postForm(path, fields);
    assert.ok(r.status === 422 || r.status === 400, `${field}: ${r.status}`);
    assert.match(fieldError(r.text, field) ?? '', msg, `the message is next to ${field} (${JSON.stringify(change)})`);
    for (const f of ['full_name', 'birth', 'phone', 'village', 'joined_on']) {
      if (f in change) continue;
      assert.equal(valueOf(r.text, f), fields[f], `${f} is kept`);
    }
    if (!('household' in change)) assert.equal(selected(r.text, 'household'), 'poor');
    assert.ok(checked(r.text, 'lives_alone'), 'a ticked box stays ticked');
    assert.ok(!checked(r.text, 'disability'));
    pages[`new_bad_${field}_${Object.values(change)[0].length}`] = r.text;
  }
  assert.equal(await memberCount(as.commune, ids.phukhe), before, 'nobody was added');
});

test('the same person in the commune: asked first, the record shown, what was typed kept; created when confirmed', async () => {
  const lan = await addMember(as.commune, ids.phukhe, { full_name: 'Trần Thị Lan', birth: '1950' });
  const before = await memberCount(as.commune, ids.trung);
  const typed = { full_name: 'Trần Thị Lan', sex: 'F', birth: '12/12/1950', phone: '0911222333', household: 'poor', joined_on: '01/03/2026' };
  let r = await as.commune.postForm(`/clubs/${ids.trung}/members`, typed);
  assert.equal(r.status, 409);
  assert.match(r.text, /Người này \(cùng họ tên và năm sinh\) đã là thành viên một CLB trong xã/);
  assert.match(r.text, new RegExp(`<a href="/members/${lan}">Trần Thị Lan</a> · Nữ · sinh 1950 · CLB Liên thế hệ tự giúp nhau thôn Phú Khê \\(15961-01\\)`));
  assert.match(r.text, /<input type="checkbox" value="1" id="f-confirm_duplicate" name="confirm_duplicate"><label for="f-confirm_duplicate">Đây là người khác: vẫn tạo hồ sơ mới/);
  assert.equal(valueOf(r.text, 'full_name'), 'Trần Thị Lan');
  assert.equal(valueOf(r.text, 'birth'), '12/12/1950');
  assert.equal(valueOf(r.text, 'phone'), '0911222333');
  assert.equal(selected(r.text, 'household'), 'poor');
  pages.duplicate = r.text;
  assert.equal(await memberCount(as.commune, ids.trung), before);
  // The club's own people are asked too.
  r = await as.club.postForm(`/clubs/${ids.phukhe}/members`, typed);
  assert.equal(r.status, 409);
  r = await as.commune.postForm(`/clubs/${ids.trung}/members`, { ...typed, confirm_duplicate: '1' });
  assert.equal(r.status, 303);
  assert.equal(await memberCount(as.commune, ids.trung), before + 1);
  // Another commune: not the same person.
  await addMember(as.admin, ids.badinh, { full_name: 'Trần Thị Lan', birth: '1950' });
});

test('a member\'s page: edit the parts and the ticks, leave the club with a date and a reason', async () => {
  const id = await addMember(as.commune, ids.phukhe, { full_name: 'Tôn Nữ Thị Hà', birth: '1960', disability: '1', health_card: '1' });
  let r = await as.commune.get(`/members/${id}`);
  assert.match(r.text, /<dt>Họ<\/dt><dd>Tôn<\/dd><dt>Tên đệm<\/dt><dd>Nữ Thị<\/dd>/);
  // A compound family name is put right by editing the parts; an unticked box means no.
  r = await as.commune.postForm(`/members/${id}`, {
    form: 'edit', family_name: 'Tôn Nữ', middle_name: 'Thị', given_name: 'Hà', sex: 'F', birth: '1960', ethnicity: 'Kinh',
    phone: '', household: 'other', health_card: '1', village: 'Thôn Phú Khê', joined_on: '01/02/2025', consent_on: '', consent_form: 'verbal',
    national_id: '', note: '',
  });
  assert.equal(r.status, 303);
  r = await as.commune.get(`/members/${id}`);
  assert.match(r.text, /<h1>Tôn Nữ Thị Hà<\/h1>/);
  assert.match(r.text, /<dt>Người khuyết tật<\/dt><dd>Không<\/dd>/);
  assert.match(r.text, /<dt>Thẻ bảo hiểm y tế<\/dt><dd>Có<\/dd>/);
  // Bad edits: the edit form opens with the message and what was typed.
  for (const [change, field, msg] of [
    [{ given_name: '' }, 'given_name', /Vui lòng nhập/],
    [{ birth: '2099' }, 'birth', /Năm sinh không hợp lệ/],
    [{ phone: 'không có' }, 'phone', /Số điện thoại/],
  ]) {
    const fields = { form: 'edit', family_name: 'Tôn Nữ', middle_name: 'Thị', given_name: 'Hà', sex: 'F', birth: '1960', phone: '', household: 'other', joined_on: '01/02/2025', ...change };
    r = await as.commune.postForm(`/members/${id}`, fields);
    assert.equal(r.status, 422, field);
    assert.match(fieldError(r.text, field), msg);
    assert.match(r.text, /<section id="edit"><details open>/);
    assert.equal(valueOf(r.text, field), change[field]);
    pages[`edit_bad_${field}`] = r.text;
  }
  r = await as.commune.get(`/members/${id}`);
  assert.match(r.text, /<h1>Tôn Nữ Thị Hà<\/h1>/, 'nothing changed');
  // Leaving: a date and a reason, both needed.
  r = await as.commune.postForm(`/members/${id}`, { form: 'leave', left_on: '01/06/2026', left_reason: '' });
  assert.equal(r.status, 422);
  assert.match(fieldError(r.text, 'left_reason'), /Ghi lý do ra khỏi CLB/);
  assert.equal(valueOf(r.text, 'left_on'), '01/06/2026');
  assert.match(r.text, /<section id="leave"><details open>/);
  pages.leave_bad = r.text;
  r = await as.commune.postForm(`/members/${id}`, { form: 'leave', left_on: '01/01/2025', left_reason: 'Chuyển nơi ở' });
  assert.equal(r.status, 422);
  assert.match(fieldError(r.text, 'left_on'), /Ngày ra khỏi CLB phải từ ngày vào CLB đến hôm nay/);
  r = await as.commune.postForm(`/members/${id}`, { form: 'leave', left_on: '', left_reason: 'Chuyển nơi ở' });
  assert.equal(r.status, 422);
  assert.match(fieldError(r.text, 'left_on'), /Vui lòng nhập/);
  const before = await memberCount(as.commune, ids.phukhe);
  r = await as.commune.postForm(`/members/${id}`, { form: 'leave', left_on: '01/06/2026', left_reason: 'Chuyển nơi ở' });
  assert.equal(r.status, 303);
  r = await as.commune.get(`/members/${id}`);
  assert.match(r.text, /đã ra khỏi CLB/);
  assert.match(r.text, /<dt>Ngày ra khỏi CLB<\/dt><dd><strong>01\/06\/2026<\/strong> — Chuyển nơi ở<\/dd>/);
  assert.doesNotMatch(r.text, /id="leave"/);
  pages.left = r.text;
  assert.equal(await memberCount(as.commune, ids.phukhe), before - 1, 'off the list of members on the book');
  assert.equal(await memberCount(as.commune, ids.phukhe, '?left=1'), before);
  r = await as.commune.get(`/clubs/${ids.phukhe}/members?left=1`);
  assert.match(r.text, /<th scope="col">Ngày ra<\/th>/);
  pages.list_left = r.text;
  // Back on the book: clearing the day.
  r = await as.commune.postForm(`/members/${id}`, { form: 'edit', family_name: 'Tôn Nữ', middle_name: 'Thị', given_name: 'Hà', sex: 'F', birth: '1960', left_on: '', left_reason: '' });
  assert.equal(r.status, 303);
  assert.equal(await memberCount(as.commune, ids.phukhe), before);
});

test('each role: who reads members, who keeps them; another club\'s ids answer 404; viewers see no one', async () => {
  const hn = await addMember(as.admin, ids.badinh, { full_name: 'Phạm Văn Hà Nội', sex: 'M', birth: '1955', national_id: '001055001234' });
  const th = await addMember(as.commune, ids.trung, { full_name: 'Đỗ Thị Trung', national_id: '038150009999' });
  const pk = ids.hoa;   // in 15961-01, the club user's club
  const reads = {
    admin: [hn, th, pk], central: [hn, th, pk], province: [th, pk], commune: [th, pk], club: [pk], viewer: [],
  };
  for (const [who, visible] of Object.entries(reads)) {
    for (const id of [hn, th, pk]) {
      const r = await as[who].get(`/members/${id}`);
      const status = who === 'viewer' ? 403 : visible.includes(id) ? 200 : 404;
      assert.equal(r.status, status, `${who} GET /members/${id}`);
      if (status !== 200) {
        const w = await as[who].postForm(`/members/${id}`, { form: 'leave', left_on: '01/06/2026', left_reason: 'x' });
        assert.equal(w.status, ['viewer', 'central'].includes(who) ? 403 : 404, `${who} POST /members/${id}`);
      }
    }
    for (const club of [ids.phukhe, ids.trung, ids.badinh]) {
      const r = await as[who].get(`/clubs/${club}/members`);
      const expect = who === 'viewer' ? 403 : (who === 'admin' || who === 'central' || (who === 'province' && club !== ids.badinh) ||
        (who === 'commune' && club !== ids.badinh) || (who === 'club' && club === ids.phukhe)) ? 200 : 404;
      assert.equal(r.status, expect, `${who} GET /clubs/${club}/members`);
      const n = await as[who].get(`/clubs/${club}/members/new`);
      assert.equal(n.status, ['viewer', 'central'].includes(who) ? 403 : expect, `${who} GET /clubs/${club}/members/new`);
      if (expect === 404) {
        const p = await as[who].postForm(`/clubs/${club}/members`, { full_name: 'Người Lạ', sex: 'M', birth: '1950' });
        assert.equal(p.status, 404, `${who} adds nobody to club ${club}`);
      }
    }
    const list = await as[who].get('/members');
    assert.equal(list.status, who === 'viewer' ? 403 : 200);
  }
  assert.equal((await as.viewer.get(`/clubs/${ids.phukhe}/book`)).status, 403);
  // The ID number: the keepers of the books see it; central does not, and keeps nobody's book.
  let r = await as.province.get(`/members/${th}`);
  assert.match(r.text, /038150009999/);
  r = await as.central.get(`/members/${th}`);
  assert.equal(r.status, 200);
  assert.doesNotMatch(r.text, /038150009999|Số định danh/);
  assert.doesNotMatch(r.text, /<form method="post" class="narrow"/, 'central keeps no books');
  pages.central_member = r.text;
  assert.equal((await as.central.postForm(`/clubs/${ids.trung}/members`, { full_name: 'X', sex: 'M', birth: '1950' })).status, 403);
  // The club's people see their own members only.
  r = await as.club.get('/members');
  assert.ok(namesIn(r.text).every((n) => !['Phạm Văn Hà Nội', 'Đỗ Thị Trung'].includes(n)));
  assert.ok(namesIn(r.text).includes('Nguyễn Thị Hòa'));
  r = await as.province.get('/members?q=ha+noi');
  assert.deepEqual(namesIn(r.text), [], 'a province finds no one of another province');
  r = await as.admin.get('/members?q=ha+noi');
  assert.deepEqual(namesIn(r.text), ['Phạm Văn Hà Nội']);
  r = await as.province.get('/members?unit=01');
  assert.equal(r.status, 403);
  assert.match(fieldError(r.text, 'unit'), /ngoài phạm vi/);
  pages.members_bad_unit = r.text;
});

test('members across the scope: search without accents, sort by name (given name first), birth or joining; paginate', async () => {
  const given = ['An', 'Bình', 'Chi', 'Dũng', 'Đào', 'Giang', 'Hải', 'Khánh', 'Linh', 'Minh', 'Ngọc', 'Oanh', 'Phúc', 'Quý', 'Sơn', 'Tâm', 'Uyên', 'Vân', 'Xuân', 'Yến'];
  for (let i = 0; i < 60; i++) {
    await addMember(as.commune, ids.trung, { full_name: `Hoàng ${i % 2 ? 'Văn' : 'Thị'} ${['', 'Minh ', 'Hữu '][Math.floor(i / 20)]}${given[i % 20]}`,
      sex: i % 2 ? 'M' : 'F', birth: String(1940 + i), joined_on: `${String(1 + (i % 28)).padStart(2, '0')}/01/2026`, confirm_duplicate: '1' });
  }
  let r = await as.commune.get('/members?q=hoang+thi+minh+dao');
  assert.deepEqual(namesIn(r.text), ['Hoàng Thị Minh Đào']);
  r = await as.commune.get('/members?q=HOÀNG%20ĐÀO');
  assert.deepEqual(namesIn(r.text), ['Hoàng Thị Đào', 'Hoàng Thị Hữu Đào', 'Hoàng Thị Minh Đào'], 'words in order, anything between');
  pages.search = r.text;
  r = await as.commune.get('/members?q=nguyen+hoa');
  assert.deepEqual(namesIn(r.text), ['Nguyễn Thị Hòa'], 'words in order, accents and tone placement ignored');
  r = await as.commune.get(`/clubs/${ids.trung}/members`);
  const first = namesIn(r.text);
  assert.equal(first.length, 50);
  // Given name first, then middle name: "Thị" < "Thị Hữu" < "Thị Minh".
  assert.deepEqual(first.slice(0, 3), ['Hoàng Thị An', 'Hoàng Thị Hữu An', 'Hoàng Thị Minh An']);
  // In Vietnamese order: "Chi" before "Dũng", D before Đ.
  const order = first.map((n) => n.split(' ').at(-1));
  assert.ok(order.indexOf('Dũng') < order.indexOf('Đào') && order.indexOf('Chi') < order.indexOf('Dũng'));
  assert.match(r.text, /<td class="num" data-label="STT">1<\/td>/);
  assert.match(r.text, /Trang 1 \/ 2/);
  pages.club_list = r.text;
  r = await as.commune.get(`/clubs/${ids.trung}/members?q=&sort=name&page=2`);
  assert.match(r.text, /<td class="num" data-label="STT">51<\/td>/, 'numbering continues');
  assert.equal(namesIn(r.text).length, (await memberCount(as.commune, ids.trung)) - 50);
  r = await as.commune.get(`/members?sort=birth&unit=15961`);
  const births = [...r.text.matchAll(/data-label="Năm sinh">(\d{4})</g)].map((m) => Number(m[1]));
  assert.deepEqual(births, [...births].sort((a, b) => a - b), 'sorted by birth year');
  assert.equal(selected(r.text, 'sort'), 'birth');
  pages.by_birth = r.text;
  r = await as.commune.get(`/clubs/${ids.trung}/members?sort=joined`);
  const joined = [...r.text.matchAll(/data-label="Ngày vào CLB">(\d\d)\/(\d\d)\/(\d{4})</g)].map((m) => m[3] + m[2] + m[1]);
  assert.deepEqual(joined, [...joined].sort());
  r = await as.commune.get('/members?unit=99999');
  assert.equal(r.status, 404);
  assert.match(fieldError(r.text, 'unit'), /Không tìm thấy/);
});

test('the member book: A4 landscape, Vietnamese headings, numbered in given-name order, club and commune, signature lines', async () => {
  await as.commune.postForm(`/clubs/${ids.phukhe}/board`, { member_id: String(ids.hoa), role: 'chair', from: '01/05/2021' });
  let r = await as.club.get(`/clubs/${ids.phukhe}/book`);
  assert.equal(r.status, 200);
  const book = r.text.slice(r.text.indexOf('<article class="book"'), r.text.indexOf('</article>'));
  assert.match(book, /HỘI NGƯỜI CAO TUỔI Xã Hoằng Lộc/);
  assert.match(book, /CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM/);
  assert.match(book, /<h2 class="book-title">SỔ THÀNH VIÊN<\/h2>/);
  assert.match(book, /Tên CLB: CLB Liên thế hệ tự giúp nhau thôn Phú Khê — Mã CLB: 15961-01/);
  assert.match(book, /Địa bàn: Thôn Phú Khê, Xã Hoằng Thành \(nay là Xã Hoằng Lộc\), Thanh Hóa/);
  assert.match(book, /Quyết định số 125\/QĐ-UBND/);
  for (const h of ['STT', 'Họ và tên', 'Năm sinh', 'Nam', 'Nữ', 'Dân tộc', 'Hộ nghèo, cận nghèo', 'Ngày vào CLB', 'Chữ ký']) {
    assert.ok(book.includes(`>${h}</th>`), h);
  }
  const rows = [...book.matchAll(/<tr><td class="num">(\d+)<\/td><td class="name">([^<]+)<\/td>/g)];
  assert.deepEqual(rows.map((m) => Number(m[1])), rows.map((_, i) => i + 1), 'numbered from 1');
  const names = rows.map((m) => m[2]);
  assert.deepEqual(names, ['Tôn Nữ Thị Hà', 'Nguyễn Thị Hòa', 'Trần Thị Lan'], 'sorted by given name: Hà, Hòa, Lan');
  // The birth year under Nam or Nữ; Hòa's circumstances.
  assert.match(book, /Nguyễn Thị Hòa<\/td><td class="c nowrap"><\/td><td class="c nowrap">1956<\/td><td class="nowrap">Kinh<\/td><td>Thôn Phú Khê<\/td><td class="c nowrap">Cận nghèo<\/td><td class="c">x<\/td>/);
  assert.match(book, /<p class="dateline">Hoằng Lộc, ngày \d\d? tháng \d\d? năm \d{4}<\/p>/);
  assert.match(book, /NGƯỜI LẬP SỔ<\/p><p class="how">\(Ký, ghi rõ họ tên\)/);
  assert.match(book, /CHỦ NHIỆM CLB<\/p><p class="how">\(Ký, ghi rõ họ tên\)<\/p><p class="who">Nguyễn Thị Hòa<\/p>/);
  assert.doesNotMatch(book, /038156001234/, 'no ID numbers in the book');
  pages.book = r.text;
  // The print stylesheet puts the book on A4 landscape pages.
  const css = await as.club.get('/static/app.css');
  assert.match(css.text, /@page book \{ size: A4 landscape;/);
  assert.match(css.text, /\.book \{ page: book;/);
  r = await as.club.get(`/clubs/${ids.phukhe}/book?left=1`);
  assert.equal(r.status, 200);
  pages.book_left = r.text;
  assert.equal((await as.club.get(`/clubs/${ids.trung}/book`)).status, 404);
  assert.equal((await as.province.get(`/clubs/${ids.badinh}/book`)).status, 404);
  r = await as.central.get(`/clubs/${ids.badinh}/book`);
  assert.equal(r.status, 200);
  assert.match(r.text, /Phạm Văn Hà Nội/);
  assert.match(r.text, /<p class="dateline">Ba Đình, ngày/);
});

test('every page visited is valid HTML', () => {
  validateHtml(pages);
});
