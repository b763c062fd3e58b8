// Writes N schema-valid synthetic events (JSONL) on the IRN-AZE dyad, spread over two years,
// for load tests that need queries to take real time. Deterministic. Usage: node gen-events.mjs N
const n = Number(process.argv[2] || 1000);
const codes = [['040', 1.0, 1], ['057', 8.0, 1], ['061', 6.4, 2], ['112', -2.0, 3], ['138', -7.0, 3], ['195', -10.0, 4]];
let seed = 42;
const rnd = k => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % k; };
const out = [];
for (let i = 0; i < n; i++) {
  const [code, g, q] = codes[rnd(codes.length)];
  const day = new Date(Date.UTC(2024, 0, 1) + rnd(730) * 86400000).toISOString().slice(0, 10);
  const [src, tgt] = rnd(2) ? ['IRNGOV', 'AZEGOV'] : ['AZE', 'IRN'];
  const sentence = `Officials of ${src} met ${tgt} on ${day}.`;
  out.push(JSON.stringify({doc_id: `gen-${Math.floor(i / 5)}`, sentence: i % 5, date: day, date_precision: 'day',
    source: {code: src, text: src, start: 13, end: 13 + src.length},
    target: {code: tgt, text: tgt, start: 18 + src.length, end: 18 + src.length + tgt.length},
    code, root: code.slice(0, 2), quad_class: q, goldstein: g, negated: false, hedged: false,
    trigger: {text: 'met', start: 14 + src.length, end: 17 + src.length}, pattern: 'gen#' + code,
    sentence_text: sentence}));
}
process.stdout.write(out.join('\n') + '\n');
