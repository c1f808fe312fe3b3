#!/usr/bin/env node
// Latency and memory of the kli language server, measured the way an editor sees them: the compiled
// server (`kli lsp --stdio`) driven over stdio, request by request.
//
//   npm run build && node bench/lsp-latency.mjs
//
// Two workspaces: the standard library, and a generated 20,000-line file that depends on it.
// Reports the median and p95 of completion, hover, definition and "fresh diagnostics after an
// edit" (with the debounce set to 0, so the number is the work itself; an editor adds the 150 ms
// debounce), and the server's RSS over 10,000 edits typed at the default debounce. Not part of
// `npm test`. BENCH_SAMPLES and BENCH_EDITS shorten a run.
import { spawn } from 'node:child_process';
import console from 'node:console';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL, URL } from 'node:url';
import * as P from 'vscode-languageserver-protocol/node.js';
import { seeded } from './random.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));
const bin = join(repo, 'bin', 'kli.js');
const samples = Number(process.env.BENCH_SAMPLES ?? 200);
const editCount = Number(process.env.BENCH_EDITS ?? 10_000);

class Server {
  constructor(delayMs) {
    this.child = spawn(process.execPath, [bin, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.connection = P.createMessageConnection(
      new P.StreamMessageReader(this.child.stdout),
      new P.StreamMessageWriter(this.child.stdin),
    );
    this.waiters = [];
    this.versions = new Map();
    this.connection.onNotification(P.PublishDiagnosticsNotification.type, (params) => {
      for (const waiter of this.waiters.filter((w) => w.uri === params.uri)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(params.diagnostics);
      }
    });
    this.connection.onNotification(P.LogMessageNotification.type, () => undefined);
    this.connection.onRequest(P.RegistrationRequest.type, () => undefined);
    this.connection.listen();
    this.delayMs = delayMs;
  }

  async initialize(rootUri) {
    await this.connection.sendRequest(P.InitializeRequest.type, {
      processId: process.pid,
      rootUri,
      capabilities: { textDocument: { completion: { completionItem: { snippetSupport: true } } } },
      initializationOptions: { diagnosticsDelayMs: this.delayMs },
    });
    await this.connection.sendNotification(P.InitializedNotification.type, {});
  }

  diagnostics(uri) {
    return new Promise((resolve) => this.waiters.push({ uri, resolve }));
  }

  async open(uri, text) {
    const published = this.diagnostics(uri);
    this.versions.set(uri, 1);
    await this.connection.sendNotification(P.DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'kli', version: 1, text },
    });
    return published;
  }

  async edit(uri, range, text) {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(P.DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ range, text }],
    });
  }

  /** Resident memory of the server process, in MB (Linux /proc, else ps). */
  rssMb() {
    try {
      const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
    } catch {
      return NaN;
    }
  }

  async stop() {
    await this.connection.sendRequest(P.ShutdownRequest.type);
    await this.connection.sendNotification(P.ExitNotification.type);
    this.connection.dispose();
  }
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * (sorted.length - 1)))];
}

function stats(times) {
  const sorted = [...times].sort((a, b) => a - b);
  return { median: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), n: sorted.length };
}

async function timed(action) {
  const started = performance.now();
  await action();
  return performance.now() - started;
}

/** Positions of names in the text, the places people hover, jump from and complete at. */
function namePositions(text, count, next) {
  const lines = text.split('\n');
  const positions = [];
  while (positions.length < count) {
    const line = Math.floor(next() * lines.length);
    const names = [...(lines[line] ?? '').matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)];
    if (names.length === 0) continue;
    const name = names[Math.floor(next() * names.length)];
    positions.push({ line, character: name.index + Math.floor(next() * name[0].length) + 1 });
  }
  return positions;
}

function positionOf(text, needle) {
  const index = text.indexOf(needle);
  if (index === -1) throw new Error(`"${needle}" is not in the file`);
  const before = text.slice(0, index).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

/** A 20,000-line file of merchants and KLIs over the standard library's categories. */
function generatedFile(lines) {
  const out = ['package big', 'import std.categories', ''];
  for (let i = 1; out.length < lines; i++) {
    out.push(`/// Merchant ${i}.`, `merchant m${i} "M ${i}" {`, `  match prefix "M${i} STORE", "MM${i}"`);
    out.push('  category food_and_drink.coffee', '}', '');
    if (i % 5 === 0)
      out.push(
        `kli k${i} "K ${i}" {`,
        '  window 90 days',
        `  let spend = sum(amount where merchant is m${i} and amount > 0)`,
        `  when spend > ${i} and count(where category under food_and_drink) >= 2`,
        '  score min(spend / 1000, 1)',
        '}',
        '',
      );
  }
  return out.join('\n');
}

async function latencies(name, root, file) {
  const uri = pathToFileURL(file).href;
  const text = readFileSync(file, 'utf8');
  const server = new Server(0);
  await server.initialize(pathToFileURL(root).href);
  const open = await timed(() => server.open(uri, text));
  const next = seeded(42);
  const positions = namePositions(text, samples + 20, next);
  const document = { textDocument: { uri } };
  const measure = async (request) => {
    for (const position of positions.slice(0, 20)) await request(position);
    const times = [];
    for (const position of positions.slice(20)) times.push(await timed(() => request(position)));
    return stats(times);
  };
  const complete = (position) =>
    server.connection.sendRequest(P.CompletionRequest.type, { ...document, position });
  const completion = await measure(complete);
  // The heaviest place to complete: an expression, where every KLI, let and function fits.
  const expressionPositions = text
    .split('\n')
    .flatMap((line, index) =>
      line.startsWith('  when ') ? [{ line: index, character: '  when '.length }] : [],
    );
  const inExpression = [];
  for (let i = 0; i < samples + 20; i++) {
    const position = expressionPositions[Math.floor(next() * expressionPositions.length)];
    const time = await timed(() => complete(position));
    if (i >= 20) inExpression.push(time);
  }
  const hover = await measure((position) =>
    server.connection.sendRequest(P.HoverRequest.type, { ...document, position }),
  );
  const definition = await measure((position) =>
    server.connection.sendRequest(P.DefinitionRequest.type, { ...document, position }),
  );

  // An edit inside a line (a digit of a window), and one that adds a line, then its undo.
  const window = /window (\d)\d* days/.exec(text);
  if (!window) throw new Error(`${file} has no \`window N days\` to edit`);
  const digit = positionOf(text, window[0]);
  digit.character += 'window '.length;
  const diagnosticsAfter = async (edits) => {
    const times = [];
    // The first 30 warm the server up (the JIT compiles the checker), as an editing session would.
    for (let i = 0; i < 130; i++) {
      const [range, newText] = edits[i % edits.length];
      const published = server.diagnostics(uri);
      const started = performance.now();
      await server.edit(uri, range, newText);
      await published;
      if (i >= 30) times.push(performance.now() - started);
    }
    return stats(times);
  };
  const at = (position, length = 0) => ({
    start: position,
    end: { ...position, character: position.character + length },
  });
  const other = window[1] === '1' ? '2' : '1';
  const inLine = await diagnosticsAfter([
    [at(digit, 1), other],
    [at(digit, 1), window[1]],
  ]);
  const lineStart = { line: digit.line, character: 0 };
  const newLine = await diagnosticsAfter([
    [at(lineStart), '\n'],
    [{ start: lineStart, end: { line: digit.line + 1, character: 0 } }, ''],
  ]);
  await server.stop();
  return {
    name,
    lines: text.split('\n').length,
    open,
    completion,
    inExpression: stats(inExpression),
    hover,
    definition,
    inLine,
    newLine,
  };
}

/** 10,000 edits typed in bursts at the default debounce; the server's RSS every 1,000. */
async function memory(root, file) {
  const uri = pathToFileURL(file).href;
  const text = readFileSync(file, 'utf8');
  const server = new Server(150);
  await server.initialize(pathToFileURL(root).href);
  await server.open(uri, text);
  const spot = positionOf(text, 'let spend');
  spot.character += 'let spend'.length;
  const word = 'ing_total';
  const rss = [];
  const burst = word.length * 2;
  for (let done = 0; done < editCount; done += burst) {
    for (let i = 0; i < word.length; i++) {
      const position = { line: spot.line, character: spot.character + i };
      await server.edit(uri, { start: position, end: position }, word[i]);
    }
    for (let i = word.length - 1; i >= 0; i--) {
      const position = { line: spot.line, character: spot.character + i };
      await server.edit(
        uri,
        { start: position, end: { ...position, character: position.character + 1 } },
        '',
      );
    }
    await server.diagnostics(uri);
    if (Math.floor((done + burst) / 1000) > Math.floor(done / 1000)) rss.push(Math.round(server.rssMb()));
  }
  await sleep(100);
  await server.stop();
  return rss;
}

const format = (s) => `${s.median.toFixed(1).padStart(6)} ms median ${s.p95.toFixed(1).padStart(6)} ms p95`;

const stdRoot = join(repo, 'library', 'std');
const bigRoot = mkdtempSync(join(tmpdir(), 'kli-bench-'));
writeFileSync(
  join(bigRoot, 'kli.json'),
  JSON.stringify({ name: 'big', version: '1.0.0', dependencies: { std: '^0.1.0' } }),
);
writeFileSync(join(bigRoot, 'big.kli'), generatedFile(20_000));

console.log(
  `kli language server · node ${process.version} · ${cpus()[0]?.model ?? 'cpu'} × ${cpus().length}`,
);
console.log(`${samples} requests of each kind at seeded positions; 100 edits (after 30) for diagnostics\n`);
const measured = [];
for (const [name, root, file] of [
  ['standard library (life_events.kli)', stdRoot, join(stdRoot, 'klis', 'life_events.kli')],
  ['generated 20,000-line file', bigRoot, join(bigRoot, 'big.kli')],
]) {
  const result = await latencies(name, root, file);
  measured.push(result);
  console.log(
    `${result.name}, ${result.lines} lines; open to first diagnostics ${result.open.toFixed(0)} ms`,
  );
  console.log(`  completion                     ${format(result.completion)}`);
  console.log(`  completion in an expression    ${format(result.inExpression)}`);
  console.log(`  hover                          ${format(result.hover)}`);
  console.log(`  definition                     ${format(result.definition)}`);
  console.log(`  diagnostics after an edit      ${format(result.inLine)}`);
  console.log(`  diagnostics after a new line   ${format(result.newLine)}`);
}
const rss = await memory(bigRoot, join(bigRoot, 'big.kli'));
console.log(
  `\nRSS over ${editCount} edits on the 20,000-line file (MB, every 1,000 edits): ${rss.join(' ')}`,
);
// bench/run.mjs reads the figures from here into bench/results.json.
if (process.env.BENCH_JSON)
  writeFileSync(
    process.env.BENCH_JSON,
    JSON.stringify({ samples, edits: editCount, workspaces: measured, rss_mb: rss }, null, 2),
  );
