// The programme's work (issue 8): trainings, materials, visits and follow-ups, club assessments,
// the ranking and its weights, commendations and success stories with their public page — per
// role, with bad input that changes nothing, and every page through the HTML checker.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, USERS, validateHtml, dbSql } from '../lib/harness.mjs';

let srv, clubId;
const as = {};
const pages = {};
before(async () => {
  srv = await startServer({ env: { ISHC_NOW: '1770681600' } }); // 10/02/2026
  for (const name of Object.keys(USERS)) {
    as[name] = new Client(srv.url);
    await as[name].login(name, USERS[name].password);
  }
  const c = await as.admin.postJson('/api/v1/clubs', { name: 'CLB Phú Thọ', unit_code: '15961', status: 'active', founded_on: '2020-03-01' });
  assert.equal(c.status, 201, c.text);
  clubId = c.json.id;
  assert.equal(c.json.code, '15961-01');
});
after(async () => { await srv.stop(); srv.cleanup(); });

const count = (sql) => Number(dbSql(srv.db, sql).trim());

test('a province officer records a training course; bad input is refused with the field and saves nothing', async () => {
  const good = { unit: '38', topic: 'Tập huấn Ban chủ nhiệm CLB', place: 'TP Thanh Hóa', start_date: '12/05/2021', end_date: '13/05/2021',
    officers: '12', board_members: '48', volunteers: '20' };
  let r = await as.province.postForm('/trainings', good);
  assert.equal(r.status, 303, r.text);
  const id = r.headers.get('location').match(/\/trainings\/(\d+)/)[1];
  r = await as.province.get(`/trainings/${id}`);
  assert.equal(r.status, 200);
  assert.match(r.text, /Tập huấn Ban chủ nhiệm CLB/);
  pages.training = r.text;

  const before = count('SELECT COUNT(*) FROM trainings');
  r = await as.province.postForm('/trainings', { ...good, end_date: '01/05/2021' });
  assert.equal(r.status, 422);
  assert.match(r.text, /Ngày kết thúc không được trước ngày bắt đầu/);
  assert.match(r.text, /value="Tập huấn Ban chủ nhiệm CLB"/);
  pages.trainingBad = r.text;
  r = await as.province.postForm('/trainings', { ...good, unit: '01' });
  assert.equal(r.status, 403);
  r = await as.province.postForm('/trainings', { ...good, officers: 'mười' });
  assert.equal(r.status, 422);
  assert.equal((await as.viewer.postForm('/trainings', good)).status, 403);
  assert.equal((await as.club.postForm('/trainings', good)).status, 403);
  assert.equal(count('SELECT COUNT(*) FROM trainings'), before);

  // A participant from the member book, and one officer by name; viewers never see the list.
  r = await as.province.postForm(`/trainings/${id}/participants`, { full_name: 'Lê Văn Tâm', kind: 'officer' });
  assert.equal(r.status, 303);
  r = await as.province.postForm(`/trainings/${id}/participants`, { full_name: '', kind: 'officer' });
  assert.equal(r.status, 422);
  assert.match((await as.central.get(`/trainings/${id}`)).text, /Lê Văn Tâm/);
  const v = await as.viewer.get(`/trainings/${id}`);
  assert.equal(v.status, 200);
  assert.doesNotMatch(v.text, /Lê Văn Tâm/);
  // A commune course; the commune does not see the province's, the province sees both.
  r = await as.commune.postForm('/trainings', { unit: '15961', topic: 'Chăm sóc tại nhà', start_date: '2021-09-01', volunteers: '25' });
  assert.equal(r.status, 303);
  assert.equal((await as.commune.get(`/trainings/${id}`)).status, 404);
  r = await as.central.get('/trainings?year=2021');
  assert.equal(r.status, 200);
  assert.match(r.text, /Cộng: 1 tỉnh/);
  assert.match(r.text, /<td class="num" data-label="Tổng số học viên">105<\/td>/);
  pages.trainings = r.text;
  const x = await as.viewer.get('/trainings/export.xlsx?year=2021');
  assert.equal(x.status, 200);
  assert.match(x.headers.get('content-type'), /spreadsheetml/);
  assert.equal(x.bytes.subarray(0, 2).toString(), 'PK');
  const api = await as.viewer.get('/api/v1/trainings?year=2021');
  assert.equal(api.status, 200);
  assert.equal(api.json.summary.trainees, 105);
  assert.equal(api.json.items.length, 2);
});

test('materials: copies printed and where they went, never more than printed', async () => {
  let r = await as.central.postForm('/materials', { title: 'Sổ tay hướng dẫn CLB', year: '2021', copies: '6.400' });
  assert.equal(r.status, 303, r.text);
  const id = dbSql(srv.db, 'SELECT MAX(id) FROM materials').trim();
  r = await as.central.postForm(`/materials/${id}/shares`, { unit: '38', copies: '400' });
  assert.equal(r.status, 303);
  r = await as.central.postForm(`/materials/${id}/shares`, { unit: '01', copies: '9000' });
  assert.equal(r.status, 422);
  assert.equal((await as.commune.postForm(`/materials/${id}/shares`, { unit: '15961', copies: '1' })).status, 403);
  r = await as.province.postJson('/api/v1/materials', { unit_code: '38', title: 'Sổ tay Ban chủ nhiệm', year: '2024', copies: 1200 });
  assert.equal(r.status, 201, r.text);
  assert.equal((await as.province.postJson('/api/v1/materials', { unit_code: '38', title: 'X', year: '2024', copies: 'nhiều' })).status, 422);
  assert.equal((await as.viewer.postJson('/api/v1/materials', { title: 'X', year: '2024', copies: 1 })).status, 403);
  r = await as.viewer.get('/api/v1/materials?year=2021');
  assert.equal(r.json.items[0].sent_out, 400);
  r = await as.province.get('/materials');
  assert.equal(r.status, 200);
  assert.match(r.text, /6\.400/);
  pages.materials = r.text;
});

test('a monitoring visit with findings and follow-ups; overdue ones are listed for the level that owns them', async () => {
  const form = { kind: 'monitoring', visit_date: '20/11/2025', team: 'Đoàn Hội NCT tỉnh', club: '15961-01', meetings: 'yes', funds: 'partly',
    summary: 'CLB họp đều.', recommendation: 'Bổ sung quỹ hoạt động', owner: '15961', due_date: '31/12/2025' };
  let r = await as.province.postForm('/visits', { ...form, due_date: '' });
  assert.equal(r.status, 422);
  assert.equal(count('SELECT COUNT(*) FROM visits'), 0, 'the visit waits for its recommendation: all or nothing');
  r = await as.province.postForm('/visits', { ...form, funds: 'maybe' });
  assert.equal(r.status, 422);
  r = await as.province.postForm('/visits', form);
  assert.equal(r.status, 303, r.text);
  const id = r.headers.get('location').match(/\/visits\/(\d+)/)[1];
  r = await as.province.postForm(`/visits/${id}/followups`, { recommendation: 'Bầu bổ sung Ban chủ nhiệm', owner: '15961', due_date: '30/06/2026' });
  assert.equal(r.status, 303);
  r = await as.club.get(`/visits/${id}`);
  assert.equal(r.status, 200);
  assert.match(r.text, /Đạt một phần/);
  pages.visit = (await as.province.get(`/visits/${id}`)).text;
  pages.visitNew = (await as.province.get('/visits/new')).text;
  pages.visits = (await as.viewer.get('/visits?year=2025')).text;
  assert.equal((await as.viewer.get('/visits/new')).status, 403);

  r = await as.commune.get('/followups/overdue');
  assert.equal(r.status, 200);
  assert.match(r.text, /Bổ sung quỹ hoạt động/);
  assert.doesNotMatch(r.text, /Bầu bổ sung/);
  pages.overdue = r.text;
  const fid = dbSql(srv.db, "SELECT id FROM visit_followups WHERE recommendation = 'Bổ sung quỹ hoạt động'").trim();
  r = await as.commune.postForm(`/followups/${fid}`, { done: '1', done_date: '' });
  assert.equal(r.status, 422);
  r = await as.commune.postForm(`/followups/${fid}`, { done: '1', done_date: '05/02/2026', note: 'Đã vận động' });
  assert.equal(r.status, 303);
  assert.doesNotMatch((await as.commune.get('/followups/overdue')).text, /Bổ sung quỹ hoạt động/);
  const api = await as.commune.get('/api/v1/followups/overdue');
  assert.equal(api.status, 200);
  assert.equal(api.json.items.length, 0);
  assert.equal((await as.viewer.get('/visits/export.xlsx?year=2025')).status, 200);
  const v = await as.viewer.get(`/api/v1/visits/${id}`);
  assert.equal(v.status, 200);
  assert.equal(v.json.findings.funds, 'partly');
});

test('the yearly assessment is pre-filled from the data and confirmed by the commune; counts feed the ≥70% figure', async () => {
  let r = await as.commune.get(`/clubs/${clubId}/assessments/2025`);
  assert.equal(r.status, 200);
  assert.match(r.text, /Theo số liệu: /);
  pages.assessment = r.text;
  const ok = { meets_monthly: '1', reports_on_time: '1', both_funds: '1', loans_repaid: '1', volunteers_ok: '1', areas_active: '7' };
  r = await as.commune.postForm(`/clubs/${clubId}/assessments/2025`, { ...ok, areas_active: '12' });
  assert.equal(r.status, 422);
  assert.equal(count('SELECT COUNT(*) FROM club_assessments'), 0);
  assert.equal((await as.central.postForm(`/clubs/${clubId}/assessments/2025`, ok)).status, 403);
  assert.equal((await as.viewer.postForm(`/clubs/${clubId}/assessments/2025`, ok)).status, 403);
  r = await as.commune.postForm(`/clubs/${clubId}/assessments/2025`, ok);
  assert.equal(r.status, 303);
  r = await as.province.get('/assessments?year=2025&unit=38');
  assert.equal(r.status, 200);
  assert.match(r.text, /Đã đánh giá 1 CLB, trong đó 1 CLB hoạt động đầy đủ, quản lý tốt/);
  pages.assessments = r.text;
  r = await as.viewer.get('/api/v1/assessments/counts?year=2025&unit=38');
  assert.deepEqual([r.status, r.json.assessed, r.json.well_managed], [200, 1, 1]);
  assert.equal((await as.province.get('/api/v1/assessments/counts?year=2025&unit=01')).status, 404);
  assert.equal((await as.province.get(`/clubs/999/assessments/2025`)).status, 404);
});

test('the ranking shows its weights; only the central level changes them', async () => {
  let r = await as.viewer.get('/ranking?year=2025');
  assert.equal(r.status, 200);
  assert.match(r.text, /Thanh Hóa/);
  pages.ranking = r.text;
  r = await as.central.get('/ranking?year=2025&unit=38');
  assert.equal(r.status, 200);
  assert.match(r.text, /CLB Phú Thọ/);
  assert.equal((await as.viewer.get('/ranking?year=2025&unit=38')).status, 403);
  const w = { R_REPORTED: '10', R_ONTIME: '10', R_MEETING: '10', R_BORROW: '10', R_WELL: '60' };
  assert.equal((await as.province.postForm('/ranking/weights', w)).status, 403);
  r = await as.central.postForm('/ranking/weights', { ...w, R_WELL: '300' });
  assert.equal(r.status, 422);
  r = await as.central.postForm('/ranking/weights', w);
  assert.equal(r.status, 303);
  const put = (c, body) => c.request('PUT', '/api/v1/ranking/weights', { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
  assert.equal((await put(as.province, { ...w, R_WELL: 50 })).status, 403);
  assert.equal((await put(as.central, { ...w, R_WELL: -1 })).status, 422);
  assert.equal((await put(as.central, w)).status, 200);
  r = await as.viewer.get('/api/v1/ranking?year=2025');
  assert.equal(r.status, 200);
  assert.equal(r.json.weights.R_WELL, 60);
  assert.equal(r.json.items[0].code, '38');
});

test('commendations: recorded within the scope; viewers see no person', async () => {
  let r = await as.province.postForm('/commendations', { year: '2021', title: 'Giấy khen', recipient_kind: 'person', club: '15961-01', person_name: 'Nguyễn Thị Hoa' });
  assert.equal(r.status, 303, r.text);
  r = await as.central.postForm('/commendations', { year: '2021', title: 'Bằng khen', recipient_kind: 'unit', unit: '38' });
  assert.equal(r.status, 303);
  r = await as.province.postForm('/commendations', { year: '2021', title: 'X', recipient_kind: 'unit', unit: '01' });
  assert.equal(r.status, 403);
  r = await as.central.postForm('/commendations', { year: '1890', title: 'X', recipient_kind: 'unit', unit: '01' });
  assert.equal(r.status, 422);
  r = await as.central.postJson('/api/v1/commendations', { year: 2021, title: 'Bằng khen', recipient_kind: 'club', club: '15961-01' });
  assert.equal(r.status, 201, r.text);
  assert.equal((await as.central.postJson('/api/v1/commendations', { year: 2021, title: 'X', recipient_kind: 'dog' })).status, 422);
  r = await as.viewer.get('/api/v1/commendations?year=2021');
  assert.equal(r.json.items.length, 3);
  assert.ok(r.json.items.every((c) => c.person_name === ''), 'viewers see no person');
  r = await as.province.get('/commendations?year=2021');
  assert.match(r.text, /Nguyễn Thị Hoa/);
  pages.commendations = r.text;
  r = await as.viewer.get('/commendations?year=2021');
  assert.equal(r.status, 200);
  assert.doesNotMatch(r.text, /Nguyễn Thị Hoa/);
  assert.match(r.text, /Bằng khen/);
});

test('a success story: written by the club, published by the central level; the public page shows only what was chosen', async () => {
  const m = await as.commune.postJson(`/api/v1/clubs/${clubId}/members`, { full_name: 'Trần Thị Mận', sex: 'F', birth: '1950', joined_on: '2021-01-01' });
  assert.equal(m.status, 201, m.text);
  let r = await as.club.postForm('/stories', { club: '15961-01', year: '2021', title: 'Từ nghèo khó đến tự lập', body: 'Đoạn một.\n\nĐoạn hai.',
    member_id: String(m.json.id), show_club: '1' });
  assert.equal(r.status, 303, r.text);
  const id = r.headers.get('location').match(/\/stories\/(\d+)/)[1];
  r = await as.club.postForm('/stories', { club: '15961-01', year: '2021', title: '', body: 'x' });
  assert.equal(r.status, 422);
  const anon = new Client(srv.url);
  assert.equal((await anon.get(`/public/stories/${id}`)).status, 404, 'nothing unpublished is public');
  // A photo (PNG by its bytes) through the multipart upload; a text file is refused.
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201e2a1a3b80000000049454e44ae426082', 'hex');
  const up = async (bytes, type) => {
    const fd = new FormData();
    fd.set('_csrf', as.club.csrf);
    fd.set('caption', 'Buổi sinh hoạt');
    fd.set('photo', new Blob([bytes], { type }), 'a.png');
    return as.club.request('POST', `/stories/${id}/photos`, { body: fd, csrf: false });
  };
  assert.equal((await up(Buffer.from('hello'), 'text/plain')).status, 422);
  assert.equal((await up(png, 'image/png')).status, 303);
  const pid = dbSql(srv.db, 'SELECT MAX(id) FROM story_photos').trim();
  assert.equal((await anon.get(`/public/stories/${id}/photos/${pid}`)).status, 404);
  assert.equal((await as.province.postForm(`/stories/${id}/publish`, { publish: '1' })).status, 403);
  assert.equal((await as.central.postForm(`/stories/${id}/publish`, { publish: '1' })).status, 303);
  r = await anon.get(`/public/stories/${id}`);
  assert.equal(r.status, 200);
  assert.match(r.text, /Từ nghèo khó đến tự lập/);
  assert.match(r.text, /CLB Phú Thọ/);
  assert.doesNotMatch(r.text, /Trần Thị Mận/, 'the member was not chosen for the public page');
  pages.public = r.text;
  const p = await anon.get(`/public/stories/${id}/photos/${pid}`);
  assert.equal(p.status, 200);
  assert.equal(p.headers.get('content-type'), 'image/png');
  assert.deepEqual(p.bytes, png);
  assert.equal((await as.viewer.get(`/stories/${id}/photos/${pid}`)).status, 200);
  r = await as.province.get(`/stories/${id}`);
  assert.match(r.text, /Trần Thị Mận/);
  pages.story = r.text;
  assert.doesNotMatch((await as.viewer.get(`/stories/${id}`)).text, /Trần Thị Mận/);
  pages.stories = (await as.club.get('/stories')).text;
  r = await as.club.get('/api/v1/stories');
  assert.equal(r.json.items[0].status, 'published');
  assert.equal((await new Client(srv.url).get('/api/v1/stories')).status, 401);
  // Edited by its writer; withdrawn, the public page is gone.
  r = await as.club.postForm(`/stories/${id}`, { year: '2021', title: 'Từ nghèo khó đến tự lập (sửa)', body: 'Đoạn một.', show_club: '1' });
  assert.equal(r.status, 303);
  assert.equal((await as.central.postForm(`/stories/${id}/publish`, { publish: '0' })).status, 303);
  assert.equal((await anon.get(`/public/stories/${id}`)).status, 404);
  assert.equal((await anon.get('/stories')).status, 303);
});

test('every page of the programme\'s work is valid HTML', () => {
  validateHtml(pages);
});
