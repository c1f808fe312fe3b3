import type {
  Catalog,
  CategoryEntry,
  DeclarationEntry,
  MerchantEntry,
  NodeKind,
  SegmentationEntry,
  TestEntry,
  UseEntry,
} from './catalog.js';
import { highlightKli, highlightSql, html, raw, type Html } from './html.js';
import { focusedGraph, lineageGraph, lineageSvg, type LineageGraph } from './lineage.js';

/** One output file: its path inside the catalog and its content. */
export interface Page {
  path: string;
  content: string;
}

const safeName = (key: string) => key.replace(/[^A-Za-z0-9_.-]/g, '_');

export function merchantGroup(name: string): string {
  const first = name.charAt(0).toLowerCase();
  return /[a-z]/.test(first) ? first : '_';
}

/** Where each kind of thing lives, relative to the catalog's root. */
export function hrefOf(kind: NodeKind, key: string): string | undefined {
  switch (kind) {
    case 'kli':
      return `klis/${safeName(key)}.html`;
    case 'segment':
      return `segments/${safeName(key)}.html`;
    case 'segmentation':
      return `segmentations/${safeName(key)}.html`;
    case 'category':
      return `taxonomy.html#c-${key}`;
    case 'merchant':
      return `merchants/${merchantGroup(key)}.html#m-${key}`;
    default:
      return undefined;
  }
}

interface Context {
  catalog: Catalog;
  graph: LineageGraph;
  /** '' at the root, '../' one folder down. */
  up: string;
}

function layout(context: Context, title: string, body: Html, scripts: string[] = []): string {
  const { catalog, up } = context;
  const page = html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} · ${catalog.library.name} ${catalog.library.version}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href="${up}style.css" />
      </head>
      <body>
        <header class="top">
          <a class="brand" href="${up}index.html"
            >${catalog.library.name} <span class="version">${catalog.library.version}</span></a
          >
          <nav>
            <a href="${up}taxonomy.html">Taxonomy</a>
            <a href="${up}merchants/index.html">Merchants</a>
            <a href="${up}index.html#klis">KLIs</a>
            <a href="${up}index.html#segments">Segments</a>
            <a href="${up}lineage.html">Lineage</a>
            <a href="${up}index.html#search">Search</a>
          </nav>
        </header>
        <main>${body}</main>
        ${scripts.map((src) => html`<script src="${up}${src}"></script> `)}
      </body>
    </html> `;
  return page.text;
}

const link = (context: Context, kind: NodeKind, key: string, label: string = key): Html => {
  const href = hrefOf(kind, key);
  return href ? html`<a href="${context.up}${href}">${label}</a>` : html`<span>${label}</span>`;
};

const plural = (n: number, word: string, words = `${word}s`) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? word : words}`;

function indexPage(context: Context): Page {
  const { catalog } = context;
  const row = (entry: DeclarationEntry) =>
    html`<tr>
      <td>
        ${link(context, entry.kind, entry.key)}${entry.deprecated ? html` <span class="badge deprecated">deprecated</span>` : ''}
      </td>
      <td>${entry.displayName}</td>
      <td>${entry.owner ?? ''}</td>
      <td>${entry.description ?? entry.doc ?? ''}</td>
    </tr>`;
  const table = (entries: DeclarationEntry[]) =>
    html`<table>
      <thead>
        <tr>
          <th>name</th>
          <th>title</th>
          <th>owner</th>
          <th>description</th>
        </tr>
      </thead>
      <tbody>
        ${entries.map(row)}
      </tbody>
    </table>`;
  const body = html`<h1>${catalog.library.name} <span class="version">${catalog.library.version}</span></h1>
    ${catalog.library.description ? html`<p class="lead">${catalog.library.description}</p>` : ''}
    <ul class="counts">
      <li><a href="taxonomy.html">${plural(catalog.categories.length, 'category', 'categories')}</a></li>
      <li><a href="merchants/index.html">${plural(catalog.merchants.length, 'merchant')}</a></li>
      <li><a href="#klis">${plural(catalog.klis.length, 'KLI')}</a></li>
      <li><a href="#segments">${plural(catalog.segments.length, 'segment')}</a></li>
      <li>${plural(catalog.tests, 'test')}</li>
    </ul>
    <p><strong>Owners:</strong> ${catalog.owners.length ? catalog.owners.join(' · ') : 'none declared'}</p>
    <section class="search">
      <label for="search">Search every category, merchant, KLI and segment</label>
      <input id="search" type="search" placeholder="coffee, mortgage, new_homeowner…" autocomplete="off" />
      <p id="search-count" class="muted"></p>
      <ul id="search-results"></ul>
    </section>
    <h2 id="klis">KLIs</h2>
    ${table(catalog.klis)}
    <h2 id="segments">Segments</h2>
    ${table(catalog.segments)}
    ${
      catalog.segmentations.length
        ? html`<h2 id="segmentations">Segmentations</h2>
            <ul>
              ${catalog.segmentations.map(
                (g) =>
                  html`<li>
                    ${link(context, 'segmentation', g.key)} —
                    ${g.displayName}${g.exclusive ? ' (exclusive)' : ''}: ${g.members.length} members
                  </li>`,
              )}
            </ul>`
        : ''
    }
    <p>
      <a href="lineage.html">The lineage graph</a>: which categories feed which KLIs, and which KLIs feed
      which segments.
    </p>`;
  return { path: 'index.html', content: layout(context, 'Catalog', body, ['search-index.js', 'search.js']) };
}

function taxonomyPage(context: Context): Page {
  const { catalog } = context;
  const children = new Map<string | undefined, CategoryEntry[]>();
  for (const category of catalog.categories) {
    const list = children.get(category.parent) ?? [];
    list.push(category);
    children.set(category.parent, list);
  }
  const subtotal = (category: CategoryEntry): { merchants: number; mccCodes: number } =>
    (children.get(category.key) ?? []).reduce(
      (sum, child) => {
        const below = subtotal(child);
        return { merchants: sum.merchants + below.merchants, mccCodes: sum.mccCodes + below.mccCodes };
      },
      { merchants: category.merchants, mccCodes: category.mccCodes },
    );
  const item = (category: CategoryEntry): Html => {
    const total = subtotal(category);
    const kids = children.get(category.key) ?? [];
    return html`<li id="c-${category.key}">
      <div class="category">
        <code>${category.key}</code> <strong>${category.displayName}</strong>
        <span class="muted"
          >${plural(total.merchants, 'merchant rule')} ·
          ${plural(total.mccCodes, 'MCC code')}${kids.length ? ' (with subcategories)' : ''} ·
          ${category.location}</span
        >
      </div>
      ${category.description ? html`<div class="description">${category.description}</div>` : ''}
      ${category.usedBy.length ? html`<div class="used-by">used by ${category.usedBy.map((key, i) => html`${i ? ', ' : ''}${link(context, 'kli', key)}`)}</div>` : ''}
      ${
        kids.length
          ? html`<ul>
              ${kids.map(item)}
            </ul>`
          : ''
      }
    </li>`;
  };
  const body = html`<h1>Taxonomy</h1>
    <p class="lead">
      ${plural(catalog.categories.length, 'category', 'categories')}: primary categories and their detailed
      categories, with how many merchant rules and MCC codes map to each.
    </p>
    <ul class="tree">
      ${(children.get(undefined) ?? []).map(item)}
    </ul>`;
  return { path: 'taxonomy.html', content: layout(context, 'Taxonomy', body) };
}

function merchantPages(context: Context): Page[] {
  const { catalog } = context;
  const groups = new Map<string, MerchantEntry[]>();
  for (const merchant of catalog.merchants) {
    const group = merchantGroup(merchant.name);
    groups.set(group, [...(groups.get(group) ?? []), merchant]);
  }
  const letters = [...groups.keys()].sort();
  const sub = { ...context, up: '../' };
  const letterNav = html`<p class="letters">
    ${letters.map((l) => html`<a href="${l}.html">${l === '_' ? '_' : l.toUpperCase()}</a> `)}
  </p>`;
  const pages: Page[] = letters.map((letter) => {
    const merchants = groups.get(letter)!;
    const rows = merchants.map(
      (m) =>
        html`<tr id="m-${m.name}">
          <td>
            <code>${m.name}</code
            >${m.deprecated ? html` <span class="badge deprecated" title="${m.deprecated}">deprecated</span>` : ''}
          </td>
          <td>${m.displayName}</td>
          <td>
            ${m.matchers.map((x) => html`<div><span class="badge">${x.kind}</span> <code>${x.kind === 'regex' ? `/${x.value}/${x.flags}` : `"${x.value}"`}</code></div>`)}
          </td>
          <td>${m.category ? link(sub, 'category', m.category) : html`<span class="muted">none</span>`}</td>
          <td class="muted">${m.location}${m.since ? html`<br />since ${m.since}` : ''}</td>
        </tr>`,
    );
    const body = html`<h1>Merchants: ${letter === '_' ? '_' : letter.toUpperCase()}</h1>
      ${letterNav}
      <p class="muted">
        ${plural(merchants.length, 'merchant')}. The first matcher listed is the primary pattern; the rest are
        aliases.
      </p>
      <table class="merchants">
        <thead>
          <tr>
            <th>merchant</th>
            <th>name</th>
            <th>matchers</th>
            <th>category</th>
            <th>declared</th>
          </tr>
        </thead>
        <tbody>
          ${rows}
        </tbody>
      </table>`;
    return {
      path: `merchants/${letter}.html`,
      content: layout(sub, `Merchants ${letter.toUpperCase()}`, body),
    };
  });
  const body = html`<h1>Merchants</h1>
    <p class="lead">${plural(catalog.merchants.length, 'merchant')}, by first letter.</p>
    <ul class="letter-index">
      ${letters.map((l) => html`<li><a href="${l}.html">${l === '_' ? '_' : l.toUpperCase()}</a> <span class="muted">${groups.get(l)!.length}</span></li>`)}
    </ul>`;
  pages.push({ path: 'merchants/index.html', content: layout(sub, 'Merchants', body) });
  return pages;
}

const uses = (context: Context, list: UseEntry[]) =>
  list.length
    ? html`<ul class="uses">
        ${list.map((u) => html`<li><span class="badge">${u.kind}</span> ${link(context, u.kind, u.key)}</li>`)}
      </ul>`
    : html`<p class="muted">nothing</p>`;

const testBlock = (test: TestEntry) =>
  html`<details class="test">
    <summary>
      <strong>${test.title}</strong> <span class="muted">${test.location}</span>
      <ul>
        ${test.expectations.map((e) => html`<li><code>${e}</code></li>`)}
      </ul>
    </summary>
    <pre class="kli"><code>${highlightKli(test.source)}</code></pre>
  </details>`;

function declarationPage(context: Context, entry: DeclarationEntry): Page {
  const sub = { ...context, up: '../' };
  const id = `${entry.kind}:${entry.key}`;
  const focused = focusedGraph(context.graph, id);
  const svg = lineageSvg(focused, (node) => `../${hrefOf(node.kind, node.key) ?? ''}`, id);
  const facts: [string, Html | string][] = [
    ['title', entry.displayName],
    ['owner', entry.owner ?? '—'],
    ['since', entry.since ?? '—'],
  ];
  if (entry.deprecated) facts.push(['deprecated', html`<span class="deprecated">${entry.deprecated}</span>`]);
  if (entry.kind === 'kli') {
    facts.push([
      'type',
      entry.hasScore ? 'flag (boolean) and score (number)' : 'flag (boolean); score 1 when it fires',
    ]);
    if (entry.window) facts.push(['window', entry.window]);
  } else
    facts.push([
      'type',
      entry.segmentation
        ? html`member of the segmentation ${link(sub, 'segmentation', entry.segmentation)}`
        : 'segment',
    ]);
  if (entry.tags.length) facts.push(['tags', entry.tags.join(', ')]);
  facts.push(['declared', entry.location]);
  const body = html`<h1>
      <span class="kind">${entry.kind === 'kli' ? 'KLI' : 'segment'}</span> ${entry.key}
    </h1>
    ${entry.doc ? html`<p class="lead">${entry.doc}</p>` : ''}
    ${entry.description ? html`<p>${entry.description}</p>` : ''}
    <table class="facts">
      ${facts.map(
        ([k, v]) =>
          html`<tr>
            <th>${k}</th>
            <td>${v}</td>
          </tr>`,
      )}
    </table>
    <h2 id="definition">Definition</h2>
    <pre class="kli"><code>${highlightKli(entry.source)}</code></pre>
    <h2 id="sql">Compiled SQL</h2>
    <pre class="sql"><code>${highlightSql(entry.sql)}</code></pre>
    <h2 id="tests">Tests</h2>
    ${entry.tests.length ? entry.tests.map(testBlock) : html`<p class="muted">No test names <code>${entry.key}</code>.</p>`}
    <div class="columns">
      <div>
        <h2 id="uses">Uses</h2>
        ${uses(sub, entry.uses)}
      </div>
      <div>
        <h2 id="used-by">Used by</h2>
        ${uses(sub, entry.usedBy)}
      </div>
    </div>
    <h2 id="lineage">Lineage</h2>
    <div class="graph">${raw(svg)}</div>`;
  return {
    path: hrefOf(entry.kind, entry.key)!,
    content: layout(sub, `${entry.kind === 'kli' ? 'KLI' : 'segment'} ${entry.key}`, body),
  };
}

function segmentationPage(context: Context, entry: SegmentationEntry): Page {
  const sub = { ...context, up: '../' };
  const body = html`<h1><span class="kind">segmentation</span> ${entry.key}</h1>
    ${entry.doc ? html`<p class="lead">${entry.doc}</p>` : ''}
    ${entry.description ? html`<p>${entry.description}</p>` : ''}
    <table class="facts">
      <tr>
        <th>title</th>
        <td>${entry.displayName}</td>
      </tr>
      <tr>
        <th>owner</th>
        <td>${entry.owner ?? '—'}</td>
      </tr>
      <tr>
        <th>exclusive</th>
        <td>${entry.exclusive ? 'yes: first match wins, every customer in exactly one member' : 'no'}</td>
      </tr>
      <tr>
        <th>declared</th>
        <td>${entry.location}</td>
      </tr>
    </table>
    <h2 id="members">Members</h2>
    <ol>
      ${entry.members.map((m) => html`<li>${link(sub, 'segment', m)}</li>`)}
    </ol>
    <h2 id="definition">Definition</h2>
    <pre class="kli"><code>${highlightKli(entry.source)}</code></pre>`;
  return {
    path: hrefOf('segmentation', entry.key)!,
    content: layout(sub, `segmentation ${entry.key}`, body),
  };
}

function lineagePage(context: Context): Page {
  const svg = lineageSvg(context.graph, (node) => hrefOf(node.kind, node.key) ?? '');
  const body = html`<h1>Lineage</h1>
    <p class="lead">
      Categories and merchants that KLIs read → KLIs (KLIs that use other KLIs further right) → segments.
      Every box is a link.
    </p>
    <div class="graph">${raw(svg)}</div>`;
  return { path: 'lineage.html', content: layout(context, 'Lineage', body) };
}

/** What the index page's search filters: one entry per category, merchant, KLI and segment. */
function searchIndex(catalog: Catalog): Page {
  const entries: { k: string; n: string; t: string; d: string; h: string }[] = [];
  const add = (kind: NodeKind, key: string, title: string, description = '') =>
    entries.push({ k: kind, n: key, t: title, d: description, h: hrefOf(kind, key)! });
  for (const e of catalog.klis) add('kli', e.key, e.displayName, e.description ?? e.doc);
  for (const e of catalog.segments) add('segment', e.key, e.displayName, e.description ?? e.doc);
  for (const e of catalog.segmentations) add('segmentation', e.key, e.displayName, e.description ?? e.doc);
  for (const e of catalog.categories) add('category', e.key, e.displayName, e.description);
  for (const e of catalog.merchants)
    add('merchant', e.name, e.displayName, [...e.matchers.map((m) => m.value), e.category ?? ''].join(' '));
  // A script, not JSON to fetch: browsers refuse fetch() from file:// pages.
  return { path: 'search-index.js', content: `window.kliSearchIndex = ${JSON.stringify(entries)};\n` };
}

export function renderPages(catalog: Catalog, assets: Page[]): Page[] {
  const context: Context = { catalog, graph: lineageGraph(catalog), up: '' };
  return [
    indexPage(context),
    taxonomyPage(context),
    lineagePage(context),
    ...merchantPages(context),
    ...catalog.klis.map((e) => declarationPage(context, e)),
    ...catalog.segments.map((e) => declarationPage(context, e)),
    ...catalog.segmentations.map((e) => segmentationPage(context, e)),
    searchIndex(catalog),
    ...assets,
  ];
}
