// Server hardening (issue 9): slow clients, idle half-requests, more connections than the cap and
// many concurrent clients, all on loopback and bounded in count and time. /v1/health must keep
// answering, or answer again once the idle timeout has cleared the abusers.
// Usage: node abuse.test.mjs BASE_URL TIMEOUT_S MAX_CONNS [SLOW_BASE_URL [PER_IP_BASE_URL]].
// Prints "ok ..." / "FAIL ..." lines. PER_IP_BASE_URL is a server with --max-conns-per-ip 5. SLOW_BASE_URL is a --no-cache server over a store whose queries take a good part of a
// second: health must answer while a flood of them keeps every query slot busy.
import net from 'node:net';
import http from 'node:http';
import {check, eq, sleep} from './testlib.mjs';

const BASE = process.argv[2];
const TIMEOUT = Number(process.argv[3]);
const MAX_CONNS = Number(process.argv[4]);
const port = Number(new URL(BASE).port);

// One GET on a fresh connection; resolves to the status, or 0 on error/timeout (ms).
function getStatus(path, ms = 2000) {
  return new Promise(resolve => {
    const req = http.get({host: '127.0.0.1', port, path, agent: false, timeout: ms}, res => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('timeout', () => { req.destroy(); resolve(0); });
    req.on('error', () => resolve(0));
  });
}
// Opens a connection, sends `first`, then reports when the server closes it.
function openConn(first) {
  return new Promise(resolve => {
    const s = net.connect(port, '127.0.0.1');
    const c = {sock: s, closedAt: 0, data: ''};
    s.on('connect', () => { if (first) s.write(first); resolve(c); });
    s.on('data', d => { c.data += d.toString('latin1'); });
    s.on('close', () => { c.closedAt = Date.now(); });
    s.on('error', () => { c.closedAt = c.closedAt || Date.now(); resolve(c); });
  });
}

// 1. Slowloris: 30 clients trickle header bytes faster than the idle timeout, for about
// 2 x TIMEOUT seconds. Health answers every time meanwhile.
{
  const slow = [];
  for (let i = 0; i < 30; i++) slow.push(await openConn('GET /v1/health HTTP/1.1\r\nHost: x\r\n'));
  const trickle = setInterval(() => { for (const c of slow) if (!c.closedAt) c.sock.write('X'); }, 300);
  let good = 0, tries = 0;
  const until = Date.now() + 2000 * TIMEOUT;
  while (Date.now() < until) {
    tries++;
    if (await getStatus('/v1/health', 3000) === 200) good++;
    await sleep(150);
  }
  clearInterval(trickle);
  eq(`health answered ${tries} times while 30 slow clients trickled headers`, good, tries);
  for (const c of slow) c.sock.destroy();
}

// 2. Half-sent requests that then go quiet are closed after the idle timeout.
{
  const t0 = Date.now();
  const idle = [];
  for (let i = 0; i < 10; i++) idle.push(await openConn('GET /v1/series?dyad=IRN:AZE HTTP/1.1\r\nHost: x\r\n'));
  for (let i = 0; i < 10; i++) idle.push(await openConn(''));  // connect, send nothing
  while (Date.now() - t0 < (TIMEOUT + 4) * 1000 && idle.some(c => !c.closedAt)) await sleep(100);
  const open = idle.filter(c => !c.closedAt).length;
  eq(`idle and half-sent connections closed within ${TIMEOUT + 4} s (timeout ${TIMEOUT} s)`, open, 0);
  const late = idle.filter(c => c.closedAt && c.closedAt - t0 < (TIMEOUT - 1) * 1000).length;
  eq('none of them closed long before the timeout', late, 0);
  idle.forEach(c => c.sock.destroy());
}

// 3. More connections than --max-conns, each sending a request and then idling (keep-alive):
// at most the cap are answered; the rest are refused (or wait and are served once the idle
// timeout frees slots); health answers again.
{
  const extra = 20;
  const hog = [];
  for (let i = 0; i < MAX_CONNS + extra; i++) hog.push(await openConn('GET /v1/health HTTP/1.1\r\nHost: x\r\n\r\n'));
  await sleep(700);
  const answered = hog.filter(c => c.data.startsWith('HTTP/1.1 200')).length;
  check(`at most --max-conns (${MAX_CONNS}) of ${hog.length} connections served at once (${answered})`,
        answered > 0 && answered <= MAX_CONNS);
  const t0 = Date.now();
  let status = 0;
  while (Date.now() - t0 < (2 * TIMEOUT + 5) * 1000) {
    status = await getStatus('/v1/health', 1000);
    if (status === 200 && hog.every(c => c.data.startsWith('HTTP/1.1 200') || c.closedAt)) break;
    await sleep(200);
  }
  eq(`health answers again within ${2 * TIMEOUT + 5} s`, status, 200);
  // Over the cap a connection is either refused (closed unanswered) or served later: none hangs.
  const hanging = hog.filter(c => !c.data.startsWith('HTTP/1.1 200') && !c.closedAt).length;
  eq('every connection over the cap was refused or served, none left hanging', hanging, 0);
  hog.forEach(c => c.sock.destroy());
}

// 4. Many concurrent clients (below the cap): every request answered correctly.
{
  const clients = Math.min(40, MAX_CONNS - 5), each = 25;
  const agent = new http.Agent({keepAlive: true, maxSockets: clients});
  const one = path => new Promise(resolve => {
    const req = http.get({host: '127.0.0.1', port, path, agent, timeout: 5000}, res => {
      let n = 0;
      res.on('data', d => { n += d.length; });
      res.on('end', () => resolve(res.statusCode === 200 && n > 0));
    });
    req.on('timeout', () => { req.destroy(); resolve(false); });
    req.on('error', () => resolve(false));
  });
  const worker = async () => {
    let good = 0;
    for (let i = 0; i < each; i++)
      if (await one(i % 2 ? '/v1/series?dyad=IRN:AZE&both=1' : '/v1/events?dyad=IRN:AZE&both=1&limit=5')) good++;
    return good;
  };
  const res = await Promise.all(Array.from({length: clients}, worker));
  agent.destroy();
  eq(`${clients} concurrent clients x ${each} requests all answered 200`, res.reduce((a, b) => a + b, 0), clients * each);
}

// 5. A pipelined burst on one connection is answered in full and in order.
{
  const n = 200;
  const c = await openConn('GET /v1/health HTTP/1.1\r\nHost: x\r\n\r\n'.repeat(n - 1) +
                           'GET /v1/version HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  const t0 = Date.now();
  while (!c.closedAt && Date.now() - t0 < 5000) await sleep(50);
  eq(`${n} pipelined requests on one connection: ${n} answers`, (c.data.match(/HTTP\/1\.1 200/g) || []).length, n);
  check('the last pipelined answer is the last request\'s', c.data.trimEnd().endsWith(']}'));
  c.sock.destroy();
}
eq('health answers at the end', await getStatus('/v1/health'), 200);

// 6. Slow queries keep every query slot busy: health and static files still answer promptly.
if (process.argv[5]) {
  const slowPort = Number(new URL(process.argv[5]).port);
  const at = (p, path, ms) => new Promise(resolve => {
    const t0 = Date.now();
    const req = http.get({host: '127.0.0.1', port: p, path, agent: false, timeout: ms}, res => {
      res.resume();
      res.on('end', () => resolve({status: res.statusCode, ms: Date.now() - t0}));
    });
    req.on('timeout', () => { req.destroy(); resolve({status: 0, ms}); });
    req.on('error', () => resolve({status: 0, ms: Date.now() - t0}));
  });
  let stop = false, floodOk = 0, floodAll = 0;
  const flooder = async k => {
    for (let i = 0; !stop; i++) {
      const r = await at(slowPort, `/v1/series?dyad=IRN:AZE&both=1&by=${['day', 'week', 'month'][(i + k) % 3]}`, 30000);
      floodAll++;
      if (r.status === 200) floodOk++;
    }
  };
  const flood = Array.from({length: 12}, (_, k) => flooder(k));
  await sleep(300);
  let healthOk = 0, tries = 0, worst = 0, slowest = 0;
  const lat = [];
  const until = Date.now() + 4000;
  while (Date.now() < until) {
    tries++;
    const h = await at(slowPort, '/v1/health', 3000);
    const f = await at(slowPort, '/', 3000);
    if (h.status === 200 && f.status === 200) healthOk++;
    worst = Math.max(worst, h.ms, f.ms);
    lat.push(h.ms);
    await sleep(100);
  }
  stop = true;
  await Promise.all(flood);
  const probe = await at(slowPort, '/v1/series?dyad=IRN:AZE&both=1&by=day', 30000);
  slowest = probe.ms;
  eq(`health and / answered ${tries} times under a flood of slow queries (slowest ${worst} ms; one query ${slowest} ms)`,
     healthOk, tries);
  check(`the flood's queries queued and were all answered (${floodOk} of ${floodAll})`, floodAll > 0 && floodOk === floodAll);
  // Health does not queue behind the queries: its median latency is far below one query's.
  const median = lat.sort((a, b) => a - b)[Math.floor(lat.length / 2)];
  check(`median health latency under the flood (${median} ms) is under half of one query alone (${slowest} ms)`,
        median < slowest / 2);
}

// 7. --max-conns-per-ip 5: one address holding 5 connections gets no sixth.
if (process.argv[6]) {
  const pport = Number(new URL(process.argv[6]).port);
  const conns = [];
  for (let i = 0; i < 8; i++) {
    conns.push(await new Promise(resolve => {
      const s = net.connect(pport, '127.0.0.1');
      const c = {sock: s, closedAt: 0, data: ''};
      s.on('connect', () => { s.write('GET /v1/health HTTP/1.1\r\nHost: x\r\n\r\n'); resolve(c); });
      s.on('data', d => { c.data += d.toString('latin1'); });
      s.on('close', () => { c.closedAt = Date.now(); });
      s.on('error', () => resolve(c));
    }));
  }
  await sleep(700);
  const served = conns.filter(c => c.data.startsWith('HTTP/1.1 200')).length;
  eq('--max-conns-per-ip 5: 5 of 8 connections from one address served', served, 5);
  check('--max-conns-per-ip 5: the other 3 refused', conns.filter(c => !c.data && c.closedAt).length === 3);
  conns.forEach(c => c.sock.destroy());
  await sleep(200);
  let st = 0;
  await new Promise(resolve => {
    http.get({host: '127.0.0.1', port: pport, path: '/v1/health', agent: false}, res => { st = res.statusCode; res.resume(); res.on('end', resolve); })
      .on('error', resolve);
  });
  eq('--max-conns-per-ip: served again once the address closed its connections', st, 200);
}
