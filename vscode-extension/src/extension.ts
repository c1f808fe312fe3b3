import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import * as vscode from 'vscode';
import {
  ExecuteCommandRequest,
  LanguageClient,
  ShowMessageNotification,
  MessageType,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';

/** Commands the server offers (its code lenses call them); the client intercepts both. */
const SERVER_SHOW_SQL = 'kli.showSql';
const SERVER_RUN_TEST = 'kli.runTest';
const SQL_SCHEME = 'kli-sql';

let client: LanguageClient | undefined;
let status: vscode.StatusBarItem;
let lastRun = '';
/** Server commands in flight: their ShowMessage notifications are shown by the client in its own way. */
let quietMessages = 0;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('kli');
  const serverModule = context.asAbsolutePath(join('dist', 'server.js'));
  // The server loads DuckDB (prevalence lenses) from a kli installation when one is found: NODE_PATH.
  const options = { env: { ...process.env, NODE_PATH: duckdbModulePaths().join(delimiter) } };
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.stdio, args: ['--stdio'], options },
    debug: { module: serverModule, transport: TransportKind.stdio, args: ['--stdio'], options },
  };
  const tests = new KliTests(context, output);
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'kli' }],
    outputChannel: output,
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/{*.kli,kli.json}') },
    middleware: {
      // The server's code lenses: "Show SQL" opens a SQL document, "▶ Run test" runs in the Test Explorer.
      executeCommand: async (command, args, next) => {
        if (command === SERVER_SHOW_SQL) return openSql(String(args[0]), String(args[1]));
        if (command === SERVER_RUN_TEST) return tests.runByTitle(String(args[0]), String(args[1]));
        return next(command, args);
      },
    },
  };
  const sqlProvider = new SqlProvider();
  let timer: NodeJS.Timeout | undefined;
  const refreshSql = () => {
    clearTimeout(timer);
    timer = setTimeout(() => sqlProvider.refresh(), 500);
  };
  client = new LanguageClient('kli', 'kli language server', serverOptions, clientOptions);

  context.subscriptions.push(
    output,
    vscode.workspace.registerTextDocumentContentProvider(SQL_SCHEME, sqlProvider),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document.languageId === 'kli') refreshSql();
    }),
    vscode.commands.registerCommand('kli.showCompiledSql', showCompiledSql),
    vscode.commands.registerCommand('kli.runSample', () => runSample(context, output)),
    vscode.commands.registerCommand('kli.runTests', () => tests.runAll()),
    vscode.commands.registerCommand('kli.explainCustomer', () => explainCustomer(context, output)),
    vscode.commands.registerCommand('kli.checkWorkspace', () => checkWorkspace(output)),
  );

  status = vscode.window.createStatusBarItem('kli.status', vscode.StatusBarAlignment.Left, 10);
  status.name = 'kli';
  status.command = 'kli.checkWorkspace';
  context.subscriptions.push(
    status,
    vscode.languages.onDidChangeDiagnostics(updateStatus),
    vscode.window.onDidChangeActiveTextEditor(updateStatus),
  );
  updateStatus();

  await client.start();
  // Replaces the client's own handler: messages of intercepted commands are not shown twice.
  client.onNotification(ShowMessageNotification.type, ({ type, message }) => {
    if (quietMessages > 0) return;
    if (type === MessageType.Error) void vscode.window.showErrorMessage(message);
    else if (type === MessageType.Warning) void vscode.window.showWarningMessage(message);
    else void vscode.window.showInformationMessage(message);
  });
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}

// ---------------------------------------------------------------------------------------------------------
// Status bar

function updateStatus(): void {
  let errors = 0;
  let warnings = 0;
  for (const [uri, diagnostics] of vscode.languages.getDiagnostics()) {
    if (!uri.path.endsWith('.kli')) continue;
    for (const d of diagnostics) {
      if (d.severity === vscode.DiagnosticSeverity.Error) errors++;
      else if (d.severity === vscode.DiagnosticSeverity.Warning) warnings++;
    }
  }
  const problems = errors || warnings ? `$(error) ${errors} $(warning) ${warnings}` : '$(check)';
  status.text = `kli ${problems}${lastRun ? ` · ${lastRun}` : ''}`;
  status.tooltip = `kli: ${errors} errors, ${warnings} warnings in .kli files${lastRun ? `\nLast run: ${lastRun}` : ''}\nClick to check the workspace`;
  const active = vscode.window.activeTextEditor?.document.languageId === 'kli';
  if (active || errors || warnings || lastRun) status.show();
  else status.hide();
}

// ---------------------------------------------------------------------------------------------------------
// Show compiled SQL: a read-only document `kli-sql:/<name>.sql?<document uri>`

class SqlProvider implements vscode.TextDocumentContentProvider {
  private readonly changes = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changes.event;

  /** Open SQL documents follow the source: refreshed whenever a .kli file changes. */
  refresh(): void {
    for (const document of vscode.workspace.textDocuments)
      if (document.uri.scheme === SQL_SCHEME) this.changes.fire(document.uri);
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const name = uri.path.replace(/^\//, '').replace(/\.sql$/, '');
    const sql = await serverCommand<unknown>(SERVER_SHOW_SQL, [uri.query, name]);
    return typeof sql === 'string' ? sql : `-- ${JSON.stringify(sql)}`;
  }
}

async function serverCommand<T>(command: string, args: unknown[]): Promise<T> {
  if (!client) throw new Error('the kli language server is not running');
  quietMessages++;
  try {
    return (await client.sendRequest(ExecuteCommandRequest.type, { command, arguments: args })) as T;
  } finally {
    quietMessages--;
  }
}

async function openSql(documentUri: string, name: string): Promise<void> {
  const uri = vscode.Uri.from({ scheme: SQL_SCHEME, path: `/${name}.sql`, query: documentUri });
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.languages.setTextDocumentLanguage(document, 'sql');
  await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true });
}

/** Palette and context menu: the KLI or segment under the cursor, else one picked from the file. */
async function showCompiledSql(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'kli') {
    void vscode.window.showWarningMessage('kli: open a .kli file to show the SQL of its KLIs and segments');
    return;
  }
  const uri = editor.document.uri.toString();
  const symbols = await rules(editor.document.uri);
  const range = editor.document.getWordRangeAtPosition(editor.selection.active, /[A-Za-z_][\w.]*/);
  const word = range ? editor.document.getText(range) : '';
  const under = symbols.find((s) => s.range.contains(editor.selection.active));
  let name = symbols.find((s) => s.name === word || s.name.endsWith(`.${word}`))?.name ?? under?.name;
  if (!name && symbols.length === 1) name = symbols[0]!.name;
  if (!name) {
    const picked = await vscode.window.showQuickPick(
      symbols.map((s) => ({ label: s.name, description: s.detail })),
      { placeHolder: 'KLI or segment to compile' },
    );
    name = picked?.label;
  }
  if (name) await openSql(uri, name);
  else if (!symbols.length) void vscode.window.showInformationMessage('kli: this file has no KLI or segment');
}

/** The KLIs, segments and segmentation members of a document, from the server's document symbols. */
async function rules(uri: vscode.Uri): Promise<{ name: string; detail: string; range: vscode.Range }[]> {
  const symbols =
    (await vscode.commands.executeCommand<vscode.DocumentSymbol[]>(
      'vscode.executeDocumentSymbolProvider',
      uri,
    )) ?? [];
  const found: { name: string; detail: string; range: vscode.Range }[] = [];
  // The server's symbol kinds: a KLI is an Event, a segment a Struct, a segmentation an Enum of segments.
  const visit = (list: vscode.DocumentSymbol[], parent?: string) => {
    for (const s of list) {
      const name = parent ? `${parent}.${s.name}` : s.name;
      if (s.kind === vscode.SymbolKind.Event || s.kind === vscode.SymbolKind.Struct)
        found.push({ name, detail: s.detail, range: s.range });
      if (s.kind === vscode.SymbolKind.Enum) visit(s.children ?? [], s.name);
    }
  };
  visit(symbols);
  return found;
}

// ---------------------------------------------------------------------------------------------------------
// The kli CLI: running needs DuckDB, a native addon the bundled server does not carry.

interface Workspace {
  root: string;
  manifest: { name?: string; sample?: { transactions?: string; customers?: string; as_of?: string } };
}

/** The kli workspace (folder with kli.json) of the active file, else of the first workspace folder. */
function currentWorkspace(): Workspace | undefined {
  const starts = [
    vscode.window.activeTextEditor?.document.uri,
    ...(vscode.workspace.workspaceFolders ?? []).map((f) => f.uri),
  ].filter((u): u is vscode.Uri => u?.scheme === 'file');
  for (const start of starts) {
    let dir = start.fsPath.endsWith('.kli') ? dirname(start.fsPath) : start.fsPath;
    for (;;) {
      const manifest = join(dir, 'kli.json');
      if (existsSync(manifest)) {
        try {
          return { root: dir, manifest: JSON.parse(readFileSync(manifest, 'utf8')) as Workspace['manifest'] };
        } catch {
          return { root: dir, manifest: {} };
        }
      }
      if (dirname(dir) === dir) break;
      dir = dirname(dir);
    }
  }
  void vscode.window.showWarningMessage('kli: no kli.json found for this file or workspace');
  return undefined;
}

/** node_modules folders holding @duckdb/node-api: the workspace folders' and the configured kli's. */
function duckdbModulePaths(): string[] {
  const starts = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
  const configured = vscode.workspace.getConfiguration('kli').get<string>('path')?.trim();
  if (configured && existsSync(configured)) starts.push(dirname(realpathSync(configured)));
  const found = new Set<string>();
  for (const start of starts) {
    for (let dir = start; ; dir = dirname(dir)) {
      if (existsSync(join(dir, 'node_modules', '@duckdb', 'node-api'))) found.add(join(dir, 'node_modules'));
      if (dirname(dir) === dir) break;
    }
  }
  return [...found];
}

function kliCommand(root: string): { command: string; prefix: string[] } {
  const configured = vscode.workspace.getConfiguration('kli').get<string>('path')?.trim();
  const local = join(root, 'node_modules', '.bin', 'kli');
  const path = configured || (existsSync(local) ? local : 'kli');
  return /\.[cm]?js$/.test(path) ? { command: 'node', prefix: [path] } : { command: path, prefix: [] };
}

/** Runs `kli <args> --json` in the workspace and parses its output. */
function kliJson<T>(root: string, args: string[], output: vscode.OutputChannel): Promise<T> {
  const { command, prefix } = kliCommand(root);
  const argv = [...prefix, ...args, '--json'];
  output.appendLine(`$ ${command} ${argv.join(' ')}`);
  return new Promise((resolvePromise, reject) => {
    execFile(command, argv, { cwd: root, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      if (stderr) output.append(stderr);
      try {
        resolvePromise(JSON.parse(stdout) as T);
      } catch {
        const hint = (error as NodeJS.ErrnoException | null)?.code === 'ENOENT' ? ' (set kli.path)' : '';
        reject(
          new Error(`${command} ${args[0]} failed${hint}: ${stderr.trim() || error?.message || stdout}`),
        );
      }
    });
  });
}

// ---------------------------------------------------------------------------------------------------------
// Run on sample data

interface RunReport {
  as_of: string;
  rows: { read: number; rejected: number };
  coverage: {
    classified_pct: number;
    merchant_pct: number;
    top_unmatched: { description: string; transactions: number }[];
  };
  customers: number;
  klis: { name: string; display_name: string; customers: number; prevalence_pct: number }[];
  segments: { segment: string; segmentation: string | null; customers: number }[];
}

type RunOutput =
  { ok: true; report: RunReport } | { ok: false; error: string | null; diagnostics?: unknown[] };

async function sampleRun(
  output: vscode.OutputChannel,
  keep: boolean,
): Promise<{ workspace: Workspace; report: RunReport; out: string } | undefined> {
  const workspace = currentWorkspace();
  if (!workspace) return undefined;
  const settings = vscode.workspace.getConfiguration('kli');
  const sample = workspace.manifest.sample ?? {};
  const transactions = settings.get<string>('sample.transactions') || sample.transactions;
  const customers = settings.get<string>('sample.customers') || sample.customers;
  const asOf = settings.get<string>('asOf') || sample.as_of;
  if (!transactions) {
    const open = 'Open settings';
    const choice = await vscode.window.showWarningMessage(
      'kli: no sample data: set "sample" in kli.json or the kli.sample.transactions setting',
      open,
    );
    if (choice === open) void vscode.commands.executeCommand('workbench.action.openSettings', 'kli.sample');
    return undefined;
  }
  const out = join(mkdtempSync(join(tmpdir(), 'kli-vscode-')), 'out');
  const args = ['run', workspace.root, '--transactions', resolve(workspace.root, transactions)];
  if (customers) args.push('--customers', resolve(workspace.root, customers));
  if (asOf) args.push('--as-of', asOf);
  args.push('--out', out, '--format', 'csv');
  try {
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'kli: running on sample data…' },
      () => kliJson<RunOutput>(workspace.root, args, output),
    );
    if (!result.ok) throw new Error(result.error ?? 'the workspace has errors (see Problems)');
    const r = result.report;
    lastRun = `${new Date().toLocaleTimeString()} · ${r.coverage.classified_pct}% classified`;
    updateStatus();
    return { workspace, report: r, out };
  } catch (error) {
    void vscode.window.showErrorMessage(`kli: ${(error as Error).message}`);
    return undefined;
  } finally {
    if (!keep) rmSync(dirname(out), { recursive: true, force: true });
  }
}

async function runSample(context: vscode.ExtensionContext, output: vscode.OutputChannel): Promise<void> {
  const run = await sampleRun(output, false);
  if (!run) return;
  const r = run.report;
  const body = `
    <h1>${esc(run.workspace.manifest.name ?? 'kli')} on sample data</h1>
    <p>as of ${esc(r.as_of)} · ${r.rows.read.toLocaleString()} transactions (${r.rows.rejected} rejected) ·
      ${r.customers.toLocaleString()} customers</p>
    <h2>Coverage</h2>
    ${table(
      ['', '%'],
      [
        ['classified', `${r.coverage.classified_pct}`],
        ['matched a merchant', `${r.coverage.merchant_pct}`],
      ],
    )}
    <h2>KLI prevalence</h2>
    ${table(
      ['KLI', 'customers', '%'],
      r.klis.map((k) => [
        `${esc(k.name)} <small>${esc(k.display_name)}</small>`,
        `${k.customers}`,
        `${k.prevalence_pct}`,
      ]),
    )}
    <h2>Segment sizes</h2>
    ${table(
      ['segment', 'customers'],
      r.segments.map((s) => [esc(s.segment), `${s.customers}`]),
    )}
    <h2>Top unmatched descriptors</h2>
    ${table(
      ['descriptor', 'transactions'],
      r.coverage.top_unmatched.map((u) => [esc(u.description), `${u.transactions}`]),
    )}`;
  showPanel(context, 'kli.results', 'kli: sample run', body);
}

// ---------------------------------------------------------------------------------------------------------
// Explain customer: one customer's KLIs, scores and segments on the sample data

async function explainCustomer(
  context: vscode.ExtensionContext,
  output: vscode.OutputChannel,
): Promise<void> {
  // Kept open when the focus moves: a webview still loading (Run on sample data) can take it, and
  // a prompt that does not ignore that closes before anything is typed (the e2e test met it once).
  const id = await vscode.window.showInputBox({
    prompt: 'Customer id to explain',
    placeHolder: 'c1',
    ignoreFocusOut: true,
  });
  if (!id) return;
  const run = await sampleRun(output, true);
  if (!run) return;
  try {
    // customer_klis has one row per customer: a column per KLI (fires) and one per score.
    const row = readCsv(join(run.out, 'customer_klis.csv')).find((r) => r.customer_id === id);
    const names = Object.keys(row ?? {}).filter((k) => k !== 'customer_id' && !k.endsWith('_score'));
    const fired = names.filter((k) => row![k] === 'true');
    const segments = readCsv(join(run.out, 'segments.csv')).filter((r) => r.customer_id === id);
    const txns = readCsv(join(run.out, 'transactions.csv')).filter((r) => r.customer_id === id);
    const body = `
      <h1>Customer ${esc(id)}</h1>
      ${row ? '' : '<p>No such customer in the sample data.</p>'}
      <h2>KLIs that fire (${fired.length} of ${names.length})</h2>
      ${table(
        ['KLI', 'score'],
        fired.map((k) => [esc(k), esc(row![`${k}_score`] ?? '')]),
      )}
      <p><small>Not firing: ${
        names
          .filter((k) => !fired.includes(k))
          .map(esc)
          .join(', ') || 'none'
      }</small></p>
      <h2>Segments</h2>${rowsTable(segments)}
      <h2>Transactions (${txns.length}${txns.length > 200 ? ', the first 200' : ''})</h2>${rowsTable(txns.slice(0, 200))}`;
    showPanel(context, 'kli.explain', `kli: customer ${id}`, body);
  } finally {
    rmSync(dirname(run.out), { recursive: true, force: true });
  }
}

function readCsv(path: string): Record<string, string>[] {
  if (!existsSync(path)) return [];
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const text = readFileSync(path, 'utf8');
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') ((field += '"'), i++);
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') (row.push(field), (field = ''));
    else if (c === '\n') (row.push(field), rows.push(row), (row = []), (field = ''));
    else if (c !== '\r') field += c;
  }
  if (field || row.length) (row.push(field), rows.push(row));
  const [header = [], ...data] = rows;
  return data.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

function rowsTable(rows: Record<string, string>[]): string {
  if (!rows.length) return '<p>none</p>';
  const columns = Object.keys(rows[0]!);
  return table(
    columns.map(esc),
    rows.map((r) => columns.map((c) => esc(r[c] ?? ''))),
  );
}

// ---------------------------------------------------------------------------------------------------------
// Check workspace

async function checkWorkspace(output: vscode.OutputChannel): Promise<void> {
  const workspace = currentWorkspace();
  if (!workspace) return;
  type Check = {
    ok: boolean;
    diagnostics: { file: string; line: number; severity: string; message: string }[];
  };
  try {
    const result = await kliJson<Check>(workspace.root, ['check', workspace.root], output);
    const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = result.diagnostics.filter((d) => d.severity === 'warning').length;
    for (const d of result.diagnostics) output.appendLine(`${d.file}:${d.line}: ${d.severity}: ${d.message}`);
    const message = `kli check: ${errors} errors, ${warnings} warnings`;
    const show = 'Show output';
    const choice = await (errors
      ? vscode.window.showErrorMessage(message, show)
      : vscode.window.showInformationMessage(message, show));
    if (choice === show) output.show();
  } catch (error) {
    void vscode.window.showErrorMessage(`kli: ${(error as Error).message}`);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Tests in the Test Explorer: one item per `test "…"` block, run with `kli test --json`

class KliTests {
  private readonly controller = vscode.tests.createTestController('kli', 'kli');

  constructor(
    context: vscode.ExtensionContext,
    private readonly output: vscode.OutputChannel,
  ) {
    context.subscriptions.push(this.controller);
    this.controller.resolveHandler = () => this.discover();
    this.controller.refreshHandler = () => this.discover();
    this.controller.createRunProfile('Run', vscode.TestRunProfileKind.Run, (request, token) =>
      this.run(request, token),
    );
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.kli');
    watcher.onDidChange((uri) => this.parseFile(uri));
    watcher.onDidCreate((uri) => this.parseFile(uri));
    watcher.onDidDelete((uri) => this.controller.items.delete(uri.toString()));
    context.subscriptions.push(
      watcher,
      vscode.workspace.onDidSaveTextDocument((d) => this.parseFile(d.uri)),
    );
  }

  async discover(): Promise<void> {
    const files = await vscode.workspace.findFiles('**/*.kli', '**/{node_modules,dist,.*}/**');
    await Promise.all(files.map((uri) => this.parseFile(uri)));
  }

  async parseFile(uri: vscode.Uri): Promise<void> {
    if (!uri.path.endsWith('.kli')) return;
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    const tests: vscode.TestItem[] = [];
    const lines = text.split('\n');
    lines.forEach((line, i) => {
      const match = /^\s*test\s+"((?:[^"\\]|\\.)*)"/.exec(line);
      if (!match) return;
      const title = match[1]!.replace(/\\(.)/g, '$1');
      const item = this.controller.createTestItem(`${uri.toString()}#${title}`, title, uri);
      item.range = new vscode.Range(i, 0, i, line.length);
      tests.push(item);
    });
    if (!tests.length) {
      this.controller.items.delete(uri.toString());
      return;
    }
    const file = this.controller.createTestItem(uri.toString(), vscode.workspace.asRelativePath(uri), uri);
    file.children.replace(tests);
    this.controller.items.add(file);
  }

  async runAll(): Promise<void> {
    await this.discover();
    await this.run(new vscode.TestRunRequest(), new vscode.CancellationTokenSource().token);
  }

  /** The "▶ Run test" code lens. */
  async runByTitle(documentUri: string, title: string): Promise<void> {
    await this.parseFile(vscode.Uri.parse(documentUri));
    const item = this.controller.items.get(documentUri)?.children.get(`${documentUri}#${title}`);
    const request = new vscode.TestRunRequest(item ? [item] : undefined);
    await this.run(request, new vscode.CancellationTokenSource().token);
  }

  private async run(request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<void> {
    const run = this.controller.createTestRun(request);
    const wanted: vscode.TestItem[] = [];
    const add = (item: vscode.TestItem) =>
      item.children.size ? item.children.forEach(add) : request.exclude?.includes(item) || wanted.push(item);
    if (request.include) request.include.forEach(add);
    else this.controller.items.forEach(add);
    wanted.forEach((item) => run.started(item));
    // One `kli test` per workspace root, for every test it holds.
    const byRoot = new Map<string, vscode.TestItem[]>();
    for (const item of wanted) {
      const root = manifestRoot(item.uri!.fsPath);
      if (!root) {
        run.errored(item, new vscode.TestMessage('no kli.json above this file'));
        continue;
      }
      byRoot.set(root, [...(byRoot.get(root) ?? []), item]);
    }
    type Result = {
      title: string;
      file: string;
      passed: boolean;
      failures: { message: string; range: { start: { line: number } } }[];
    };
    for (const [root, items] of byRoot) {
      if (token.isCancellationRequested) break;
      const started = Date.now();
      try {
        const filter = items.length === 1 ? ['--filter', items[0]!.label] : [];
        const outcome = await kliJson<{ ok: boolean; results: Result[] }>(
          root,
          ['test', root, ...filter],
          this.output,
        );
        for (const item of items) {
          const result =
            outcome.results.find(
              (r) => r.title === item.label && resolve(root, r.file) === item.uri!.fsPath,
            ) ?? outcome.results.find((r) => r.title === item.label);
          const duration = Date.now() - started;
          if (!result)
            run.errored(
              item,
              new vscode.TestMessage('not run: the workspace has errors (see Problems, or Check workspace)'),
            );
          else if (result.passed) run.passed(item, duration);
          else
            run.failed(
              item,
              result.failures.map((f) => {
                const message = new vscode.TestMessage(f.message);
                message.location = new vscode.Location(item.uri!, new vscode.Position(f.range.start.line, 0));
                return message;
              }),
              duration,
            );
        }
      } catch (error) {
        for (const item of items) run.errored(item, new vscode.TestMessage((error as Error).message));
      }
    }
    run.end();
    lastRun = `tests ${new Date().toLocaleTimeString()}`;
    updateStatus();
  }
}

function manifestRoot(file: string): string | undefined {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'kli.json'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Webview tables

const panels = new Map<string, vscode.WebviewPanel>();

function showPanel(context: vscode.ExtensionContext, id: string, title: string, body: string): void {
  let panel = panels.get(id);
  if (!panel) {
    panel = vscode.window.createWebviewPanel(id, title, vscode.ViewColumn.Beside, { enableScripts: false });
    panels.set(id, panel);
    panel.onDidDispose(() => panels.delete(id), undefined, context.subscriptions);
  }
  panel.title = title;
  panel.webview.html = `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline';">
<style>
  body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); }
  table { border-collapse: collapse; margin-bottom: 1em; }
  th, td { border: 1px solid var(--vscode-panel-border); padding: 2px 8px; text-align: left; }
  td.n { text-align: right; font-variant-numeric: tabular-nums; }
  small { color: var(--vscode-descriptionForeground); }
</style></head><body>${body}</body></html>`;
  panel.reveal();
}

function table(header: string[], rows: string[][]): string {
  if (!rows.length) return '<p>none</p>';
  const cell = (v: string, i: number) => `<td${i > 0 && /^-?[\d.,]+$/.test(v) ? ' class="n"' : ''}>${v}</td>`;
  return `<table><tr>${header.map((h) => `<th>${h}</th>`).join('')}</tr>${rows
    .map((r) => `<tr>${r.map(cell).join('')}</tr>`)
    .join('')}</table>`;
}

function esc(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
