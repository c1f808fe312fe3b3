import type { Page } from './pages.js';

const style = `:root { --fg: #1d2330; --muted: #6b7385; --line: #dde2ea; --accent: #2457c5; --bg-code: #f5f7fa;
  --cat: #e8f1e4; --mer: #f3ece0; --kli: #e3ecfb; --seg: #f6e3ef; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
header.top { display: flex; gap: 24px; align-items: baseline; padding: 10px 24px; border-bottom: 1px solid var(--line); background: #fbfcfe; position: sticky; top: 0; z-index: 1; }
header.top .brand { font-weight: 700; color: var(--fg); }
header.top nav a { margin-right: 16px; }
main { padding: 8px 24px 48px; max-width: 1200px; }
h1 .kind { font-size: 0.6em; text-transform: uppercase; letter-spacing: 0.08em; color: var(--muted); margin-right: 6px; }
.version, .muted { color: var(--muted); font-weight: normal; }
.lead { font-size: 1.08em; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; }
th, td { text-align: left; vertical-align: top; padding: 5px 8px; border-bottom: 1px solid var(--line); }
table.facts { width: auto; }
table.facts th { color: var(--muted); font-weight: 500; }
code, pre { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, monospace; font-size: 13px; }
pre { background: var(--bg-code); padding: 12px; overflow-x: auto; border-radius: 6px; border: 1px solid var(--line); }
.tok-keyword { color: #7a2fb4; font-weight: 600; }
.tok-string { color: #0a7a3e; }
.tok-number { color: #b15c00; }
.tok-comment { color: #8a8f98; font-style: italic; }
.badge { display: inline-block; font-size: 11px; padding: 0 6px; border-radius: 8px; background: #eef1f6; color: var(--muted); }
.badge.deprecated, .deprecated { background: #fde8e8; color: #a32020; }
ul.counts { display: flex; gap: 20px; list-style: none; padding: 0; font-size: 1.05em; }
.search input { width: 100%; max-width: 560px; padding: 8px 10px; font-size: 15px; border: 1px solid var(--line); border-radius: 6px; display: block; margin-top: 4px; }
#search-results { list-style: none; padding: 0; columns: 2; }
#search-results li { padding: 2px 0; break-inside: avoid; }
ul.tree, ul.tree ul { list-style: none; padding-left: 18px; }
ul.tree > li { margin-bottom: 10px; }
.category .muted { font-size: 0.9em; }
.description, .used-by { font-size: 0.92em; margin-left: 4px; }
:target { background: #fff7d1; }
[id] { scroll-margin-top: 56px; }
.letters a { margin-right: 6px; font-weight: 600; }
ul.letter-index { columns: 6; list-style: none; padding: 0; }
.columns { display: flex; gap: 48px; }
ul.uses { list-style: none; padding: 0; }
details.test { border: 1px solid var(--line); border-radius: 6px; padding: 6px 10px; margin: 8px 0; }
details.test summary ul { margin: 4px 0; }
.graph { overflow: auto; border: 1px solid var(--line); border-radius: 6px; padding: 6px; background: #fcfdff; }
svg.lineage text { font: 12px ui-monospace, "DejaVu Sans Mono", Menlo, monospace; fill: var(--fg); }
svg.lineage .layer-title { fill: var(--muted); font-weight: 600; }
svg.lineage .edges path { fill: none; stroke: #aab3c2; stroke-width: 1; }
svg.lineage rect { stroke: #8e98aa; stroke-width: 1; }
svg.lineage .node-category rect { fill: var(--cat); }
svg.lineage .node-merchant rect { fill: var(--mer); }
svg.lineage .node-kli rect { fill: var(--kli); }
svg.lineage .node-segment rect { fill: var(--seg); }
svg.lineage .focus rect { stroke: var(--accent); stroke-width: 2.5; }
svg.lineage a:hover rect { stroke: var(--accent); }
`;

// Plain DOM, no framework: filter the index the page loaded as a script.
const search = `(function () {
  var input = document.getElementById('search');
  var list = document.getElementById('search-results');
  var count = document.getElementById('search-count');
  var index = window.kliSearchIndex || [];
  var haystacks = index.map(function (e) { return (e.n + ' ' + e.t + ' ' + e.d + ' ' + e.k).toLowerCase(); });
  var limit = 200;
  function show() {
    var words = input.value.toLowerCase().split(/\\s+/).filter(Boolean);
    list.textContent = '';
    if (!words.length) { count.textContent = index.length + ' entries'; return; }
    var hits = [];
    for (var i = 0; i < index.length; i++) {
      if (words.every(function (w) { return haystacks[i].indexOf(w) >= 0; })) hits.push(index[i]);
    }
    count.textContent = hits.length + ' of ' + index.length + ' match' + (hits.length > limit ? ', first ' + limit + ' shown' : '');
    hits.slice(0, limit).forEach(function (e) {
      var li = document.createElement('li');
      var kind = document.createElement('span');
      kind.className = 'badge';
      kind.textContent = e.k;
      var a = document.createElement('a');
      a.href = e.h;
      a.textContent = e.n;
      var title = document.createElement('span');
      title.className = 'muted';
      title.textContent = ' ' + e.t;
      li.append(kind, ' ', a, title);
      list.appendChild(li);
    });
  }
  input.addEventListener('input', show);
  show();
})();
`;

export const assets: Page[] = [
  { path: 'style.css', content: style },
  { path: 'search.js', content: search },
];
