// Assertion helpers shared by the node test scripts: every check prints "ok ..." or "FAIL ...";
// tests/browser/lib-server.sh counts those lines as the e2e test's assertions.
import net from 'node:net';
import {isDeepStrictEqual} from 'node:util';

export function check(what, cond, detail) {
  if (cond) console.log('ok ' + what);
  else console.log('FAIL ' + what + (detail !== undefined ? ': ' + String(detail).replace(/\n/g, '\\n') : ''));
  return !!cond;
}
export function eq(what, got, want) {
  return check(what, got === want, `got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
}
export function same(what, got, want) {
  return check(what, isDeepStrictEqual(got, want), `got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
}

// Sends bytes on a fresh connection and returns what comes back until the server closes it
// (or ms elapse). Used for requests fetch() would refuse or normalise.
export function raw(port, bytes, ms = 5000) {
  return new Promise(resolve => {
    const chunks = [];
    const s = net.connect(port, '127.0.0.1');
    const done = () => { clearTimeout(t); s.destroy(); resolve(Buffer.concat(chunks).toString('latin1')); };
    const t = setTimeout(done, ms);
    s.on('connect', () => s.write(bytes));
    s.on('data', d => chunks.push(d));
    s.on('error', done);
    s.on('close', done);
  });
}
export const sleep = ms => new Promise(r => setTimeout(r, ms));
