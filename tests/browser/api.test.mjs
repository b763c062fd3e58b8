// API tests of `annalist serve` over the fixture store (fixtures/seed_events.jsonl): every
// endpoint, its filters and error paths, static files and traversal attempts, malformed HTTP.
// Usage: node api.test.mjs BASE_URL MAX_BODY. Prints "ok ..." / "FAIL ..." lines.
// Expected figures are worked out by hand from the fixture (11 events, 6 documents):
//   IRN<->AZE, not negated: #3 AZEGOV>IRN 030 06-14 | #8 IRNGOV>AZEGOV 040, #9 101, #10 AZEGOV>IRN 016
//   on 06-26 | #11 AZE>IRN 057 06-30; negated: #6 IRN>AZE 161 06-17.
import {check, eq, same, raw} from './testlib.mjs';

const BASE = process.argv[2];
const MAX_BODY = Number(process.argv[3] || 0);
const port = Number(new URL(BASE).port);

async function json(path, init) {
  const r = await fetch(BASE + path, init);
  const text = await r.text();
  let body = null;
  try { body = JSON.parse(text); } catch { /* checked by callers */ }
  return {status: r.status, type: r.headers.get('content-type') || '', headers: r.headers, body, text};
}
async function error(path, status, words, init) {
  const r = await json(path, init);
  eq(`${init && init.method || 'GET'} ${path}: status`, r.status, status);
  check(`${path}: JSON error body with status and message`, r.body && r.body.error &&
        r.body.error.status === status && typeof r.body.error.message === 'string', r.text.slice(0, 200));
  if (words) check(`${path}: message mentions "${words}"`, r.body && r.body.error && r.body.error.message.includes(words),
                   r.text.slice(0, 300));
  check(`${path}: error is application/json`, r.type.startsWith('application/json'), r.type);
}

// ---- health, version, stats ----
let r = await json('/v1/health');
eq('health status', r.status, 200);
eq('health body', r.body && r.body.status, 'ok');
r = await json('/v1/version');
eq('version status', r.status, 200);
check('version names annalist version and schema', r.body && /^\d+\.\d+\.\d+/.test(r.body.annalist) && r.body.schema_version >= 1, r.text);
const havePipeline = !!(r.body && r.body.pipeline);
r = await json('/v1/stats');
eq('stats documents', r.body && r.body.documents, 6);
eq('stats events', r.body && r.body.events, 11);
eq('stats first date', r.body && r.body.first_date, '2025-06-13');
eq('stats last date', r.body && r.body.last_date, '2025-06-30');
check('JSON responses carry nosniff and a same-origin CSP', r.headers.get('x-content-type-options') === 'nosniff' &&
      (r.headers.get('content-security-policy') || '').includes("default-src 'self'"));

// ---- series ----
r = await json('/v1/series?dyad=IRN:AZE&both=1&by=week');
eq('series IRN<->AZE status', r.status, 200);
const pts = r.body ? r.body.points : [];
same('series IRN<->AZE weekly periods (empty week kept)', pts.map(p => p.period),
     ['2025-06-09', '2025-06-16', '2025-06-23', '2025-06-30']);
same('series IRN<->AZE weekly counts', pts.map(p => p.count), [1, 0, 3, 1]);
same('series week of 06-23 by quad class', pts[2] && pts[2].quad, [2, 0, 1, 0]);
eq('series week of 06-23 mean Goldstein (1-5-2)/3', pts[2] && pts[2].goldstein_mean, -2);
eq('series week of 06-23 Goldstein sum', pts[2] && pts[2].goldstein_sum, -6);
r = await json('/v1/series?dyad=IRN:AZE&both=1&by=week&negated=1');
same('series with negated=1 counts the negated 06-17 event', r.body && r.body.points.map(p => p.count), [1, 1, 3, 1]);
r = await json('/v1/series?dyad=IRN:AZE&by=week');
same('series IRN->AZE (directed)', r.body && r.body.points.map(p => [p.period, p.count]), [['2025-06-23', 2]]);
r = await json('/v1/series?dyad=AZE:IRN');
same('series AZE->IRN default by week', r.body && r.body.points.map(p => p.count), [1, 0, 1, 1]);
eq('series default period is week', r.body && r.body.by, 'week');
r = await json('/v1/series?dyad=IRN:AZE&both=1&by=day');
eq('series by day spans 06-14..06-30', r.body && r.body.points.length, 17);
eq('series by day: non-empty days', r.body && r.body.points.filter(p => p.count).length, 3);
r = await json('/v1/series?dyad=IRN:AZE&both=1&by=month');
same('series by month', r.body && r.body.points.map(p => [p.period, p.count]), [['2025-06-01', 5]]);
r = await json('/v1/series?dyad=USA:CHN');
same('series of a dyad with no events is empty', r.body && r.body.points, []);

// ---- events ----
r = await json('/v1/events?dyad=IRN:AZE&both=1');
eq('events IRN<->AZE count', r.body && r.body.count, 5);
same('events IRN<->AZE codes in date order', r.body && r.body.events.map(e => e.code).sort(), ['016', '030', '040', '057', '101']);
eq('events: no next page', r.body && r.body.next_cursor, null);
const pressed = r.body && r.body.events.find(e => e.code === '101');
check('event 101 carries its sentence', pressed && pressed.sentence_text.startsWith('Pezeshkian pressed Aliyev'));
same('event 101 spans in the sentence', pressed && pressed.spans,
     [{role: 'source', start: 0, end: 10}, {role: 'trigger', start: 11, end: 18}, {role: 'target', start: 19, end: 25}]);
eq('event 101 pattern', pressed && pressed.pattern, 'press+to+investigate#101');
eq('event 101 attributed to', pressed && pressed.attributed_to, 'IRNGOV');
eq('event 101 source', pressed && pressed.source.code, 'IRNGOV');
eq('event 101 Goldstein', pressed && pressed.goldstein, -5);

// paging: 2 + 2 + 1, no repeats, same set as one page
let seen = [], cursor = null, pages = 0;
do {
  r = await json('/v1/events?dyad=IRN:AZE&both=1&limit=2' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''));
  if (!r.body) break;
  seen.push(...r.body.events.map(e => e.id));
  cursor = r.body.next_cursor;
  pages++;
} while (cursor && pages < 10);
eq('paging with limit=2 takes 3 pages', pages, 3);
eq('paging delivers 5 events', seen.length, 5);
eq('paging repeats none', new Set(seen).size, 5);

const count = async q => { const x = await json('/v1/events?' + q); return x.body ? x.body.count : -1; };
eq('filter code=101', await count('code=101'), 1);
eq('filter code=11,101 (prefixes)', await count('code=11,101'), 3);
eq('filter root=19', await count('root=19'), 1);
eq('filter quad=4 (negated left out)', await count('quad=4'), 1);
eq('filter actor=ISR', await count('actor=ISR'), 5);
eq('filter since=2025-06-24', await count('since=2025-06-24'), 5);
eq('filter until=2025-06-14', await count('until=2025-06-14'), 3);
eq('filter negated=2 (only negated)', await count('negated=2'), 1);
eq('filter doc=jun26-phonecall', await count('doc=jun26-phonecall'), 3);
r = await json('/v1/events?code=195');
const strike = r.body && r.body.events[0];
same('event 195 spans', strike && strike.spans,
     [{role: 'source', start: 0, end: 6}, {role: 'trigger', start: 7, end: 27}, {role: 'target', start: 31, end: 57}]);
r = await json('/v1/events?code=112&actor=IRNGOV');
const called = r.body && r.body.events[0];
same('event without target text: source and trigger spans only', called && called.spans.map(s => s.role), ['source', 'trigger']);

// ---- actors, top ----
r = await json('/v1/actors?q=IRN');
check('actors q=IRN lists IRN and IRNGOV', r.body && ['IRN', 'IRNGOV'].every(c => r.body.actors.some(a => a.code === c)), r.text);
r = await json('/v1/actors?q=bayramov');  // names are the first mention the store saw
check('actors q=bayramov finds AZEGOV by name (case-insensitive)', r.body && r.body.actors.some(a => a.code === 'AZEGOV'), r.text);
r = await json('/v1/top?kind=dyads');
eq('top dyads: ISR:IRN first', r.body && r.body.dyads[0] && r.body.dyads[0].dyad, 'ISR:IRN');
eq('top dyads: ISR:IRN has 3 events', r.body && r.body.dyads[0] && r.body.dyads[0].events, 3);
r = await json('/v1/top?kind=codes&limit=1');
same('top codes limit=1: 112 (twice)', r.body && r.body.codes.map(c => [c.code, c.events]), [['112', 2]]);
r = await json('/v1/top?kind=actors');
check('top actors lists IRN', r.body && r.body.actors.some(a => a.code === 'IRN'), r.text);

// ---- parameter errors ----
await error('/v1/series?dyad=IRN', 400, 'dyad');
await error('/v1/series?dyad=irn:aze', 400, 'dyad');
await error('/v1/series?dyad=IRN:AZE&by=year', 400, 'by must be');
await error('/v1/events?since=June', 400, 'since');
await error('/v1/events?until=2025-13-01', 400, 'until');
await error('/v1/events?limit=0', 400, 'limit');
await error('/v1/events?limit=100000', 400, 'limit');
await error('/v1/events?limit=ten', 400, 'limit');
await error('/v1/events?code=1a', 400, 'code');
await error('/v1/events?quad=7', 400, 'quad');
await error('/v1/events?negated=yes', 400, 'negated');
await error('/v1/events?cursor=garbage', 400);
await error('/v1/events?both=2', 400, 'both');
await error('/v1/top?kind=people', 400, 'kind');
await error('/v1/actors?q=' + 'x'.repeat(200), 400, 'q');
await error('/v1/nothing', 404, 'no such endpoint');
await error('/v1/', 404);
await error('/v1/%ff%fe%00x', 404, 'no such endpoint');  // decoded bytes that are not UTF-8: still valid JSON
await error('/v1/events', 405, 'GET', {method: 'POST', body: 'x'});
await error('/v1/code', 405, 'POST');
await error('/v1/health', 405, undefined, {method: 'DELETE'});
await error('/index.html', 405, undefined, {method: 'PUT', body: 'x'});

// ---- POST /v1/code ----
await error('/v1/code', 400, 'invalid JSON', {method: 'POST', headers: {'content-type': 'application/json'}, body: '{"text": '});
await error('/v1/code', 400, 'array', {method: 'POST', headers: {'content-type': 'application/json'}, body: '[]'});
await error('/v1/code', 400, 'text', {method: 'POST', headers: {'content-type': 'application/json'}, body: '{"id": 3}'});
await error('/v1/code', 400, 'empty', {method: 'POST', headers: {'content-type': 'text/plain'}, body: ''});
await error('/v1/code', 400, 'UTF-8', {method: 'POST', headers: {'content-type': 'text/plain'}, body: Buffer.from([0x49, 0xff, 0x21])});
await error('/v1/code', 415, 'text/plain', {method: 'POST', headers: {'content-type': 'image/png'}, body: 'x'});
await error('/v1/code?store=maybe', 400, 'store', {method: 'POST', headers: {'content-type': 'text/plain'}, body: 'x'});
const sentence = {id: 'api-test', date: '2025-06-27', text: 'President Pezeshkian pressed Aliyev to investigate the reports.'};
r = await json('/v1/code', {method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify(sentence)});
if (havePipeline) {
  eq('POST /v1/code codes one document', r.status, 200);
  eq('POST /v1/code returns the document id', r.body && r.body.documents[0].id, 'api-test');
  check('POST /v1/code finds an IRN->AZE event', r.body && r.body.documents[0].events.some(e =>
        (e.source.code || '').startsWith('IRN') && (e.target.code || '').startsWith('AZE')), r.text.slice(0, 400));
  r = await json('/v1/code?store=1', {method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify([sentence])});
  eq('POST /v1/code?store=1 stores the document', r.body && r.body.stored && r.body.stored.added, 1);
  r = await json('/v1/stats');
  eq('stored document is counted', r.body && r.body.documents, 7);
} else {
  eq('POST /v1/code without a pipeline: 503', r.status, 503);
  check('POST /v1/code without a pipeline says so', r.body && r.body.error.message.includes('this build has no coding pipeline'), r.text);
}

// ---- body cap ----
if (MAX_BODY) {
  r = await json('/v1/code', {method: 'POST', headers: {'content-type': 'text/plain'}, body: 'a'.repeat(MAX_BODY + 1)});
  eq('body over --max-body: 413', r.status, 413);
  check('413 is a JSON error naming the limit', r.body && r.body.error.message.includes(String(MAX_BODY)), r.text);
  // A chunked body (no Content-Length) that outgrows the cap: the server drops the connection.
  const chunk = 'a'.repeat(1000);
  const req = `POST /v1/code HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n` +
              Array(Math.ceil(MAX_BODY / 1000) + 3).fill(`3e8\r\n${chunk}\r\n`).join('') + '0\r\n\r\n';
  const resp = await raw(port, req);
  check('chunked body over the cap gets no 2xx', !/^HTTP\/1\.[01] 2/.test(resp), resp.slice(0, 100));
}

// ---- static files and traversal ----
r = await json('/');
eq('GET / serves the dashboard', r.status, 200);
check('dashboard is HTML', r.type.startsWith('text/html') && r.text.includes('<title>annalist'), r.type);
r = await json('/app.js');
check('app.js is JavaScript', r.status === 200 && r.type.startsWith('text/javascript'), r.type);
r = await json('/style.css');
check('style.css is CSS', r.status === 200 && r.type.startsWith('text/css'), r.type);
await error('/missing.js', 404);
const head = await fetch(BASE + '/', {method: 'HEAD'});
eq('HEAD / status', head.status, 200);
eq('HEAD / has no body', (await head.text()).length, 0);

const traversals = ['/../../../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc%2fpasswd',
  '/%2e%2e%2f%2e%2e%2fetc%2fpasswd', '/.%2e/.%2e/etc/passwd', '/..%5c..%5cetc%5cpasswd', '/..\\..\\etc\\passwd',
  '/%252e%252e/etc/passwd', '//etc/passwd', '/app.js/../../../etc/passwd', '/.git/config', '/%00index.html',
  '/index.html%00.js', '/%c0%ae%c0%ae/etc/passwd', '/./index.html', '/v1/../../etc/passwd'];
for (const t of traversals) {
  const resp = await raw(port, `GET ${t} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
  const status = Number((resp.match(/^HTTP\/1\.[01] (\d{3})/) || [])[1]);
  check(`traversal ${t}: refused with 400/404 (got ${status})`, status === 400 || status === 404, resp.slice(0, 120));
  check(`traversal ${t}: no file content leaks`, !resp.includes('root:') && !resp.includes('[core]'));
}

// ---- malformed HTTP: answered with a 4xx/5xx or closed; the server keeps serving ----
const malformed = {
  'garbage request line': 'GARBAGE\r\n\r\n',
  'unknown HTTP version': 'GET / HTTP/9.9\r\nHost: x\r\n\r\n',
  'header without colon': 'GET /v1/health HTTP/1.1\r\nHost: x\r\nNoColonHere\r\n\r\n',
  'HTTP/1.1 without Host': 'GET /v1/health HTTP/1.1\r\n\r\n',
  'huge header': `GET /v1/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(100000)}\r\n\r\n`,
  'huge request line': `GET /${'a'.repeat(100000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
  'bad Content-Length': 'POST /v1/code HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n',
  'bad chunk size': 'POST /v1/code HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n',
  'binary noise': Buffer.from(Array.from({length: 4096}, (_, i) => (i * 131 + 7) & 255)),
};
for (const [what, bytes] of Object.entries(malformed)) {
  const resp = await raw(port, bytes);
  check(`malformed (${what}): no 2xx answer`, !/^HTTP\/1\.[01] 2/.test(resp), resp.slice(0, 100));
  check(`malformed (${what}): an error status or a closed connection`,
        resp === '' || /^HTTP\/1\.[01] [45]\d\d/.test(resp), JSON.stringify(resp.slice(0, 100)));
  r = await json('/v1/health');
  eq(`health still answers after ${what}`, r.status, 200);
}

// A NUL in the request line: libmicrohttpd reads the line as a C string, so "/\0" is served as
// "/" (the dashboard); what matters is that nothing else leaks and the server keeps serving.
{
  const resp = await raw(port, 'GET /\u0000/../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  check('NUL in the request line: no file outside the dashboard', !resp.includes('root:'), resp.slice(0, 100));
  eq('health still answers after a NUL in the request line', (await json('/v1/health')).status, 200);
}

// ---- keep-alive: several requests on one connection ----
const ka = await raw(port, 'GET /v1/health HTTP/1.1\r\nHost: x\r\n\r\nGET /v1/version HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
eq('two pipelined requests on one connection get two answers', (ka.match(/HTTP\/1\.1 200/g) || []).length, 2);
