import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { check } from '../../language/check.js';
import { formatDiagnostic, hasErrors, type Diagnostic } from '../../language/diagnostics.js';
import { defaultCacheDir, diskCachedParse, type ParseCache } from '../../language/parse-cache.js';
import { formatLocation } from '../../language/position.js';
import { listKliFiles, loadWorkspace, standardLibraryRoot } from '../../language/workspace.js';
import { cachedCheck, deferredParse, diskOverlapMemo, type CheckCache } from '../check-cache.js';
import { compileWorkspace } from '../compile.js';
import { governanceDiagnostics } from '../governance.js';
import { duckdbMemoryLimit, duckdbShare, parseSize } from '../memory.js';
import type { RunReport } from '../run.js';
import { emit, scriptText } from '../sql/emit.js';
import { kliVersion } from '../version.js';

const show = (file: string) => {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('../..') ? file : rel;
};

function printDiagnostics(diagnostics: Diagnostic[]): void {
  for (const diagnostic of diagnostics) console.error(formatDiagnostic(diagnostic, show));
}

function summary(diagnostics: Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  return `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
}

function jsonDiagnostics(diagnostics: Diagnostic[]) {
  return diagnostics.map((d) => ({
    ...d,
    file: show(d.file),
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
  }));
}

const positiveInt = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('a positive whole number');
  return n;
};

/** A size in bytes. */
const memorySize = (value: string) => {
  const bytes = parseSize(value);
  if (bytes === null) throw new InvalidArgumentError('a size such as 4GB, 2.5GB or 4GiB');
  return bytes;
};

const isoDate = (value: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value)))
    throw new InvalidArgumentError('a date as YYYY-MM-DD');
  return value;
};

/** Progress on stderr, only when a person is watching a terminal. */
function progress():
  ((event: { title: string; index: number; total: number; phase: string }) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  return (event) => {
    const line = `[${event.index + 1}/${event.total}] ${event.phase}: ${event.title}`;
    process.stderr.write(`\r\x1b[K${line.slice(0, (process.stderr.columns ?? 100) - 1)}`);
    if (event.index + 1 === event.total) process.stderr.write('\r\x1b[K');
  };
}

const number = (n: number) => n.toLocaleString('en-US');

export function formatReport(report: RunReport, out: string): string {
  const lines: string[] = [];
  lines.push(`kli run · ${report.workspace.name} ${report.workspace.version} · as_of ${report.as_of}`);
  lines.push(
    `rows       ${number(report.rows.read)} read · ${number(report.rows.rejected)} rejected${report.rows.rejected ? ' (see rejects.csv)' : ''} · ${number(report.rows.written)} classified and written`,
  );
  lines.push(
    `coverage   ${report.coverage.classified_pct}% of transactions categorized · ${report.coverage.merchant_pct}% matched to a merchant`,
  );
  if (report.coverage.top_unmatched.length) {
    lines.push(
      'unmatched  ' +
        report.coverage.top_unmatched
          .slice(0, 5)
          .map((u) => `${u.description} (${number(u.transactions)})`)
          .join(' · '),
    );
  }
  lines.push(`customers  ${number(report.customers)}`);
  const width = Math.max(0, ...report.klis.map((k) => k.name.length));
  lines.push('KLIs');
  for (const kli of report.klis)
    lines.push(
      `  ${kli.name.padEnd(width)}  ${String(kli.prevalence_pct).padStart(6)}%  ${number(kli.customers)}`,
    );
  lines.push('segments');
  const segmentWidth = Math.max(0, ...report.segments.map((s) => s.segment.length));
  for (const segment of report.segments) {
    const change = report.changes?.segments.find((c) => c.segment === segment.segment);
    const delta = change
      ? `  +${change.entered} −${change.left} since ${report.changes?.previous_as_of ?? 'the last run'}`
      : '';
    lines.push(`  ${segment.segment.padEnd(segmentWidth)}  ${number(segment.customers).padStart(8)}${delta}`);
  }
  lines.push(
    `wrote      ${show(out)}/ (transactions, customer_klis, segments, audiences/, rejects.csv, report.json${report.changes ? ', triggers.csv' : ''})`,
  );
  return lines.join('\n');
}

interface ExplainOptions {
  customer?: string;
  transactions?: string[];
  customers?: string;
  asOf?: string;
  source?: string;
  limit: number;
  fired?: boolean;
  descriptor?: string;
  mcc?: number;
  json?: boolean;
}

interface CheckOptions {
  json?: boolean;
  cache: boolean;
  baseline?: string;
  overlaps?: boolean;
  data?: string[];
  customers?: string;
  source?: string;
  asOf?: string;
}

/** Set by compiler/cli/bundle.mjs: a hash of the front end's source, which parse-cache entries are keyed on. */
declare const KLI_PARSER_FINGERPRINT: string | undefined;

/** The parse cache, unless turned off; only the bundle has one, since only it knows its parser's fingerprint. */
function parseCacheFor(enabled: boolean): ParseCache | undefined {
  const off = process.env['KLI_NO_CACHE'];
  if (!enabled || (off && off !== '0') || typeof KLI_PARSER_FINGERPRINT !== 'string') return undefined;
  return { dir: defaultCacheDir(), version: `${kliVersion}+${KLI_PARSER_FINGERPRINT}` };
}

/** The check cache beside the parse cache, keyed on the bundle's fingerprint (written by bundle.mjs). */
function checkCacheFor(parseCache: ParseCache | undefined): CheckCache | undefined {
  if (!parseCache) return undefined;
  try {
    const fingerprint = readFileSync(new URL('./fingerprint', import.meta.url), 'utf8').trim();
    return fingerprint ? { dir: parseCache.dir, version: `${parseCache.version}+${fingerprint}` } : undefined;
  } catch {
    return undefined;
  }
}

export function buildProgram(): Command {
  const program = new Command('kli')
    .description(
      'Key Lifestyle Indicators: classify bank transactions, derive behavioural KLIs and segments, compiled to DuckDB SQL',
    )
    .version(kliVersion)
    .showHelpAfterError();

  program
    .command('check')
    .description('check a workspace: every diagnostic as file:line:col; exit 1 on errors')
    .argument('[workspace]', 'folder with a kli.json', '.')
    .option('--json', 'machine-readable output')
    .option(
      '--baseline <folder|git-ref>',
      'the previous release: report a breaking change made without a major version',
    )
    .option(
      '--overlaps',
      'also list every merchant rule that a more specific rule of another merchant narrows',
    )
    .option(
      '--data <files...>',
      'also check the rules against a data sample: rules that match nothing, segments within others',
    )
    .option('--customers <file>', 'customers file for --data')
    .option('--source <name>', 'the source declaration to read --data with')
    .option('--as-of <date>', 'run date for --data, YYYY-MM-DD (default: the latest posted date)', isoDate)
    .option(
      '--no-cache',
      `parse and check every file again instead of reusing ${defaultCacheDir()} (or KLI_NO_CACHE=1)`,
    )
    .action(async (workspaceDir: string, options: CheckOptions) => {
      const cache = parseCacheFor(options.cache);
      // A --baseline is another workspace (often a git ref): its result is not cached.
      const results = options.baseline === undefined ? checkCacheFor(cache) : undefined;
      const parse = cache && diskCachedParse(cache);
      const workspace = loadWorkspace(
        workspaceDir,
        parse ? { parse: results ? deferredParse(parse) : parse } : {},
      );
      // Overlaps and data checks: see docs/explain.md.
      const overlaps = options.overlaps
        ? (await import('../../language/overlap.js')).findMerchantOverlaps
        : undefined;
      const overlapMemo = results && diskOverlapMemo(results, workspace);
      const checkWorkspace = () => {
        const checked = check(workspace, overlapMemo ? { overlapMemo } : {});
        // kli.lock (when present) and --baseline: see docs/governance.md.
        const found = [
          ...checked.diagnostics,
          ...governanceDiagnostics(workspace, checked.model, options.baseline),
        ];
        if (overlaps) {
          const reported = new Set(found.map((d) => d.message));
          const all = overlaps(checked.model, { all: true, ...(overlapMemo ? { memo: overlapMemo } : {}) });
          found.push(...all.filter((d) => !reported.has(d.message)));
        }
        return found;
      };
      const diagnostics = results
        ? cachedCheck(results, workspace, { overlaps: Boolean(overlaps) }, checkWorkspace)
        : checkWorkspace();
      let dataSummary: import('../data-check.js').DataCheckSummary | undefined;
      if (options.data && !hasErrors(diagnostics)) {
        const { checkData } = await import('../data-check.js');
        const result = await checkData({
          workspace: workspaceDir,
          transactions: options.data,
          ...(options.customers ? { customers: options.customers } : {}),
          ...(options.source ? { source: options.source } : {}),
          ...(options.asOf ? { asOf: options.asOf } : {}),
        });
        if (!result.ok) {
          console.error(`kli check --data: ${result.error}`);
          process.exitCode = 1;
          return;
        }
        diagnostics.push(...result.diagnostics);
        dataSummary = result.summary;
      }
      if (options.json)
        console.log(
          JSON.stringify(
            {
              ok: !hasErrors(diagnostics),
              files: workspace.files.length,
              ...(dataSummary ? { data: dataSummary } : {}),
              diagnostics: jsonDiagnostics(diagnostics),
            },
            null,
            2,
          ),
        );
      else {
        printDiagnostics(diagnostics);
        console.error(`${workspace.manifest.name}: ${workspace.files.length} files, ${summary(diagnostics)}`);
        if (dataSummary) {
          const { rules } = dataSummary;
          const pct = rules.total === 0 ? 100 : Math.round((rules.matched / rules.total) * 1000) / 10;
          console.error(
            `data: ${number(rules.matched)} of ${number(rules.total)} merchant rules (${pct}%) decided a transaction, in ${number(dataSummary.transactions)} transactions of ${number(dataSummary.customers)} customers`,
          );
        }
      }
      process.exitCode = hasErrors(diagnostics) ? 1 : 0;
    });

  program
    .command('compile')
    .description('compile a workspace to one standalone DuckDB SQL script')
    .argument('[workspace]', 'folder with a kli.json', '.')
    .option('-o, --output <file>', 'write the script here instead of stdout')
    .option('--transactions <files...>', 'input paths to put in the script', ['transactions.csv'])
    .option('--customers <file>', 'customers file to put in the script')
    .option('--as-of <date>', 'run date, YYYY-MM-DD (default: the latest posted date)', isoDate)
    .option('--out <dir>', 'output folder the script writes to', 'out')
    .addOption(
      new Option('--format <format>', 'output format').choices(['parquet', 'csv']).default('parquet'),
    )
    .option('--source <name>', 'the source declaration to read transactions with')
    .option(
      '--no-cache',
      `parse every file again instead of reusing ${defaultCacheDir()} (or KLI_NO_CACHE=1)`,
    )
    .action(
      (
        workspaceDir: string,
        options: {
          cache: boolean;
          output?: string;
          transactions: string[];
          customers?: string;
          asOf?: string;
          out: string;
          format: 'csv' | 'parquet';
          source?: string;
        },
      ) => {
        const cache = parseCacheFor(options.cache);
        const compiled = compileWorkspace(workspaceDir, {
          ...(options.source ? { source: options.source } : {}),
          ...(cache ? { parse: diskCachedParse(cache) } : {}),
        });
        printDiagnostics(compiled.diagnostics.filter((d) => d.severity === 'error'));
        if (!compiled.plan) {
          process.exitCode = 1;
          return;
        }
        const statements = emit(compiled.plan, {
          transactions: options.transactions,
          ...(options.customers ? { customers: options.customers } : {}),
          outDir: options.out,
          format: options.format,
          ...(options.asOf ? { asOf: options.asOf } : {}),
        });
        const text = scriptText(compiled.plan, statements);
        if (options.output) {
          writeFileSync(options.output, text);
          console.error(`wrote ${options.output}: ${statements.length} statements`);
        } else process.stdout.write(text);
      },
    );

  program
    .command('run')
    .description(
      'run a workspace over transaction files and write classified transactions, KLIs, segments, audiences and a report',
    )
    .argument('[workspace]', 'folder with a kli.json', '.')
    .requiredOption('--transactions <files...>', 'transaction files or globs (CSV or Parquet)')
    .option('--customers <file>', 'customers file: customer_id plus attributes')
    .option('--as-of <date>', 'run date, YYYY-MM-DD (default: the latest posted date)', isoDate)
    .requiredOption('--out <dir>', 'output folder; replaced atomically')
    .addOption(
      new Option('--format <format>', 'output format').choices(['parquet', 'csv']).default('parquet'),
    )
    .option('--source <name>', 'the source declaration to read transactions with')
    .option(
      '--memory-limit <size>',
      `memory budget of the whole run, e.g. 4GB: DuckDB's buffer pool gets ${duckdbShare * 100}% of it and spills to disk beyond`,
      memorySize,
    )
    .option('--threads <n>', 'DuckDB threads', positiveInt)
    .option('--temp-dir <dir>', 'where DuckDB spills beyond the memory limit (default: beside --out)')
    .option('--json', 'print the report as JSON')
    .action(
      async (
        workspaceDir: string,
        options: {
          transactions: string[];
          customers?: string;
          asOf?: string;
          out: string;
          format: 'csv' | 'parquet';
          source?: string;
          memoryLimit?: number;
          threads?: number;
          tempDir?: string;
          json?: boolean;
        },
      ) => {
        const onProgress = progress();
        const { run } = await import('../run.js');
        const result = await run({
          workspace: workspaceDir,
          transactions: options.transactions,
          out: options.out,
          format: options.format,
          ...(options.customers ? { customers: options.customers } : {}),
          ...(options.asOf ? { asOf: options.asOf } : {}),
          ...(options.source ? { source: options.source } : {}),
          ...(options.memoryLimit ? { memoryLimit: duckdbMemoryLimit(options.memoryLimit) } : {}),
          ...(options.threads ? { threads: options.threads } : {}),
          ...(options.tempDir ? { tempDirectory: options.tempDir } : {}),
          ...(onProgress ? { onProgress } : {}),
        });
        printDiagnostics(result.diagnostics.filter((d) => d.severity === 'error'));
        if (!result.ok) {
          if (result.error) console.error(`kli run: ${result.error}`);
          if (options.json)
            console.log(
              JSON.stringify(
                { ok: false, error: result.error ?? null, diagnostics: jsonDiagnostics(result.diagnostics) },
                null,
                2,
              ),
            );
          process.exitCode = 1;
          return;
        }
        if (options.json) console.log(JSON.stringify({ ok: true, report: result.report }, null, 2));
        else console.log(formatReport(result.report, resolve(options.out)));
      },
    );

  program
    .command('test')
    .description("run the workspace's test blocks on a real DuckDB; each pass/fail with its location")
    .argument('[workspace]', 'folder with a kli.json', '.')
    .option('--filter <text>', 'only tests whose title contains this')
    .option('--coverage', 'list the merchants, KLIs and segments of this workspace that no test exercises')
    .option(
      '--coverage-threshold <percent>',
      'exit 1 when coverage is below this (implies --coverage)',
      Number,
    )
    .option('--json', 'machine-readable output')
    .action(
      async (
        workspaceDir: string,
        options: { filter?: string; json?: boolean; coverage?: boolean; coverageThreshold?: number },
      ) => {
        const filter = options.filter;
        const { runTests } = await import('../test-runner.js');
        const outcome = await runTests(workspaceDir, filter ? (title) => title.includes(filter) : undefined);
        const errors = outcome.diagnostics.filter((d) => d.severity === 'error');
        printDiagnostics(errors);
        const failed = outcome.results.filter((r) => !r.passed);
        const showCoverage = options.coverage || options.coverageThreshold !== undefined;
        const coverage = outcome.coverage;
        const belowThreshold =
          options.coverageThreshold !== undefined &&
          coverage !== undefined &&
          coverage.percent < options.coverageThreshold;
        if (options.json) {
          console.log(
            JSON.stringify(
              {
                ok: errors.length === 0 && failed.length === 0 && !belowThreshold,
                ...(showCoverage ? { coverage: outcome.coverage } : {}),
                results: outcome.results.map((r) => ({
                  ...r,
                  file: show(r.file),
                  line: r.range.start.line + 1,
                })),
              },
              null,
              2,
            ),
          );
        } else {
          for (const result of outcome.results) {
            console.log(
              `${result.passed ? '✓' : '✗'} ${formatLocation(show(result.file), result.range)} ${result.title}`,
            );
            for (const failure of result.failures)
              console.log(`    ${formatLocation(show(result.file), failure.range)}: ${failure.message}`);
          }
          if (showCoverage && coverage) {
            console.log(`coverage ${coverage.percent}%`);
            for (const [kind, of] of Object.entries({
              merchants: coverage.merchants,
              KLIs: coverage.klis,
              segments: coverage.segments,
            })) {
              const list =
                of.uncovered.slice(0, 20).join(', ') +
                (of.uncovered.length > 20 ? `, … ${of.uncovered.length - 20} more` : '');
              console.log(
                `  ${kind}: ${of.covered}/${of.total} tested${of.uncovered.length ? `; untested: ${list}` : ''}`,
              );
            }
            if (belowThreshold)
              console.log(
                `coverage ${coverage.percent}% is below the threshold ${options.coverageThreshold}%`,
              );
          }
          console.log(`${outcome.results.length - failed.length} passed, ${failed.length} failed`);
        }
        process.exitCode = errors.length > 0 || failed.length > 0 || belowThreshold ? 1 : 0;
      },
    );

  program
    .command('explain')
    .description(
      'why a customer has each KLI and is in each segment, or how one descriptor is cleansed and classified',
    )
    .argument('[workspace]', 'folder with a kli.json', '.')
    .option('--customer <id>', 'the customer to explain (with --transactions)')
    .option('--transactions <files...>', 'transaction files or globs (CSV or Parquet)')
    .option('--customers <file>', 'customers file: customer_id plus attributes')
    .option('--as-of <date>', 'run date, YYYY-MM-DD (default: the latest posted date)', isoDate)
    .option('--source <name>', 'the source declaration to read transactions with')
    .option('--limit <n>', 'transactions listed per aggregate', positiveInt, 20)
    .option('--fired', 'list only the KLIs that fired')
    .option('--descriptor <text>', 'a raw descriptor to explain instead of a customer')
    .option('--mcc <code>', 'the merchant category code that comes with --descriptor', positiveInt)
    .option('--json', 'machine-readable output')
    .action(async (workspaceDir: string, options: ExplainOptions) => {
      const explain = await import('../explain.js');
      try {
        if (options.descriptor !== undefined) {
          const [result] = await explain.explainDescriptors(workspaceDir, [
            { descriptor: options.descriptor, ...(options.mcc !== undefined ? { mcc: options.mcc } : {}) },
          ]);
          if (result)
            console.log(
              options.json ? JSON.stringify(result, null, 2) : explain.formatDescriptorExplanation(result),
            );
          return;
        }
        if (!options.customer || !options.transactions) {
          console.error(
            'kli explain: give --customer <id> --transactions <files...>, or --descriptor <text> [--mcc <code>]',
          );
          process.exitCode = 1;
          return;
        }
        const result = await explain.explainCustomer({
          workspace: workspaceDir,
          customer: options.customer,
          transactions: options.transactions,
          limit: options.limit,
          ...(options.customers ? { customers: options.customers } : {}),
          ...(options.asOf ? { asOf: options.asOf } : {}),
          ...(options.source ? { source: options.source } : {}),
        });
        console.log(
          options.json
            ? JSON.stringify(result, null, 2)
            : explain.formatCustomerExplanation(result, options.fired ?? false),
        );
      } catch (error) {
        if (!(error instanceof explain.ExplainError)) throw error;
        console.error(`kli explain: ${error.message}`);
        process.exitCode = 1;
      }
    });

  program
    .command('generate')
    .description(
      'write realistic, reproducible sample data: customers, transactions, planted behaviours and labels',
    )
    .requiredOption('--customers <n>', 'number of customers', positiveInt)
    .option('--months <n>', 'months of history', positiveInt, 12)
    .option('--seed <n>', 'random seed', (v) => Number(v), 1)
    .option('--end-date <date>', 'last posted date, YYYY-MM-DD', isoDate)
    .requiredOption('--out <dir>', 'output folder')
    .action(
      async (options: { customers: number; months: number; seed: number; endDate?: string; out: string }) => {
        const onProgress = process.stderr.isTTY
          ? (done: number, total: number) =>
              process.stderr.write(`\r\x1b[Kgenerating customers ${done}/${total}`)
          : undefined;
        const { generate } = await import('../generate/generate.js');
        const result = await generate({
          customers: options.customers,
          months: options.months,
          seed: options.seed,
          out: options.out,
          ...(options.endDate ? { endDate: options.endDate } : {}),
          ...(onProgress ? { onProgress } : {}),
        });
        if (onProgress) process.stderr.write('\r\x1b[K');
        console.log(
          `wrote ${number(result.customers)} customers and ${number(result.transactions)} transactions ending ${result.endDate} to ${show(resolve(options.out))}/`,
        );
      },
    );

  program
    .command('demo')
    .description('generate sample data and run the standard library on it: the quick start')
    .option('--customers <n>', 'number of customers', positiveInt, 2000)
    .option('--months <n>', 'months of history', positiveInt, 12)
    .option('--dir <dir>', 'where data and outputs go', 'tmp/demo')
    .action(async (options: { customers: number; months: number; dir: string }) => {
      const data = join(options.dir, 'data');
      const out = join(options.dir, 'out');
      mkdirSync(options.dir, { recursive: true });
      // Loaded on use: `kli check` should not pay for DuckDB.
      const { generate } = await import('../generate/generate.js');
      const { run } = await import('../run.js');
      const generated = await generate({
        customers: options.customers,
        months: options.months,
        seed: 42,
        out: data,
      });
      console.log(
        `generated ${number(generated.transactions)} transactions for ${number(generated.customers)} customers in ${show(resolve(data))}/`,
      );
      const result = await run({
        workspace: standardLibraryRoot(),
        transactions: [generated.files.transactions],
        customers: generated.files.customers,
        out,
        format: 'parquet',
        ...(progress() ? { onProgress: progress()! } : {}),
      });
      printDiagnostics(result.diagnostics.filter((d) => d.severity === 'error'));
      if (!result.ok) {
        console.error(`kli demo: ${result.error ?? 'the standard library has errors'}`);
        process.exitCode = 1;
        return;
      }
      console.log(formatReport(result.report, resolve(out)));
      if (existsSync(generated.files.truth))
        console.log(`planted ground truth: ${show(resolve(generated.files.truth))}`);
    });

  program
    .command('evaluate')
    .description(
      'measure a workspace: coverage and accuracy on generated and real labelled data, KLI precision and recall',
    )
    .argument('[workspace]', 'folder with a kli.json (default: the standard library)')
    .option('--generated <n>', 'customers to generate', positiveInt, 1000)
    .option('--months <n>', 'months of generated history', positiveInt, 12)
    .option('--seed <n>', 'random seed of the generated data', (v) => Number(v), 7)
    .option('--data <dir>', 'use a folder written by `kli generate` instead of generating')
    .option('--real <dir>', 'the shared/data folder (default: ../shared/data beside the repository)')
    .option('--no-real', 'skip the real data sets')
    .option('--top <n>', 'unmatched descriptors to list per data set', positiveInt, 10)
    .option('--json', 'machine-readable output')
    .option('--markdown', 'Markdown tables, as in docs/library.md')
    .action(
      async (
        workspaceDir: string | undefined,
        options: {
          generated: number;
          months: number;
          seed: number;
          data?: string;
          real?: string | boolean;
          top: number;
          json?: boolean;
          markdown?: boolean;
        },
      ) => {
        const { evaluate, formatEvaluation, formatEvaluationMarkdown } = await import('../evaluate.js');
        try {
          const report = await evaluate({
            workspace: workspaceDir ?? standardLibraryRoot(),
            generated: { customers: options.generated, months: options.months, seed: options.seed },
            ...(options.data ? { data: options.data } : {}),
            ...(options.real === false
              ? { real: false as const }
              : typeof options.real === 'string'
                ? { real: options.real }
                : {}),
            top: options.top,
          });
          console.log(
            options.json
              ? JSON.stringify(report, null, 2)
              : options.markdown
                ? formatEvaluationMarkdown(report)
                : formatEvaluation(report),
          );
        } catch (error) {
          console.error(`kli evaluate: ${(error as Error).message}`);
          process.exitCode = 1;
        }
      },
    );

  program
    .command('docs')
    .description(
      'write a static HTML catalog of a library: taxonomy, merchants, KLIs and segments with their SQL, tests and lineage',
    )
    .argument('[workspace]', 'folder with a kli.json', '.')
    .requiredOption('--out <dir>', 'output folder; replaced atomically')
    .action(async (workspaceDir: string, options: { out: string }) => {
      const { buildDocs } = await import('../docs/build.js');
      const result = buildDocs({ workspace: workspaceDir, out: options.out });
      printDiagnostics(result.diagnostics.filter((d) => d.severity === 'error'));
      if (!result.ok || !result.catalog) {
        console.error(`kli docs: ${result.error ?? 'the workspace has errors; no catalog written'}`);
        process.exitCode = 1;
        return;
      }
      const { catalog } = result;
      console.log(
        `wrote ${show(resolve(options.out))}/index.html: ${number(result.files ?? 0)} files, ${number(catalog.categories.length)} categories, ${number(catalog.merchants.length)} merchants, ${number(catalog.klis.length)} KLIs, ${number(catalog.segments.length)} segments`,
      );
    });

  program
    .command('lsp')
    .description('start the language server, for editors (see docs/editors.md)')
    .option('--stdio', 'talk the Language Server Protocol over stdin and stdout (the only transport)')
    .action(async () => {
      const { startServer } = await import('../../lsp/server.js');
      startServer();
    });

  program
    .command('fmt')
    .description('format .kli files the one canonical way (the editor formats the same)')
    .argument('[paths...]', 'workspace folders or .kli files', ['.'])
    .option('--check', 'change nothing: list the files that are not formatted and exit 1 if any')
    .action(async (paths: string[], options: { check?: boolean }) => {
      const { formatText } = await import('../../language/format.js');
      const missing = paths.filter((path) => !existsSync(path));
      if (missing.length) {
        console.error(`kli fmt: not found: ${missing.join(', ')}`);
        process.exitCode = 1;
        return;
      }
      const files = paths.flatMap((path) =>
        statSync(path).isDirectory() ? listKliFiles(path) : [resolve(path)],
      );
      let failed = 0;
      for (const file of files) {
        const text = readFileSync(file, 'utf8');
        const formatted = formatText(text);
        if (formatted === undefined) {
          console.error(`${show(file)}: not formatted: it has syntax errors (\`kli check\` shows them)`);
          failed++;
        } else if (formatted !== text && options.check) {
          console.log(show(file));
          failed++;
        } else if (formatted !== text) {
          // Written beside the file and renamed over it, so a file is never left half-written.
          const temp = join(dirname(file), `.${basename(file)}.${process.pid}.fmt`);
          writeFileSync(temp, formatted, { mode: statSync(file).mode });
          renameSync(temp, file);
          console.log(`formatted ${show(file)}`);
        }
      }
      process.exitCode = failed > 0 ? 1 : 0;
    });

  program
    .command('diff')
    .description(
      'semantic diff of two versions of a library (folders or git refs), each change major/minor/patch; with data, its impact',
    )
    .argument('<old>', 'folder, git ref (main~3, v1.2.0) or ref:path/in/repo')
    .argument('<new>', 'folder, git ref or ref:path/in/repo')
    .option('--transactions <files...>', 'run both versions on these files and report what changes')
    .option('--customers <file>', 'customers file for the impact run')
    .option('--as-of <date>', 'run date of both runs, YYYY-MM-DD (default: the latest posted date)', isoDate)
    .option('--source <name>', 'the source declaration to read transactions with')
    .option('--examples <n>', 'examples per list in the impact', positiveInt, 5)
    .addOption(
      new Option('--format <format>', 'output format').choices(['text', 'json', 'markdown']).default('text'),
    )
    .addOption(
      new Option('--fail-on <level>', 'exit 1 when a change of this level or higher is found').choices([
        'major',
        'minor',
        'patch',
      ]),
    )
    .action(
      async (
        oldSpec: string,
        newSpec: string,
        options: {
          transactions?: string[];
          customers?: string;
          asOf?: string;
          source?: string;
          examples: number;
          format: 'text' | 'json' | 'markdown';
          failOn?: 'major' | 'minor' | 'patch';
        },
      ) => {
        if (!options.transactions && options.customers) {
          console.error('kli diff: --customers needs --transactions');
          process.exitCode = 2;
          return;
        }
        const { diffLibraries, DiffError } = await import('../library-diff.js');
        const { ImpactError } = await import('../impact.js');
        const { formatDiffText, formatDiffMarkdown } = await import('../diff-format.js');
        try {
          const report = await diffLibraries(oldSpec, newSpec, {
            ...(options.transactions
              ? {
                  impact: {
                    transactions: options.transactions,
                    examples: options.examples,
                    ...(options.customers ? { customers: options.customers } : {}),
                    ...(options.asOf ? { asOf: options.asOf } : {}),
                    ...(options.source ? { source: options.source } : {}),
                  },
                }
              : {}),
          });
          if (options.format === 'json') console.log(JSON.stringify(report, null, 2));
          else if (options.format === 'markdown') process.stdout.write(formatDiffMarkdown(report));
          else console.log(formatDiffText(report));
          const rank = { none: 0, patch: 1, minor: 2, major: 3 };
          process.exitCode = options.failOn && rank[report.level] >= rank[options.failOn] ? 1 : 0;
        } catch (error) {
          if (!(error instanceof DiffError || error instanceof ImpactError)) throw error;
          console.error(`kli diff: ${error.message}`);
          process.exitCode = 2;
        }
      },
    );

  program
    .command('lock')
    .description('write kli.lock: the version, path, content hash and public surface of every dependency')
    .argument('[workspace]', 'folder with a kli.json', '.')
    .action(async (workspaceDir: string) => {
      const workspace = loadWorkspace(workspaceDir);
      const { model, diagnostics } = check(workspace);
      if (hasErrors(diagnostics)) {
        printDiagnostics(diagnostics.filter((d) => d.severity === 'error'));
        console.error('kli lock: the workspace has errors; nothing written');
        process.exitCode = 1;
        return;
      }
      const { writeLock } = await import('../../language/lock.js');
      const path = writeLock(workspace, model);
      console.log(`wrote ${show(path)}: ${workspace.libraries.length - 1} dependencies pinned`);
    });

  return program;
}
