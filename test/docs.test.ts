import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDocs } from '../compiler/docs/build.js';
import { standardLibraryRoot } from '../language/workspace.js';
import { diskWorkspace } from './helpers.js';

// page.evaluate callbacks run in the browser; the tests compile without the DOM library, so only what they touch.
declare const document: {
  baseURI: string;
  querySelectorAll(selector: string): Iterable<{ id: string; getAttribute(name: string): string | null }>;
  getElementById(id: string): { offsetTop: number } | null;
};
declare const window: { scrollTo(x: number, y: number): void };

const chromiumPath = '/usr/bin/chromium';
const temp = mkdtempSync(join(tmpdir(), 'kli-docs-'));

// Names, titles and patterns here are hostile on purpose: rule files are untrusted.
const fixture = () =>
  diskWorkspace(
    {
      'rules.kli': `package acme.rules

/// What people eat <b>and</b> drink.
category food "Food <img src=x onerror=alert(1)>" {
  description "</li></ul><script>alert(2)</script>"
  category coffee "Coffee & tea" {
    description "Espresso \\"bars\\" & cafés"
  }
}

mcc 5814 => food.coffee
mcc 5800..5899 => food

merchant blue_bottle "Blue <i>Bottle</i>" {
  match prefix "BLUE BOTTLE"
  match contains "A&W <B>"
  category food.coffee
}

/// Buys coffee <often>.
kli coffee_lover "Coffee <lover>" {
  description "Four coffees in 30 days & more"
  owner "Marketing <Analytics>"
  since "1.0.0"
  window 30 days
  when count(where category is food.coffee) >= 4
  score min(count(where category is food.coffee) / 10, 1)
}

kli super_fan "Super fan" {
  when coffee_lover and count(where merchant is blue_bottle) >= 2
}

segment coffee_club "Coffee club" {
  owner "Loyalty"
  when super_fan
  action { offer "Free refill", channel "app" }
}

test "coffee_lover: four coffees" {
  as_of 2025-06-30
  customer "fan" {
    txn 2025-06-01 "BLUE BOTTLE 1" 4.50
    txn 2025-06-02 "BLUE BOTTLE 2" 4.50
    txn 2025-06-03 "BLUE BOTTLE 3" 4.50
    txn 2025-06-04 "BLUE BOTTLE 4" 4.50
  }
  expect "fan" has coffee_lover
  expect "fan" in coffee_club
}
`,
    },
    { name: 'acme', version: '1.2.3', description: 'Acme <rules> & more' },
  );

function hashes(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) walk(path);
      else out.set(relative(dir, path), createHash('sha256').update(readFileSync(path)).digest('hex'));
    }
  };
  walk(dir);
  return out;
}

function build(workspace: string, name: string): string {
  const out = join(temp, name);
  const result = buildDocs({ workspace, out });
  expect(result.error).toBeUndefined();
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  expect(result.ok).toBe(true);
  return out;
}

let stdOut = '';
let fixtureOut = '';

beforeAll(() => {
  stdOut = build(standardLibraryRoot(), 'std');
  fixtureOut = build(fixture(), 'fixture');
});

afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('kli docs: the files', () => {
  it('is deterministic: the same library gives byte-identical output', () => {
    const again = build(standardLibraryRoot(), 'std-again');
    const first = hashes(stdOut);
    expect(first.size).toBeGreaterThan(40);
    expect(hashes(again)).toEqual(first);
  });

  it('rebuilds over an earlier catalog, but never over a folder that holds something else', () => {
    const workspace = fixture();
    expect(buildDocs({ workspace, out: fixtureOut }).ok).toBe(true);
    const precious = join(temp, 'precious');
    mkdirSync(precious);
    writeFileSync(join(precious, 'notes.txt'), 'keep me');
    const refused = buildDocs({ workspace, out: precious });
    expect(refused.ok).toBe(false);
    expect(refused.error).toMatch(/not empty/);
    expect(readdirSync(precious)).toEqual(['notes.txt']);
    expect(readdirSync(temp).filter((f) => f.includes('staging'))).toEqual([]);
  });

  it('writes nothing for a library with errors, and says where they are', () => {
    const broken = diskWorkspace({ 'a.kli': 'package p\nkli k "K" {\n  when nope >= 1\n}\n' });
    const out = join(temp, 'broken');
    const result = buildDocs({ workspace: broken, out });
    expect(result.ok).toBe(false);
    const error = result.diagnostics.find((d) => d.severity === 'error');
    expect(error?.file).toMatch(/a\.kli$/);
    expect(error?.range.start.line).toBe(2);
    expect(existsSync(out)).toBe(false);
  });

  it('`kli docs` writes the catalog, and exits 1 with file:line:col on a library with errors', () => {
    // bin/kli.js runs the built CLI: `npm test` builds first.
    const kli = (args: string[]) =>
      spawnSync(process.execPath, [fileURLToPath(new URL('../bin/kli.js', import.meta.url)), ...args], {
        encoding: 'utf8',
      });
    const out = join(temp, 'from-cli');
    const ok = kli(['docs', fixture(), '--out', out]);
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/index\.html: \d+ files, 2 categories, 1 merchants, 2 KLIs, 1 segments/);
    expect(existsSync(join(out, 'klis', 'super_fan.html'))).toBe(true);
    const broken = diskWorkspace({ 'a.kli': 'package p\nkli k "K" {\n  when nope >= 1\n}\n' });
    const failed = kli(['docs', broken, '--out', join(temp, 'from-cli-broken')]);
    expect(failed.status).toBe(1);
    expect(failed.stderr).toMatch(/a\.kli:3:8: error \[unknown-name\]/);
  });

  it('escapes every name, title and pattern from the rule files', () => {
    const page = readFileSync(join(fixtureOut, 'klis', 'coffee_lover.html'), 'utf8');
    expect(page).toContain('Coffee &lt;lover&gt;');
    expect(page).toContain('Marketing &lt;Analytics&gt;');
    const taxonomy = readFileSync(join(fixtureOut, 'taxonomy.html'), 'utf8');
    expect(taxonomy).not.toContain('<script>alert');
    expect(taxonomy).not.toContain('<img src=x');
    const merchants = readFileSync(join(fixtureOut, 'merchants', 'b.html'), 'utf8');
    expect(merchants).toContain('A&amp;W &lt;B&gt;');
  });
});

/** Every page reachable from index.html, with the ids it has and the links it makes. */
async function crawl(page: Page, root: string) {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
  page.on('dialog', (dialog) => {
    errors.push(`${page.url()}: a dialog opened: ${dialog.message()}`);
    void dialog.dismiss();
  });
  const ids = new Map<string, Set<string>>();
  const anchors: { from: string; file: string; id: string }[] = [];
  const broken: string[] = [];
  const queue = [join(root, 'index.html')];
  const seen = new Set(queue);
  while (queue.length) {
    const file = queue.shift()!;
    await page.goto(pathToFileURL(file).href);
    const found = await page.evaluate(() => ({
      ids: [...document.querySelectorAll('[id]')].map((e) => e.id),
      links: [...document.querySelectorAll('a[href], link[href], script[src], img[src]')].map((e) => {
        const raw = e.getAttribute('href') ?? e.getAttribute('src') ?? '';
        return raw.startsWith('data:') ? raw : new URL(raw, document.baseURI).href;
      }),
    }));
    ids.set(file, new Set(found.ids));
    for (const link of found.links) {
      if (link.startsWith('data:')) continue;
      if (!link.startsWith('file:')) {
        broken.push(`${relative(root, file)} links outside the catalog: ${link}`);
        continue;
      }
      const url = new URL(link);
      const target = fileURLToPath(url);
      if (!target.startsWith(root + '/') || !existsSync(target)) {
        broken.push(`${relative(root, file)} → ${link}`);
        continue;
      }
      if (url.hash) anchors.push({ from: file, file: target, id: decodeURIComponent(url.hash.slice(1)) });
      if (target.endsWith('.html') && !seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  for (const anchor of anchors)
    if (!ids.get(anchor.file)?.has(anchor.id))
      broken.push(`${relative(root, anchor.from)} → ${relative(root, anchor.file)}#${anchor.id}`);
  return { pages: seen.size, errors, broken };
}

describe('kli docs in a real browser (Debian Chromium)', () => {
  let browser: Browser;

  beforeAll(async () => {
    // CI installs Chromium before the tests: missing there is a failure, not a reason to skip.
    if (!existsSync(chromiumPath))
      throw new Error(`${chromiumPath} is missing: apt-get install chromium (CI=${process.env.CI ?? ''})`);
    browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('the standard library: every page renders without console errors and every link resolves', async () => {
    const page = await browser.newPage();
    const result = await crawl(page, stdOut);
    expect(result.errors).toEqual([]);
    expect(result.broken).toEqual([]);
    const htmlFiles = [...hashes(stdOut).keys()].filter((f) => f.endsWith('.html'));
    expect(result.pages).toBe(htmlFiles.length);
    await page.close();
  });

  it('the hostile fixture: pages render, links resolve, and no injected markup runs', async () => {
    const page = await browser.newPage();
    const result = await crawl(page, fixtureOut);
    expect(result.errors).toEqual([]);
    expect(result.broken).toEqual([]);
    await page.goto(pathToFileURL(join(fixtureOut, 'taxonomy.html')).href);
    await expect(page.locator('#c-food').innerText()).resolves.toContain('Food <img src=x onerror=alert(1)>');
    expect(await page.locator('#c-food img, #c-food script').count()).toBe(0);
    await page.close();
  });

  it('a KLI page shows its definition, compiled SQL, the tests that name it, and its users', async () => {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(join(fixtureOut, 'klis', 'coffee_lover.html')).href);
    expect(await page.locator('h1').innerText()).toContain('coffee_lover');
    expect(await page.locator('pre.kli').first().innerText()).toContain(
      'when count(where category is food.coffee) >= 4',
    );
    expect(await page.locator('pre.sql').innerText()).toMatch(/AS "kli_coffee_lover"/);
    const tests = await page.locator('details.test').allInnerTexts();
    expect(tests).toHaveLength(1);
    expect(tests[0]).toContain('coffee_lover: four coffees');
    expect(tests[0]).toContain('expect "fan" has coffee_lover');
    expect(await page.locator('#used-by + ul').innerText()).toContain('super_fan');
    await page.close();
  });

  it('clicking a KLI in the lineage graph opens its page', async () => {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(join(fixtureOut, 'lineage.html')).href);
    const edges = await page.locator('svg.lineage .edges path').count();
    // food.coffee → coffee_lover; coffee_lover and blue_bottle → super_fan; super_fan → coffee_club.
    expect(edges).toBe(4);
    await page.locator('svg.lineage a[data-node="kli:super_fan"]').click();
    await page.waitForURL(/klis\/super_fan\.html$/);
    expect(await page.locator('h1').innerText()).toContain('super_fan');
    // The focused graph shows the chain through super_fan, and links onwards to the segment.
    await page.locator('svg.lineage a[data-node="segment:coffee_club"]').click();
    await page.waitForURL(/segments\/coffee_club\.html$/);
    await page.close();

    const std = await browser.newPage();
    await std.goto(pathToFileURL(join(stdOut, 'lineage.html')).href);
    await std.locator('svg.lineage a[data-node="kli:new_homeowner"]').click();
    await std.waitForURL(/klis\/new_homeowner\.html$/);
    expect(await std.locator('h1').innerText()).toContain('new_homeowner');
    await std.close();
  });

  it('the search box filters the index', async () => {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(join(stdOut, 'index.html')).href);
    const total = Number((await page.locator('#search-count').innerText()).split(' ')[0]);
    expect(total).toBeGreaterThan(2000);
    await page.fill('#search', 'coffee');
    const results = await page.locator('#search-results li').allInnerTexts();
    expect(results.length).toBeGreaterThan(3);
    expect(results.length).toBeLessThan(total);
    expect(results.some((r) => r.includes('food_and_drink.coffee'))).toBe(true);
    expect(results.some((r) => r.includes('starbucks'))).toBe(true);
    await page.fill('#search', 'new homeowner');
    await page.locator('#search-results a', { hasText: 'new_homeowner' }).first().click();
    await page.waitForURL(/klis\/new_homeowner\.html$/);
    await page.goBack();
    await page.fill('#search', 'zzqxj no such thing');
    expect(await page.locator('#search-results li').count()).toBe(0);
    await page.close();
  });

  it.runIf(process.env.KLI_SCREENSHOT)('takes the README screenshot (KLI_SCREENSHOT=1)', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 760 } });
    await page.goto(pathToFileURL(join(stdOut, 'klis', 'new_homeowner.html')).href);
    await page.evaluate(() => window.scrollTo(0, document.getElementById('tests')!.offsetTop - 60));
    await page.screenshot({ path: fileURLToPath(new URL('../docs/images/catalog.png', import.meta.url)) });
    await page.close();
  });
});
