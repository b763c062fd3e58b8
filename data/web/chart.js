// A small SVG chart for a dyad's time series: cooperation events above the axis, conflict
// events below it, and the mean Goldstein score as a line with one point per non-empty period.
'use strict';
(function () {
  const NS = 'http://www.w3.org/2000/svg';
  function el(name, attrs, parent) {
    const e = document.createElementNS(NS, name);
    for (const k in attrs) e.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(e);
    return e;
  }
  function niceMax(v) {
    if (v <= 4) return 4;
    const p = Math.pow(10, Math.floor(Math.log10(v)));
    for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
    return 10 * p;
  }
  function describe(p, by) {
    const coop = p.quad[0] + p.quad[1], conf = p.quad[2] + p.quad[3];
    const what = by === 'day' ? p.period : (by === 'week' ? 'week of ' + p.period : p.period.slice(0, 7));
    let s = what + ': ' + p.count + ' event' + (p.count === 1 ? '' : 's') +
      ' (' + coop + ' cooperation, ' + conf + ' conflict)';
    if (p.count) s += ', mean Goldstein ' + p.goldstein_mean.toFixed(1);
    if (p.top_codes && p.top_codes.length) s += ', top codes ' + p.top_codes.map(c => c.code + '×' + c.count).join(' ');
    return s;
  }

  // render(container, points, {by, onSelect}) replaces the container's content with the chart.
  function render(box, points, opts) {
    opts = opts || {};
    box.textContent = '';
    if (!points.length) {
      const p = document.createElement('p');
      p.className = 'empty';
      p.textContent = 'No dated events for this selection.';
      box.appendChild(p);
      return;
    }
    const W = Math.max(420, box.clientWidth || 800), H = 300;
    const m = {l: 48, r: 52, t: 14, b: 44};
    const iw = W - m.l - m.r, ih = H - m.t - m.b, mid = m.t + ih / 2, half = ih / 2;
    const svg = el('svg', {viewBox: `0 0 ${W} ${H}`, width: W, height: H, class: 'ts', role: 'img',
      'aria-label': 'Events per ' + (opts.by || 'period') + ': cooperation above, conflict below, mean Goldstein line'});
    let maxc = 1;
    for (const p of points) maxc = Math.max(maxc, p.quad[0] + p.quad[1], p.quad[2] + p.quad[3]);
    const top = niceMax(maxc);
    const yc = v => mid - v / top * half;      // counts: cooperation up, conflict down
    const yg = g => mid - g / 10 * half;       // Goldstein -10..10 on the right axis
    const band = iw / points.length, bw = Math.max(2, Math.min(38, band * 0.6));

    const axes = el('g', {class: 'axes'}, svg);
    for (const v of [top, top / 2, 0, -top / 2, -top]) {
      el('line', {x1: m.l, x2: m.l + iw, y1: yc(v), y2: yc(v), class: v === 0 ? 'zero' : 'grid'}, axes);
      const t = el('text', {x: m.l - 6, y: yc(v) + 4, 'text-anchor': 'end'}, axes);
      t.textContent = String(Math.abs(v));
    }
    for (const g of [10, 5, 0, -5, -10]) {
      const t = el('text', {x: m.l + iw + 6, y: yg(g) + 4, class: 'gold-axis'}, axes);
      t.textContent = (g > 0 ? '+' : '') + g;
    }
    let t = el('text', {x: 12, y: mid, transform: `rotate(-90 12 ${mid})`, 'text-anchor': 'middle', class: 'axis-title'}, axes);
    t.textContent = 'conflict ↓  events  ↑ cooperation';
    t = el('text', {x: W - 8, y: mid, transform: `rotate(90 ${W - 8} ${mid})`, 'text-anchor': 'middle', class: 'axis-title'}, axes);
    t.textContent = 'Goldstein';

    const every = Math.max(1, Math.ceil(points.length / Math.max(1, Math.floor(iw / 78))));
    const bars = el('g', {class: 'bars'}, svg);
    const line = [];
    points.forEach((p, i) => {
      const cx = m.l + band * (i + 0.5);
      const coop = p.quad[0] + p.quad[1], conf = p.quad[2] + p.quad[3];
      // One tab stop for the whole chart (roving tabindex): arrows move between periods.
      const g = el('g', {class: 'bucket', tabindex: i === 0 ? '0' : '-1', role: 'button', 'data-period': p.period,
        'aria-label': describe(p, opts.by) + '. Enter lists these events; arrow keys move between periods.'}, bars);
      el('rect', {x: cx - band / 2, y: m.t, width: band, height: ih, class: 'hit'}, g);
      if (coop) el('rect', {x: cx - bw / 2, y: yc(coop), width: bw, height: mid - yc(coop), class: 'coop'}, g);
      if (conf) el('rect', {x: cx - bw / 2, y: mid, width: bw, height: yc(-conf) - mid, class: 'conf'}, g);
      el('title', {}, g).textContent = describe(p, opts.by);
      if (i % every === 0) {
        const lab = el('text', {x: cx, y: H - m.b + 18, 'text-anchor': 'middle', class: 'xlab'}, svg);
        lab.textContent = opts.by === 'month' ? p.period.slice(0, 7) : p.period.slice(5);
      }
      line.push(p.count ? [cx, yg(p.goldstein_mean), p] : null);
      const pick = () => opts.onSelect && opts.onSelect(p);
      g.addEventListener('click', pick);
      g.addEventListener('keydown', e => {
        if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); pick(); return; }
        const all = bars.querySelectorAll('g.bucket');
        const to = {ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: all.length - 1}[e.key];
        if (to === undefined || !all[to]) return;
        e.preventDefault();
        g.setAttribute('tabindex', '-1');
        all[to].setAttribute('tabindex', '0');
        all[to].focus();
      });
    });
    if (points.length) {
      const first = points[0].period, last = points[points.length - 1].period;
      const cap = el('text', {x: m.l + iw / 2, y: H - 6, 'text-anchor': 'middle', class: 'axis-title'}, svg);
      cap.textContent = (opts.by || 'period') + 's from ' + first + ' to ' + last;
    }
    // The line breaks at empty periods: a mean over no events is not zero, it is absent.
    let run = [];
    for (const q of line.concat([null])) {
      if (q) { run.push(q); continue; }
      if (run.length > 1)
        el('polyline', {points: run.map(r => r[0].toFixed(1) + ',' + r[1].toFixed(1)).join(' '), class: 'gline'}, svg);
      run = [];
    }
    const pts = el('g', {class: 'gpoints'}, svg);
    for (const [x, y, p] of line.filter(Boolean)) {
      const c = el('circle', {cx: x.toFixed(1), cy: y.toFixed(1), r: Math.max(1.5, Math.min(4.5, band / 3)).toFixed(1),
        class: 'point', 'data-period': p.period,
        'data-goldstein': p.goldstein_mean.toFixed(2)}, pts);
      el('title', {}, c).textContent = 'mean Goldstein ' + p.goldstein_mean.toFixed(1) + ' (' + p.period + ')';
    }
    box.appendChild(svg);
  }
  window.AnnChart = {render};
})();
