// The annalist dashboard: pick a dyad or an actor, see its time series and its events (each
// expandable to the sentence with source, trigger and target highlighted), code pasted text.
// Talks only to this server's /v1/ API; no external requests.
'use strict';
(function () {
  const $ = id => document.getElementById(id);
  const QUAD = ['', 'verbal cooperation', 'material cooperation', 'verbal conflict', 'material conflict'];
  const state = {query: null, cursor: null};

  async function api(path, init) {
    const r = await fetch(path, init);
    let body = null;
    try { body = await r.json(); } catch (e) { /* not JSON: reported below */ }
    if (!r.ok) {
      const msg = body && body.error ? body.error.message : r.status + ' ' + r.statusText;
      const err = new Error(msg);
      err.status = r.status;
      throw err;
    }
    return body;
  }
  function text(tag, s, cls) {
    const e = document.createElement(tag);
    if (s != null) e.textContent = s;
    if (cls) e.className = cls;
    return e;
  }
  function status(id, msg, bad) {
    const e = $(id);
    e.textContent = msg || '';
    e.classList.toggle('bad', !!bad);
  }
  function actorLabel(a) {
    return a && a.code ? a.code : '—';
  }
  // An actor cell: the code, and the words of the mention underneath.
  function actorCell(a) {
    const td = text('td', actorLabel(a), 'actor');
    if (a && a.text) td.appendChild(text('span', a.text, 'mention'));
    return td;
  }

  // The sentence with the source, trigger and target spans wrapped in <mark>s.
  function highlighted(ev) {
    const p = text('p', null, 'sentence');
    const s = ev.sentence_text || '';
    if (!s) { p.textContent = '(sentence not stored)'; return p; }
    const spans = (ev.spans || []).slice().sort((a, b) => a.start - b.start);
    let at = 0;
    for (const sp of spans) {
      if (sp.start < at || sp.end > s.length) continue;   // overlapping spans: keep the first
      p.appendChild(document.createTextNode(s.slice(at, sp.start)));
      const mk = text('mark', s.slice(sp.start, sp.end), 'hl-' + sp.role);
      mk.title = sp.role;
      mk.dataset.role = sp.role;
      p.appendChild(mk);
      at = sp.end;
    }
    p.appendChild(document.createTextNode(s.slice(at)));
    return p;
  }
  function detail(ev) {
    const d = document.createElement('div');
    d.className = 'detail';
    d.appendChild(highlighted(ev));
    const dl = document.createElement('dl');
    const add = (k, v) => { if (v == null || v === '') return; dl.appendChild(text('dt', k)); dl.appendChild(text('dd', String(v))); };
    add('source', ev.source.code ? ev.source.code + ' — “' + (ev.source.text || '') + '”' : null);
    add('trigger', ev.trigger && ev.trigger.text ? '“' + ev.trigger.text + '”' : null);
    add('target', ev.target.code ? ev.target.code + ' — “' + (ev.target.text || '') + '”' : null);
    add('pattern', ev.pattern);
    add('CAMEO', ev.code + ' (root ' + ev.root + '), ' + (QUAD[ev.quad_class] || 'unknown class'));
    add('PLOVER', ev.plover && ev.plover.type ? [ev.plover.type, ev.plover.mode, ev.plover.context].filter(Boolean).join(' / ') : null);
    add('date', ev.date ? ev.date + (ev.date_text ? ' (“' + ev.date_text + '”, ' + ev.date_precision + ')' : '') : 'unknown');
    add('attributed to', ev.attributed_to);
    add('flags', [ev.negated ? 'negated' : '', ev.hedged ? 'hedged' : ''].filter(Boolean).join(', '));
    add('document', ev.doc_id + ', sentence ' + ev.sentence);
    d.appendChild(dl);
    return d;
  }

  function eventRow(ev, tbody) {
    const tr = document.createElement('tr');
    tr.className = 'ev q' + ev.quad_class;
    tr.tabIndex = 0;
    tr.setAttribute('aria-expanded', 'false');
    tr.dataset.id = ev.id;
    tr.appendChild(text('td', ev.date || 'undated'));
    tr.appendChild(actorCell(ev.source));
    const evc = text('td');
    evc.appendChild(text('span', ev.code, 'code'));
    if (ev.trigger && ev.trigger.text) evc.appendChild(text('span', ' ' + ev.trigger.text, 'trig'));
    if (ev.negated) evc.appendChild(text('span', ' not', 'flag'));
    tr.appendChild(evc);
    tr.appendChild(actorCell(ev.target));
    tr.appendChild(text('td', (ev.goldstein > 0 ? '+' : '') + ev.goldstein.toFixed(1), 'num'));
    tr.appendChild(text('td', QUAD[ev.quad_class] || '—'));
    const dr = document.createElement('tr');
    dr.className = 'detail-row';
    dr.hidden = true;
    const td = document.createElement('td');
    td.colSpan = 6;
    dr.appendChild(td);
    const toggle = () => {
      const open = dr.hidden;
      if (open && !td.firstChild) td.appendChild(detail(ev));
      dr.hidden = !open;
      tr.setAttribute('aria-expanded', String(open));
    };
    tr.addEventListener('click', toggle);
    tr.addEventListener('keydown', e => {
      if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); toggle(); }
      else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const rows = [...tbody.querySelectorAll('tr.ev')];
        const i = rows.indexOf(tr) + (e.key === 'ArrowDown' ? 1 : -1);
        if (rows[i]) rows[i].focus();
      }
    });
    tbody.appendChild(tr);
    tbody.appendChild(dr);
  }

  function params(extra) {
    const q = state.query, p = new URLSearchParams();
    if (q.dyad) p.set('dyad', q.dyad);
    if (q.actor) p.set('actor', q.actor);
    if (q.dyad && q.both) p.set('both', '1');
    for (const k in extra || {}) if (extra[k] != null) p.set(k, extra[k]);
    return p;
  }

  async function loadEvents(reset) {
    const tbody = $('events').tBodies[0];
    if (reset) { tbody.textContent = ''; state.cursor = null; }
    const p = params({limit: 50, since: state.query.since, until: state.query.until, cursor: state.cursor});
    const r = await api('v1/events?' + p);
    r.events.forEach(ev => eventRow(ev, tbody));
    state.cursor = r.next_cursor;
    $('more').hidden = !state.cursor;
    const n = tbody.querySelectorAll('tr.ev').length;
    const range = state.query.since ? ' from ' + state.query.since + ' to ' + state.query.until : '';
    $('events-sub').textContent = '— ' + n + (state.cursor ? '+' : '') + ' shown' + range;
    if (reset) claims(r.events);
  }

  // Claims and denials: attributed, negated or hedged events, when the page shows any.
  function claims(events) {
    const list = $('claims-list');
    list.textContent = '';
    const some = events.filter(e => e.attributed_to || e.negated || e.hedged || e.code.startsWith('016'));
    for (const ev of some) {
      const li = document.createElement('li');
      // CAMEO 016 is "deny responsibility"; a negated event is a claim that something did not happen.
      const kind = ev.code.startsWith('016') ? 'denial' : ev.negated ? 'negated' : ev.hedged ? 'hedged claim' : 'claim';
      li.appendChild(text('span', kind, 'kind ' + kind.replace(' ', '-')));
      const by = ev.attributed_to && ev.attributed_to !== (ev.source && ev.source.code) ? ', according to ' + ev.attributed_to : '';
      li.appendChild(text('span', ' ' + actorLabel(ev.source) + ' → ' + actorLabel(ev.target) + ', CAMEO ' + ev.code +
        (ev.date ? ', ' + ev.date : '') + by));
      li.appendChild(highlighted(ev));
      list.appendChild(li);
    }
    $('claims').hidden = some.length === 0;
  }

  function periodEnd(start, by) {
    const d = new Date(start + 'T00:00:00Z');
    if (by === 'day') return start;
    if (by === 'week') d.setUTCDate(d.getUTCDate() + 6);
    else { d.setUTCMonth(d.getUTCMonth() + 1); d.setUTCDate(0); }
    return d.toISOString().slice(0, 10);
  }

  async function show() {
    const dyad = $('dyad').value;
    let actor = $('actor').value.trim();
    if (!dyad && !actor) { status('status', 'Choose a dyad or type an actor code.', true); return; }
    // A name ("Aliyev", "iran") is looked up; a code (IRN, IRNGOV) is used as typed.
    if (actor && !/^[A-Z0-9]{3,32}$/.test(actor)) {
      try {
        const found = await api('v1/actors?limit=1&q=' + encodeURIComponent(actor));
        if (!found.actors.length) { status('status', 'No actor matches “' + actor + '”.', true); return; }
        actor = found.actors[0].code;
        $('actor').value = actor;
      } catch (e) {
        status('status', 'Could not look up the actor: ' + e.message, true);
        return;
      }
    }
    state.query = {dyad: actor ? '' : dyad, actor: actor || '', both: $('both').checked, by: $('by').value};
    status('status', 'Loading…');
    try {
      const s = await api('v1/series?' + params({by: state.query.by}));
      const label = state.query.dyad ? state.query.dyad.replace(':', state.query.both ? ' ↔ ' : ' → ') : state.query.actor;
      $('chart-sub').textContent = '— ' + label + ', by ' + state.query.by;
      AnnChart.render($('chart'), s.points, {by: state.query.by, onSelect: async p => {
        state.query.since = p.period;
        state.query.until = periodEnd(p.period, state.query.by);
        await loadEvents(true);
        $('events-title').focus();
      }});
      await loadEvents(true);
      const total = s.points.reduce((a, p) => a + p.count, 0);
      status('status', label + ': ' + total + ' dated event' + (total === 1 ? '' : 's') + ' in ' + s.points.length +
        ' ' + state.query.by + (s.points.length === 1 ? '' : 's') + '. Select a bar to list its events.');
    } catch (e) {
      status('status', 'Could not load: ' + e.message, true);
    }
  }

  async function init() {
    try {
      const st = await api('v1/stats');
      $('stats').textContent = st.documents + ' documents, ' + st.events + ' events' +
        (st.first_date ? ', ' + st.first_date + ' to ' + st.last_date : '') + ' · ' + st.backend;
    } catch (e) {
      $('stats').textContent = 'Store unavailable: ' + e.message;
    }
    try {
      // Country-level dyads, either direction: IRNGOV>AZEGOV and AZE>IRN both count for AZE-IRN.
      const t = await api('v1/top?kind=dyads&limit=200');
      const pairs = new Map();
      for (const d of t.dyads) {
        const [a, b] = d.dyad.split(':').map(c => c.slice(0, 3));
        if (a === b) continue;
        const key = [a, b].sort().join(':');
        pairs.set(key, (pairs.get(key) || 0) + d.events);
      }
      for (const [key, n] of [...pairs].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))) {
        const o = document.createElement('option');
        o.value = key;
        o.textContent = key.replace(':', ' – ') + ' (' + n + ' event' + (n === 1 ? '' : 's') + ')';
        $('dyad').appendChild(o);
      }
    } catch (e) {
      status('status', 'Could not list dyads: ' + e.message, true);
    }
    let timer = 0;
    $('actor').addEventListener('input', () => {
      clearTimeout(timer);
      const q = $('actor').value.trim();
      if (!q) return;
      timer = setTimeout(async () => {
        try {
          const r = await api('v1/actors?limit=20&q=' + encodeURIComponent(q));
          const dl = $('actor-list');
          dl.textContent = '';
          for (const a of r.actors) {
            const o = document.createElement('option');
            o.value = a.code;
            o.label = (a.name || a.code) + ' (' + a.events + ')';
            dl.appendChild(o);
          }
        } catch (e) { /* suggestions are optional */ }
      }, 150);
    });
    $('dyad').addEventListener('change', () => { if ($('dyad').value) { $('actor').value = ''; show(); } });
    $('pick').addEventListener('submit', e => { e.preventDefault(); show(); });
    $('more').addEventListener('click', () => loadEvents(false).catch(e => status('status', e.message, true)));
    $('code-form').addEventListener('submit', e => { e.preventDefault(); codeText(); });
    const want = new URLSearchParams(location.search).get('dyad');
    if (want && [...$('dyad').options].some(o => o.value === want)) { $('dyad').value = want; show(); }
  }

  async function codeText() {
    const txt = $('code-text').value;
    const tbody = $('code-events').tBodies[0];
    tbody.textContent = '';
    $('code-events').hidden = true;
    if (!txt.trim()) { status('code-status', 'Paste some text first.', true); return; }
    const doc = {id: 'pasted-' + Date.now(), text: txt};
    if ($('code-date').value) doc.date = $('code-date').value;
    status('code-status', 'Coding…');
    try {
      const r = await api('v1/code' + ($('code-store').checked ? '?store=1' : ''), {
        method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(doc)});
      const evs = r.documents.flatMap(d => d.events);
      for (const ev of evs) {
        const tr = document.createElement('tr');
        tr.className = 'q' + ev.quad_class;
        tr.appendChild(text('td', ev.source && ev.source.code || '—'));
        tr.appendChild(text('td', ev.code + (ev.trigger && ev.trigger.text ? ' ' + ev.trigger.text : '')));
        tr.appendChild(text('td', ev.target && ev.target.code || '—'));
        tr.appendChild(text('td', (ev.goldstein > 0 ? '+' : '') + Number(ev.goldstein).toFixed(1), 'num'));
        tr.appendChild(text('td', ev.sentence_text || ''));
        tbody.appendChild(tr);
      }
      $('code-events').hidden = evs.length === 0;
      status('code-status', evs.length + ' event' + (evs.length === 1 ? '' : 's') + ' coded' +
        (r.stored ? '; stored (' + r.stored.added + ' new document' + (r.stored.added === 1 ? '' : 's') + ')' : '') + '.');
    } catch (e) {
      status('code-status', 'Could not code the text: ' + e.message, true);
    }
  }

  document.addEventListener('DOMContentLoaded', init);
})();
