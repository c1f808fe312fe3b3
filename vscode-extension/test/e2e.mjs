// End-to-end test in a real VS Code: code-server 4.100.3 (VS Code 1.100.3 in the browser), the extension
// installed from its .vsix, headless Debian Chromium driven by playwright-core.
// Usage: npm run package && node test/e2e.mjs [path/to/kli-x.y.z.vsix]
// Screenshots land in test/artifacts/; the last good one is copied to docs/images/vscode.png.
import { execFileSync, spawn } from 'node:child_process';
import {
  copyFileSync,
  createWriteStream,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { ensureCodeServer } from './code-server.mjs';

const repo = fileURLToPath(new URL('../..', import.meta.url));

const here = fileURLToPath(new URL('.', import.meta.url));
const extensionDir = join(here, '..');
const artifacts = join(here, 'artifacts');
const version = JSON.parse(readFileSync(join(extensionDir, 'package.json'), 'utf8')).version;
const vsix = process.argv[2] ?? join(extensionDir, `kli-${version}.vsix`);
const chromiumPath = process.env.KLI_E2E_CHROMIUM ?? '/usr/bin/chromium';
const WAIT = 60_000;

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
const results = [];
let server;
let browser;
const tmp = mkdtempSync(join(tmpdir(), 'kli-e2e-'));

function cleanup() {
  if (server?.pid) {
    try {
      process.kill(-server.pid, 'SIGKILL'); // the whole process group: code-server, its extension hosts, the kli server
    } catch {
      /* already gone */
    }
  }
  rmSync(tmp, { recursive: true, force: true });
}
process.on('SIGINT', () => (cleanup(), process.exit(130)));
process.on('SIGTERM', () => (cleanup(), process.exit(143)));

// ---------------------------------------------------------------------------------------------------------
// The workspace: two files importing std; main.kli has a planted error and uses a KLI of shared.kli.

const SHARED = `package demo.shared
import std.categories

/// Buys coffee most days.
kli coffee_lover "Coffee lover" {
  description "At least ten coffee purchases in 30 days"
  window 30 days
  let cups = count(where category under food_and_drink.coffee and amount > 0)
  when cups >= 10
  score min(cups / 30, 1)
}

test "starbucks is coffee" {
  transaction "STARBUCKS 1234 SEATTLE WA" => category food_and_drink.coffee
}
`;

const MAIN = `package demo.main
import std.categories
import std.klis
import demo.shared

// Movers who live on coffee: a planted error below (an unknown category).
segment caffeinated_movers "Caffeinated movers" {
  description "New homeowners who buy coffee most days"
  when coffee_lover
    and new_homeowner
}

kli broken "Broken" {
  when count(where category is no_such_category and description matches /^SBUX\\d+/i) >= 2
}
`;

function makeWorkspace() {
  const ws = join(tmp, 'workspace');
  mkdirSync(ws, { recursive: true });
  writeFileSync(
    join(ws, 'kli.json'),
    JSON.stringify(
      {
        name: 'demo',
        version: '0.1.0',
        dependencies: { std: '^0.1.0' },
        sample: { transactions: 'data/transactions.csv', customers: 'data/customers.csv' },
      },
      null,
      2,
    ) + '\n',
  );
  // Sample data for "Run on sample data" and "Explain customer", from the repository's CLI.
  execFileSync('node', [
    join(repo, 'bin', 'kli.js'),
    'generate',
    '--out',
    join(ws, 'data'),
    '--customers',
    '50',
    '--months',
    '3',
  ]);
  writeFileSync(join(ws, 'shared.kli'), SHARED);
  writeFileSync(join(ws, 'main.kli'), MAIN);
  return ws;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url, ms) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`code-server did not answer at ${url} within ${ms / 1000}s`);
}

// ---------------------------------------------------------------------------------------------------------
// Steps

async function step(name, page, body) {
  const t = Date.now();
  try {
    await body();
    results.push({ name, ok: true, ms: Date.now() - t });
    console.log(`✓ ${name} (${Date.now() - t} ms)`);
  } catch (error) {
    results.push({ name, ok: false, ms: Date.now() - t, error: error.message });
    console.log(`✗ ${name}: ${error.message.split('\n')[0]}`);
  }
  await page
    .screenshot({
      path: join(artifacts, `${String(results.length).padStart(2, '0')}-${name.replace(/\W+/g, '-')}.png`),
    })
    .catch(() => {});
}

/** The centre of `word` on the first visible editor line that contains it (in the active editor). */
async function wordCentre(page, word, lineText) {
  const box = await page.evaluate(
    ({ word, lineText }) => {
      const editor = document.querySelector('.editor-group-container.active .editor-instance') ?? document;
      for (const line of editor.querySelectorAll('.view-line')) {
        const text = line.textContent.replace(/\u00a0/g, ' ');
        if (lineText && !text.includes(lineText)) continue;
        if (!text.includes(word)) continue;
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const at = node.textContent.replace(/\u00a0/g, ' ').indexOf(word);
          if (at < 0) continue;
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + word.length);
          const r = range.getBoundingClientRect();
          return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
        }
      }
      return null;
    },
    { word, lineText },
  );
  if (!box) throw new Error(`"${word}" is not on screen`);
  return box;
}

async function openFile(page, name) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: WAIT });
  await input.fill(name);
  await page
    .locator('.quick-input-list .monaco-list-row', { hasText: name })
    .first()
    .click({ timeout: WAIT });
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: WAIT });
}

async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: WAIT });
  await input.fill(`>${title}`);
  await page
    .locator('.quick-input-list .monaco-list-row', { hasText: title })
    .first()
    .click({ timeout: WAIT });
}

async function colourOf(page, word) {
  return page.evaluate((word) => {
    const spans = [...document.querySelectorAll('.editor-group-container.active .view-line span span')];
    const text = (span) => span.textContent.replace(/\u00a0/g, ' ').trim();
    const span = spans.find((s) => text(s) === word) ?? spans.find((s) => text(s).includes(word));
    if (span) return getComputedStyle(span).color;
    return null;
  }, word);
}

// ---------------------------------------------------------------------------------------------------------

async function main() {
  rmSync(artifacts, { recursive: true, force: true });
  mkdirSync(artifacts, { recursive: true });
  const codeServer = ensureCodeServer();
  console.log(`code-server ready (${elapsed()})`);

  const userData = join(tmp, 'user-data');
  const extensions = join(tmp, 'extensions');
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(
    join(userData, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'security.workspace.trust.enabled': false,
        'workbench.tips.enabled': false,
        'extensions.autoUpdate': false,
        'chat.disableAIFeatures': true,
        'workbench.colorTheme': 'Default Dark Modern',
        // Highlighting must come from the TextMate grammar alone for the colour check.
        'editor.semanticHighlighting.enabled': false,
        'editor.minimap.enabled': false,
        'editor.hover.delay': 100,
        'kli.path': join(repo, 'bin', 'kli.js'),
      },
      null,
      2,
    ),
  );
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: join(tmp, 'config'),
    XDG_DATA_HOME: join(tmp, 'data'),
  };
  const common = ['--user-data-dir', userData, '--extensions-dir', extensions];
  execFileSync(codeServer, [...common, '--force', '--install-extension', vsix], { env, stdio: 'inherit' });
  console.log(`extension installed (${elapsed()})`);

  const workspace = makeWorkspace();
  const port = await freePort();
  const log = createWriteStream(join(artifacts, 'code-server.log'));
  server = spawn(
    codeServer,
    [
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--auth',
      'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      ...common,
      workspace,
    ],
    { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  server.stdout.pipe(log);
  server.stderr.pipe(log);
  const url = `http://127.0.0.1:${port}/`;
  await waitForHttp(`${url}healthz`, WAIT);
  console.log(`code-server listening on ${url} (${elapsed()})`);

  browser = await chromium.launchPersistentContext(join(tmp, 'chromium'), {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1400, height: 860 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = browser.pages()[0] ?? (await browser.newPage());
  const consoleLog = createWriteStream(join(artifacts, 'browser-console.log'));
  page.on('console', (m) => consoleLog.write(`[${m.type()}] ${m.text()}\n`));
  page.setDefaultTimeout(WAIT);
  await page.goto(`${url}?folder=${encodeURIComponent(workspace)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: WAIT });
  await page
    .locator('.explorer-folders-view .monaco-list-row', { hasText: 'main.kli' })
    .waitFor({ timeout: WAIT });
  console.log(`workbench up (${elapsed()})`);

  await step('opens main.kli as kli', page, async () => {
    await openFile(page, 'main.kli');
    await page.locator('#status\\.editor\\.mode', { hasText: 'kli' }).waitFor({ timeout: WAIT });
  });

  await step('highlighting is applied', page, async () => {
    await page.locator('.editor-instance .view-line', { hasText: 'caffeinated_movers' }).waitFor();
    const until = Date.now() + WAIT;
    let colours;
    while (Date.now() < until) {
      colours = {
        keyword: await colourOf(page, 'segment'),
        string: await colourOf(page, '"Caffeinated movers"'),
        comment: await colourOf(page, 'Movers who live on coffee'),
        name: await colourOf(page, 'coffee_lover'),
        regex: await colourOf(page, 'SBUX'),
      };
      const distinct = new Set(Object.values(colours));
      if (!Object.values(colours).includes(null) && distinct.size >= 4) return;
      await page.waitForTimeout(250);
    }
    throw new Error(`tokens are not coloured apart: ${JSON.stringify(colours)}`);
  });

  await step('a diagnostic appears for the planted error', page, async () => {
    await page.locator('.editor-instance .squiggly-error').first().waitFor({ timeout: WAIT });
    // A hover shown before the diagnostic arrived does not update: move away and back until it says so.
    const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: /no_such_category/ }).first();
    const deadline = Date.now() + WAIT;
    for (;;) {
      const { x, y } = await wordCentre(page, 'no_such_category');
      await page.mouse.move(5, 5);
      await page.mouse.move(x, y);
      try {
        await hover.waitFor({ timeout: 5_000 });
        break;
      } catch (error) {
        if (Date.now() > deadline) throw error;
      }
    }
  });

  await step('hover shows a standard-library KLI description', page, async () => {
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
    const { x, y } = await wordCentre(page, 'new_homeowner');
    await page.mouse.move(x, y - 3);
    await page.mouse.move(x, y);
    await page
      .locator('.monaco-hover', { hasText: /hardware and furniture|Moved into a home/ })
      .first()
      .waitFor({ timeout: WAIT });
  });

  await step('go to definition jumps to shared.kli', page, async () => {
    await page.mouse.move(5, 5);
    const { x, y } = await wordCentre(page, 'coffee_lover', 'when coffee_lover');
    await page.mouse.click(x, y);
    await page.keyboard.press('F12');
    await page.locator('.tabs-container .tab.active', { hasText: 'shared.kli' }).waitFor({ timeout: WAIT });
  });

  await step('Show compiled SQL opens SQL', page, async () => {
    await page.locator('.editor-instance .view-line', { hasText: 'kli coffee_lover' }).waitFor();
    const { x, y } = await wordCentre(page, 'coffee_lover', 'kli coffee_lover');
    await page.mouse.click(x, y);
    await runCommand(page, 'kli: Show compiled SQL');
    await page
      .locator('.tabs-container .tab.active', { hasText: 'coffee_lover.sql' })
      .waitFor({ timeout: WAIT });
    await page.locator('#status\\.editor\\.mode', { hasText: 'SQL' }).waitFor({ timeout: WAIT });
    const sqlEditor = page.locator('.editor-group-container.active .view-lines');
    await sqlEditor.filter({ hasText: 'kli_coffee_lover' }).waitFor({ timeout: WAIT });
  });

  await step('the Show SQL code lens opens SQL', page, async () => {
    await page.keyboard.press('Control+W'); // closes coffee_lover.sql
    await page
      .locator('.tabs-container .tab', { hasText: 'coffee_lover.sql' })
      .waitFor({ state: 'detached' });
    await page.locator('.codelens-decoration a', { hasText: 'Show SQL' }).first().click();
    await page
      .locator('.tabs-container .tab.active', { hasText: 'coffee_lover.sql' })
      .waitFor({ timeout: WAIT });
  });

  await step('completion offers a category and a standard-library KLI', page, async () => {
    await openFile(page, 'main.kli');
    // A new KLI at the end of the file.
    await page.locator('.editor-group-container.active .view-lines').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('kli probe {');
    await page.keyboard.press('Enter');
    await page.keyboard.type('when new_home');
    await page.keyboard.press('Control+Space');
    const rows = page.locator('.editor-widget.suggest-widget.visible .monaco-list-row');
    await rows.filter({ hasText: 'new_homeowner' }).first().waitFor({ timeout: WAIT });
    await page.screenshot({ path: join(artifacts, 'completion-kli.png') });
    await page.keyboard.press('Escape');
    await page.keyboard.press('Shift+Home');
    await page.keyboard.type('when count(where category under food');
    await page.keyboard.press('Control+Space');
    await rows.filter({ hasText: 'food_and_drink' }).first().waitFor({ timeout: WAIT });
    await page.keyboard.press('Escape');
  });

  // A hover on a standard-library KLI, and the SQL of a segment beside the source.
  await step('hover and SQL screenshot', page, async () => {
    // Undo the typing of the completion step.
    await page.keyboard.press('Escape');
    const lines = page.locator('.editor-group-container.active .line-numbers');
    const original = MAIN.split('\n').length;
    for (let i = 0; i < 40 && (await lines.count()) > original; i++) await page.keyboard.press('Control+Z');
    await page.keyboard.press('Control+S');
    await runCommand(page, 'View: Close All Editors');
    await openFile(page, 'main.kli');
    await page.locator('.editor-instance .view-line', { hasText: 'caffeinated_movers' }).waitFor();
    await page.waitForTimeout(500);
    const name = await wordCentre(page, 'caffeinated_movers');
    await page.mouse.click(name.x, name.y);
    await runCommand(page, 'kli: Show compiled SQL');
    await page.locator('.tabs-container .tab.active', { hasText: 'caffeinated_movers.sql' }).waitFor();
    await page.locator('.tabs-container .tab', { hasText: 'main.kli' }).click();
    const { x, y } = await wordCentre(page, 'new_homeowner', 'and new_homeowner');
    await page.mouse.move(x, y - 3);
    await page.mouse.move(x, y);
    await page
      .locator('.monaco-hover:not(.hidden)', { hasText: /Moved into a home/ })
      .first()
      .waitFor();
    await page.waitForTimeout(600); // the hover fades in
    await page.screenshot({ path: join(artifacts, 'hover-and-sql.png') });
  });

  // Last: fixes the planted error (tests do not run while the workspace has errors).
  await step('Run tests reports a pass in the Test Explorer', page, async () => {
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
    const { x, y } = await wordCentre(page, 'no_such_category');
    await page.mouse.dblclick(x, y);
    await page.keyboard.type('food_and_drink');
    await page.keyboard.press('Control+S');
    await page
      .locator('.editor-instance .squiggly-error')
      .first()
      .waitFor({ state: 'detached', timeout: WAIT });
    await runCommand(page, 'kli: Run tests');
    await page
      .locator('.statusbar-item', { hasText: /kli.*tests/ })
      .first()
      .waitFor({ timeout: WAIT });
    await runCommand(page, 'View: Show Testing');
    await page
      .locator('.test-explorer .monaco-list-row', { hasText: 'shared.kli' })
      .locator('.codicon-testing-passed-icon')
      .first()
      .waitFor({ timeout: WAIT });
  });

  await step('Run on sample data shows prevalence in a webview', page, async () => {
    await runCommand(page, 'kli: Run on sample data');
    await webviewText(page, /KLI prevalence[\s\S]*Top unmatched descriptors/);
    // The prevalence code lens, from the server with DuckDB of the configured kli.
    await page
      .locator('.contentWidgets .codelens-decoration, .codelens-decoration', { hasText: /% · \d+ of/ })
      .first()
      .waitFor({ timeout: WAIT });
    // The picture for the README: tests passed, prevalence lenses and the run's tables.
    await page.mouse.move(5, 5);
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(artifacts, 'vscode.png') });
  });

  await step('Explain customer shows its KLIs', page, async () => {
    await runCommand(page, 'kli: Explain customer');
    const input = page.locator('.quick-input-widget input');
    await input.fill('C000001');
    await input.press('Enter');
    await webviewText(page, /Customer C000001[\s\S]*KLIs that fire/);
  });
}

/** Waits until a webview's document shows text matching `pattern`. */
async function webviewText(page, pattern) {
  const until = Date.now() + WAIT;
  while (Date.now() < until) {
    for (const frame of page.frames()) {
      const text = await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '');
      if (pattern.test(text)) return;
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`no webview shows ${pattern}`);
}

let failed = false;
try {
  await main();
} catch (error) {
  failed = true;
  console.error(`e2e: ${error.stack ?? error}`);
} finally {
  await browser?.close().catch(() => {});
  cleanup();
}
failed ||= results.length === 0 || results.some((r) => !r.ok);
writeFileSync(
  join(artifacts, 'results.json'),
  JSON.stringify({ total_ms: Date.now() - started, results }, null, 2),
);
if (!failed) {
  mkdirSync(join(extensionDir, '..', 'docs', 'images'), { recursive: true });
  copyFileSync(join(artifacts, 'vscode.png'), join(extensionDir, '..', 'docs', 'images', 'vscode.png'));
}
console.log(
  `${failed ? 'FAILED' : 'passed'}: ${results.filter((r) => r.ok).length}/${results.length} in ${elapsed()}`,
);
process.exit(failed ? 1 : 0);
