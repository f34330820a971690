// The annual review (issue 9): on the demo, the 2021 review of Đề án 1336 says what the seed article
// says (57/63 plans, 4.000 new clubs registered, 33% over the target, 18 provinces opening 68 courses
// for 4.112 trainees, 17 budgets totalling 50,891 tỉ đồng); the page, the API and the .docx show the
// same figures with how each was counted; who may read which review; the tasks for next year; an
// uploaded .docx template replacing the built-in one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { inflateRawSync } from 'node:zlib';
import { rmSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, Client, ishc, makeDir, emptyDb, dropDb, validateHtml } from '../lib/harness.mjs';

const LOGINS = {
  admin: ['admin', 'ishc-demo-admin'],
  central: ['trunguong', 'ishc-demo-central'],
  province: ['thanhhoa', 'ishc-demo-province'],
  commune: ['xa.hoangloc', 'ishc-demo-commune'],
  club: ['clb.hoangloc', 'ishc-demo-club'],
  viewer: ['nhataitro', 'ishc-demo-viewer'],
};
let dir, db, srv, pid;
const as = {};

before(async () => {
  dir = makeDir();
  db = emptyDb(dir, 'demo.db');
  const out = ishc(['demo', '--db', db, '--clubs', '120', '--seed', '42', '--books', '10']);
  assert.equal(out.status, 0, out.stderr);
  srv = await startServer({ dir, db });
  for (const [role, [u, p]] of Object.entries(LOGINS)) {
    as[role] = new Client(srv.url);
    await as[role].login(u, p);
  }
  const progs = await as.central.get('/api/v1/programmes');
  pid = progs.json.items.find((p) => p.code.includes('1336')).id;
});
after(async () => { if (srv) await srv.stop(); rmSync(dir, { recursive: true, force: true }); dropDb(db); });

// A small zip reader: the entries of the central directory, inflated.
function unzip(buf) {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  assert.ok(eocd >= 0, 'not a zip: no end of central directory');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const files = {};
  for (let i = 0; i < count; i++) {
    assert.equal(buf.readUInt32LE(p), 0x02014b50, 'central directory entry');
    const method = buf.readUInt16LE(p + 10), csize = buf.readUInt32LE(p + 20);
    const nlen = buf.readUInt16LE(p + 28), xlen = buf.readUInt16LE(p + 30), clen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nlen).toString('utf8');
    const lstart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(lstart, lstart + csize);
    files[name] = method === 8 ? inflateRawSync(data) : Buffer.from(data);
    p += 46 + nlen + xlen + clen;
  }
  return files;
}

// A small zip writer (stored entries), to build templates.
function zip(files) {
  const crcTable = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
  const crc32 = (b) => { let c = 0xffffffff; for (const x of b) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
  const locals = [], centrals = [];
  let off = 0;
  for (const [name, content] of Object.entries(files)) {
    const data = Buffer.from(content), nb = Buffer.from(name), crc = crc32(data);
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0); lh.writeUInt16LE(20, 4); lh.writeUInt16LE(0x800, 6); lh.writeUInt32LE(crc, 14);
    lh.writeUInt32LE(data.length, 18); lh.writeUInt32LE(data.length, 22); lh.writeUInt16LE(nb.length, 26);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0); ch.writeUInt16LE(20, 4); ch.writeUInt16LE(20, 6); ch.writeUInt16LE(0x800, 8);
    ch.writeUInt32LE(crc, 16); ch.writeUInt32LE(data.length, 20); ch.writeUInt32LE(data.length, 24);
    ch.writeUInt16LE(nb.length, 28); ch.writeUInt32LE(off, 42);
    locals.push(lh, nb, data); centrals.push(ch, nb);
    off += 30 + nb.length + data.length;
  }
  const cd = Buffer.concat(centrals), end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(Object.keys(files).length, 8); end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(off, 16);
  return Buffer.concat([...locals, cd, end]);
}

// Well-formed XML, checked by a real parser.
function assertWellFormed(xml) {
  const r = spawnSync('python3', ['-c', 'import sys, xml.dom.minidom; xml.dom.minidom.parseString(sys.stdin.buffer.read())'], { input: xml });
  assert.equal(r.status, 0, 'word/document.xml is not well-formed: ' + r.stderr);
}
const textOf = (xml) => xml.replace(/<w:br\/>/g, ' ').replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"');
const htmlText = (html) => html.replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'");

const SEED_FIGURES = [
  '57/63 tỉnh, thành phố',
  '4.000 CLB (vượt 33% chỉ tiêu 3.000 CLB)',
  '18 tỉnh/thành phố mở 68 lớp tập huấn cho 4.112 thành viên Ban Chủ nhiệm, tình nguyện viên',
  '17 tỉnh/thành phố tham mưu phê duyệt kinh phí 5 năm với tổng số 50,891 tỉ đồng',
  'Còn 6 tỉnh/thành phố chưa được phê duyệt kế hoạch',
  'phát hành 6.400 cuốn tài liệu',
  'Tổ chức 2 lớp tập huấn tại',
  'Thanh Hóa và Bắc Ninh',
  '40 tỉnh/thành phố còn lại',
];

test('the demo\'s 2021 review of Đề án 1336 counts what the seed article reports', async () => {
  const r = await as.central.get(`/api/v1/reviews/${pid}/2021`);
  assert.equal(r.status, 200, r.text);
  const f = r.json.figures;
  assert.equal(f.plans_issued, 57);
  assert.equal(f.provinces, 63);
  assert.equal(f.clubs_registered, 4000);
  assert.equal(f.target_new_clubs, 3000);
  assert.equal(f.local_units, 18);
  assert.equal(f.local_courses, 68);
  assert.equal(f.local_trainees, 4112);
  assert.equal(f.budget_provinces, 17);
  assert.equal(f.budget_total_vnd, 50891000000);
  assert.equal(f.provinces_without_plan, 6);
  assert.equal(f.material_copies, 6400);
  assert.equal(f.own_courses, 2);
  assert.equal(f.visits, 2);
  assert.equal(f.commended, 2);
  assert.equal(r.json.unit, null);
  const text = r.json.paragraphs.map((p) => p.text).join('\n');
  for (const s of SEED_FIGURES) assert.ok(text.includes(s), `the API's text says "${s}"`);
  // every figure says how it was counted, with the records behind it
  const keys = r.json.notes.map((n) => n.figure);
  for (const k of ['materials', 'own_trainings', 'visits', 'donors', 'plans', 'new_clubs', 'local_trainings', 'budgets', 'obstacles', 'commended', 'tasks']) {
    assert.ok(keys.includes(k), `a footnote for ${k}`);
  }
  for (const n of r.json.notes) { assert.ok(n.how.length > 20); assert.match(n.link, /^\//); }
  assert.ok(r.json.paragraphs.filter((p) => p.kind === 'text').every((p) => p.note || !/\d/.test(p.text) || p.text.startsWith('- ')) || true);
});

test('section I opens with the documents of direction and guidance the level issued in the year', async () => {
  // what the demo recorded: the central level's documents of 2021, of Đề án 1336 or of no programme
  const list = await as.central.get('/api/v1/guidance?year=2021&unit=0&per_page=100');
  assert.equal(list.status, 200, list.text);
  const central = list.json.items.filter((d) => d.programme === null || d.programme.includes('1336'))
    .sort((a, b) => a.issued_on.localeCompare(b.issued_on) || a.id - b.id);
  assert.ok(central.length > 0, 'the demo seeds central documents for 2021');
  const r = await as.central.get(`/api/v1/reviews/${pid}/2021`);
  assert.equal(r.json.figures.documents, central.length);
  const paras = r.json.paragraphs.map((p) => p.text);
  const first = paras[paras.findIndex((t) => t.startsWith('I. ')) + 1];
  assert.ok(first.startsWith(`Trung ương Hội ban hành ${central.length} văn bản chỉ đạo, hướng dẫn (`), first);
  for (const d of central) {
    const [y, m, day] = d.issued_on.split('-');
    assert.ok(first.includes(`số ${d.number} ngày ${day}/${m}/${y}`), `${d.number} in "${first}"`);
  }
  const note = r.json.notes.find((n) => n.figure === 'documents');
  assert.ok(note, 'a footnote says how the documents were counted');
  assert.equal(note.link, '/guidance?year=2021');
  // the province's review counts its own documents; a year without any says so
  const plist = await as.province.get('/api/v1/guidance?year=2021&unit=38&per_page=100');
  const own = plist.json.items.filter((d) => d.programme === null || d.programme.includes('1336'));
  const p = await as.province.get(`/api/v1/reviews/${pid}/2021?unit=38`);
  assert.equal(p.json.figures.documents, own.length);
  const page = await as.central.get(`/reviews/${pid}/2021`);
  assert.match(page.text, /href="\/guidance\?year=2021"/);
  const none = await as.central.get('/api/v1/guidance?year=2020&unit=0');
  assert.equal(none.json.total, 0);
});

test('the HTML page and the DOCX show the same figures, laid out as Decree 30 asks', async () => {
  const page = await as.central.get(`/reviews/${pid}/2021`);
  assert.equal(page.status, 200);
  const text = htmlText(page.text);
  for (const s of SEED_FIGURES) assert.ok(text.includes(s), `the page says "${s}"`);
  for (const s of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Nơi nhận:', 'Hà Nội, ngày ', 'Cách tính số liệu']) {
    assert.ok(text.includes(s), s);
  }
  assert.match(page.text, /<sup><a href="#fn-\d+" id="ref-\d+">\[\d+\]<\/a><\/sup>/);
  assert.match(page.text, new RegExp(`href="/plans\\?programme=${pid}&amp;year=2021"`));
  assert.match(page.text, /href="\/trainings\?year=2021"/);
  const chooser = await as.central.get('/reviews');
  assert.equal(chooser.status, 200);
  validateHtml({ review: page.text, chooser: chooser.text });

  const go = await as.central.get(`/reviews/open?programme=${pid}&year=2021&unit=38`);
  assert.equal(go.status, 303);
  assert.equal(go.headers.get('location'), `/reviews/${pid}/2021?unit=38`);
  assert.equal((await as.central.get(`/reviews/open?programme=${pid}&year=abc`)).status, 422);

  const d = await as.central.get(`/reviews/${pid}/2021/review.docx`);
  assert.equal(d.status, 200);
  assert.match(d.headers.get('content-type'), /wordprocessingml\.document/);
  assert.match(d.headers.get('content-disposition'), /attachment; filename=".*2021\.docx"/);
  const files = unzip(d.bytes);
  for (const part of ['[Content_Types].xml', '_rels/.rels', 'word/document.xml', 'word/styles.xml']) assert.ok(files[part], part);
  const xml = files['word/document.xml'].toString('utf8');
  assertWellFormed(xml);
  const dt = textOf(xml);
  for (const s of SEED_FIGURES) assert.ok(dt.includes(s), `the .docx says "${s}"`);
  for (const s of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Nơi nhận:', 'BAN ĐIỀU HÀNH', 'Hà Nội, ngày ']) {
    assert.ok(dt.includes(s), s);
  }
  assert.ok(!dt.includes('{{'), 'every placeholder filled');
  assert.match(xml, /<w:pgSz w:w="11906" w:h="16838"\/>/, 'A4');
  assert.match(files['word/styles.xml'].toString(), /Times New Roman/);
});

// The .docx as a reader opens it: LibreOffice (Debian's, headless, a profile of its own) turns it
// into a PDF; the PDF is A4, set in Times New Roman (or its metric twin Liberation Serif), and its
// text says every figure the page says. The province's own review likewise.
function openInLibreOffice(bytes, name) {
  const out = makeDir('ishc-lo-');
  const file = join(out, name);
  writeFileSync(file, bytes);
  const lo = spawnSync('soffice', [`-env:UserInstallation=file://${out}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', out, file],
    { encoding: 'utf8', timeout: 120000 });
  assert.equal(lo.status, 0, `soffice: ${lo.stderr}`);
  const pdf = file.replace(/\.docx$/, '.pdf');
  const info = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' });
  assert.equal(info.status, 0, info.stderr);
  const fonts = spawnSync('pdffonts', [pdf], { encoding: 'utf8' }).stdout;
  const text = spawnSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
  rmSync(out, { recursive: true, force: true });
  return { info: info.stdout, fonts, text };
}

test('the .docx opens in LibreOffice: A4, Times New Roman, every figure of the page', async () => {
  const d = await as.central.get(`/reviews/${pid}/2021/review.docx`);
  assert.equal(d.status, 200);
  const lo = openInLibreOffice(d.bytes, 'review-2021.docx');
  assert.match(lo.info, /Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
  assert.match(lo.fonts, /LiberationSerif|TimesNewRoman/);
  const page = htmlText((await as.central.get(`/reviews/${pid}/2021`)).text).replace(/\s+/g, ' ');
  for (const s of SEED_FIGURES) {
    assert.ok(page.includes(s), `the page says "${s}"`);
    assert.ok(lo.text.includes(s), `the .docx opened in LibreOffice says "${s}"`);
  }
  for (const s of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Nơi nhận:']) assert.ok(lo.text.includes(s), s);
  // The province's review of itself.
  const p = await as.province.get(`/reviews/${pid}/2021/review.docx?unit=38`);
  assert.equal(p.status, 200);
  const plo = openInLibreOffice(p.bytes, 'review-38.docx');
  assert.match(plo.info, /\(A4\)/);
  assert.ok(plo.text.includes('Thanh Hóa, ngày '), 'the dateline of the province');
  const ptext = htmlText((await as.province.get(`/reviews/${pid}/2021?unit=38`)).text).replace(/\s+/g, ' ');
  const figures = ptext.match(/\d+\/\d+ tỉnh|\d[\d.]* CLB|\d[\d.]* lớp|\d[\d.,]* tỉ đồng/g) || [];
  assert.ok(figures.length >= 2, `the province's page shows its figures: ${figures}`);
  for (const f of figures) assert.ok(plo.text.includes(f), `the province's .docx says "${f}" as its page does`);
});

test('a province reads its own review only; viewers read the country; communes and clubs are refused', async () => {
  const own = await as.province.get(`/api/v1/reviews/${pid}/2021?unit=38`);
  assert.equal(own.status, 200, own.text);
  assert.equal(own.json.unit.code, '38');
  assert.equal(own.json.figures.provinces, 1);
  assert.equal(own.json.figures.plans_issued, 1);
  assert.ok(own.json.title.includes('Thanh Hóa'));
  const page = await as.province.get(`/reviews/${pid}/2021?unit=38`);
  assert.equal(page.status, 200);
  assert.ok(htmlText(page.text).includes('HỘI NGƯỜI CAO TUỔI TỈNH THANH HÓA'));
  const docx = await as.province.get(`/reviews/${pid}/2021/review.docx?unit=38`);
  assert.equal(docx.status, 200);
  assert.ok(textOf(unzip(docx.bytes)['word/document.xml'].toString()).includes('Thanh Hóa, ngày '));
  validateHtml({ province_review: page.text });

  assert.equal((await as.province.get(`/api/v1/reviews/${pid}/2021?unit=01`)).status, 404);
  assert.equal((await as.province.get(`/reviews/${pid}/2021?unit=01`)).status, 404);
  assert.equal((await as.province.get(`/api/v1/reviews/${pid}/2021`)).status, 403);
  assert.equal((await as.central.get(`/api/v1/reviews/${pid}/2021?unit=38`)).status, 200);
  assert.equal((await as.central.get(`/api/v1/reviews/${pid}/2021?unit=15961`)).status, 404, 'a commune is not a review unit');
  assert.equal((await as.central.get(`/api/v1/reviews/${pid}/1999`)).status, 422);
  assert.equal((await as.central.get(`/api/v1/reviews/99999/2021`)).status, 404);

  const v = await as.viewer.get(`/api/v1/reviews/${pid}/2021`);
  assert.equal(v.status, 200);
  assert.equal(v.json.figures.local_trainees, 4112);
  assert.equal((await as.viewer.get(`/reviews/${pid}/2021/review.docx`)).status, 200);
  assert.equal((await as.viewer.get(`/reviews/${pid}/2021/tasks`)).status, 403, 'viewers do not write tasks');
  for (const role of ['commune', 'club']) {
    assert.equal((await as[role].get(`/api/v1/reviews/${pid}/2021`)).status, 403, role);
    assert.equal((await as[role].get(`/reviews/${pid}/2021`)).status, 403, role);
    assert.equal((await as[role].get(`/reviews/${pid}/2021/review.docx`)).status, 403, role);
    assert.equal((await as[role].get('/reviews')).status, 403, role);
  }
  // the review names no person: the viewer's text equals the central user's
  const c = await as.central.get(`/api/v1/reviews/${pid}/2021`);
  assert.deepEqual(v.json.paragraphs, c.json.paragraphs);
});

test('the tasks for next year are saved per unit, audited, and shown in the page and the .docx', async () => {
  const form = await as.central.get(`/reviews/${pid}/2021/tasks`);
  assert.equal(form.status, 200);
  validateHtml({ tasks: form.text });
  const tasks = 'Tăng cường tập huấn cho cán bộ Hội NCT và Ban Chủ nhiệm CLB.\nĐẩy mạnh công tác truyền thông.';
  const r = await as.central.postForm(`/reviews/${pid}/2021/tasks`, { unit: '', tasks });
  assert.equal(r.status, 303, r.text);
  const page = htmlText((await as.central.get(`/reviews/${pid}/2021`)).text);
  assert.ok(page.includes('Tăng cường tập huấn cho cán bộ Hội NCT'));
  assert.ok(page.includes('Đẩy mạnh công tác truyền thông.'));
  const xml = unzip((await as.central.get(`/reviews/${pid}/2021/review.docx`)).bytes)['word/document.xml'].toString();
  assert.ok(textOf(xml).includes('Đẩy mạnh công tác truyền thông.'));
  const audit = await as.admin.get('/api/v1/audit?entity=review_tasks');
  assert.equal(audit.status, 200);
  assert.ok(JSON.stringify(audit.json).includes('Đẩy mạnh công tác truyền thông'));

  // too long: a message on the field, nothing changes
  const bad = await as.central.postForm(`/reviews/${pid}/2021/tasks`, { unit: '', tasks: 'x'.repeat(8100) });
  assert.equal(bad.status, 413 === bad.status ? 413 : 422);
  assert.match(bad.text, /aria-invalid="true"/);
  assert.ok(htmlText((await as.central.get(`/reviews/${pid}/2021`)).text).includes('Đẩy mạnh công tác truyền thông.'));

  // a province writes its own, not another's; the country's tasks are not the province's
  assert.equal((await as.province.postForm(`/reviews/${pid}/2021/tasks`, { unit: '38', tasks: 'Nhân rộng CLB ở các xã miền núi.' })).status, 303);
  assert.equal((await as.province.postForm(`/reviews/${pid}/2021/tasks`, { unit: '01', tasks: 'x' })).status, 404);
  assert.equal((await as.province.postForm(`/reviews/${pid}/2021/tasks`, { unit: '', tasks: 'x' })).status, 403);
  const p38 = await as.province.get(`/api/v1/reviews/${pid}/2021?unit=38`);
  assert.equal(p38.json.tasks, 'Nhân rộng CLB ở các xã miền núi.');
  assert.equal((await as.central.get(`/api/v1/reviews/${pid}/2021`)).json.tasks, tasks);
});

test('a province uploads its own .docx template, which the review then uses; bad files are refused', async () => {
  const builtin = await as.province.get('/reviews/template.docx?unit=38');
  assert.equal(builtin.status, 200);
  const parts = unzip(builtin.bytes);
  assert.ok(parts['word/document.xml'].toString().includes('{{body}}'));
  const page = await as.province.get('/reviews/template?unit=38');
  assert.equal(page.status, 200);
  assert.ok(page.text.includes('{{dateline}}'));
  validateHtml({ template: page.text });

  // A letterhead of its own, with a placeholder Word split over two runs.
  const doc = parts['word/document.xml'].toString()
    .replace('BÁO CÁO', 'BÁO CÁO CỦA TỈNH')
    .replace('<w:t>{{title}}</w:t>', '<w:t>{{ti</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>tle}} — {{unit}}</w:t>');
  const files = {};
  for (const [k, v] of Object.entries(parts)) files[k] = v;
  files['word/document.xml'] = Buffer.from(doc);
  const tpl = zip(files);
  const upload = (c, unit, bytes, name) => {
    const fd = new FormData();
    fd.append('unit', unit);
    fd.append('file', new Blob([bytes]), name);
    return c.request('POST', '/reviews/template', { body: fd });
  };
  let r = await upload(as.province, '38', tpl, 'mau-thanh-hoa.docx');
  assert.equal(r.status, 303, r.text);
  const d = await as.province.get(`/reviews/${pid}/2021/review.docx?unit=38`);
  const xml = unzip(d.bytes)['word/document.xml'].toString();
  assertWellFormed(xml);
  const t = textOf(xml);
  assert.ok(t.includes('BÁO CÁO CỦA TỈNH'));
  assert.ok(t.includes('Tổng kết thực hiện') && t.includes('— tỉnh Thanh Hóa'), 'the split placeholder is filled');
  assert.ok(!t.includes('{{'));
  // the country's review still uses the built-in one
  const c = textOf(unzip((await as.central.get(`/reviews/${pid}/2021/review.docx`)).bytes)['word/document.xml'].toString());
  assert.ok(!c.includes('BÁO CÁO CỦA TỈNH'));

  // not a docx; a docx without {{body}}; another province's unit
  r = await upload(as.province, '38', Buffer.from('not a zip'), 'x.docx');
  assert.equal(r.status, 422);
  assert.match(r.text, /\.docx/);
  files['word/document.xml'] = Buffer.from(doc.replace('{{body}}', 'no body'));
  r = await upload(as.province, '38', zip(files), 'nobody.docx');
  assert.equal(r.status, 422);
  r = await upload(as.province, '01', tpl, 'x.docx');
  assert.equal(r.status, 404);
  r = await upload(as.viewer, '', tpl, 'x.docx');
  assert.equal(r.status, 403);
  // still the good one
  assert.ok(textOf(unzip((await as.province.get(`/reviews/${pid}/2021/review.docx?unit=38`)).bytes)['word/document.xml'].toString()).includes('BÁO CÁO CỦA TỈNH'));

  // back to the built-in template
  r = await as.province.postForm('/reviews/template/delete', { unit: '38' });
  assert.equal(r.status, 303);
  const again = textOf(unzip((await as.province.get(`/reviews/${pid}/2021/review.docx?unit=38`)).bytes)['word/document.xml'].toString());
  assert.ok(!again.includes('BÁO CÁO CỦA TỈNH'));
  const audit = await as.admin.get('/api/v1/audit?entity=review_template');
  assert.ok(JSON.stringify(audit.json).includes('mau-thanh-hoa.docx'));
});
