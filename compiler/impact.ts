import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatDiagnostic, type Diagnostic } from '../language/diagnostics.js';
import { compileWorkspace } from './compile.js';
import { Engine } from './duckdb.js';
import { run, type RunReport } from './run.js';
import { duckdb } from './sql/dialect.js';

export interface ImpactOptions {
  transactions: string[];
  customers?: string;
  /** By default the latest posted date, the same for both versions. */
  asOf?: string;
  source?: string;
  /** Examples per list. */
  examples?: number;
}

export interface Classification {
  merchant: string | null;
  category: string;
}

/** What changes on the same data between two versions of a library. */
export interface DataImpact {
  as_of: string;
  transactions: {
    /** Transactions both versions read (a changed `source` can read different rows). */
    compared: number;
    only_old: number;
    only_new: number;
    changed: number;
    merchant_changed: number;
    category_changed: number;
    /** The descriptors (cleansed, as the new version has them) with the most changed transactions. */
    top: { description: string; transactions: number; before: Classification; after: Classification }[];
    examples: {
      txn_id: string;
      customer_id: string;
      raw_description: string;
      before: Classification;
      after: Classification;
    }[];
  };
  customers: { old: number; new: number };
  klis: {
    name: string;
    /** In which versions the KLI exists. */
    in: 'both' | 'old' | 'new';
    type: 'boolean' | 'numeric';
    before: number;
    after: number;
    gained: number;
    lost: number;
    /** Numeric KLIs: customers whose score differs. */
    score_changed: number;
    examples: {
      gained: string[];
      lost: string[];
      score_changed: { customer_id: string; before: number; after: number }[];
    };
  }[];
  segments: {
    segment: string;
    before: number;
    after: number;
    entered: number;
    left: number;
    examples: { entered: string[]; left: string[] };
  }[];
}

export class ImpactError extends Error {}

/**
 * Runs both versions through the real pipeline (`kli run`) on the same data and as-of date, then
 * joins their outputs in DuckDB: every comparison is a join or a grouped scan, never a loop over rows.
 */
export async function dataImpact(
  oldRoot: string,
  newRoot: string,
  options: ImpactOptions,
): Promise<DataImpact> {
  const examples = options.examples ?? 5;
  const scratch = mkdtempSync(join(tmpdir(), 'kli-impact-'));
  try {
    const runSide = async (root: string, side: 'old' | 'new', asOf: string | undefined) => {
      const result = await run({
        workspace: root,
        transactions: options.transactions,
        out: join(scratch, side),
        format: 'parquet',
        ...(options.customers ? { customers: options.customers } : {}),
        ...(asOf ? { asOf } : {}),
        ...(options.source ? { source: options.source } : {}),
      });
      if (!result.ok) throw new ImpactError(runFailure(side, result.diagnostics, result.error));
      return result.report;
    };
    const oldReport = await runSide(oldRoot, 'old', options.asOf);
    await runSide(newRoot, 'new', oldReport.as_of);
    const klis = {
      old: kliTypes(oldRoot, options.source),
      new: kliTypes(newRoot, options.source),
    };
    const engine = await Engine.open();
    try {
      return await compare(engine, scratch, oldReport, klis, examples);
    } finally {
      engine.close();
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function runFailure(side: string, diagnostics: Diagnostic[], error?: string): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').map((d) => formatDiagnostic(d));
  return `the ${side} version could not run: ${error ?? errors.slice(0, 5).join('\n') ?? 'unknown error'}`;
}

function kliTypes(root: string, source?: string): Map<string, 'boolean' | 'numeric'> {
  const plan = compileWorkspace(root, source ? { source } : {}).plan;
  return new Map((plan?.klis ?? []).map((k) => [k.name, k.score ? 'numeric' : 'boolean']));
}

async function compare(
  engine: Engine,
  scratch: string,
  oldReport: RunReport,
  klis: { old: Map<string, 'boolean' | 'numeric'>; new: Map<string, 'boolean' | 'numeric'> },
  examples: number,
): Promise<DataImpact> {
  const file = (side: string, name: string) => duckdb.string(join(scratch, side, `${name}.parquet`));
  const id = (name: string) => duckdb.identifier(name);
  // Rows are paired by txn_id; duplicated ids are paired in a stable order of their content.
  for (const side of ['old', 'new']) {
    await engine.exec(
      `CREATE TEMP TABLE txn_${side} AS SELECT *, row_number() OVER (PARTITION BY txn_id ORDER BY customer_id, posted_date, amount, raw_description) AS pair FROM read_parquet(${file(side, 'transactions')})`,
    );
  }
  await engine.exec(
    `CREATE TEMP TABLE txn_changed AS SELECT o.txn_id, o.customer_id, o.raw_description, n.description, o.merchant AS old_merchant, o.category AS old_category, n.merchant AS new_merchant, n.category AS new_category FROM txn_old o JOIN txn_new n USING (txn_id, pair) WHERE o.merchant IS DISTINCT FROM n.merchant OR o.category IS DISTINCT FROM n.category`,
  );
  const [counts] = await engine.rows<Record<string, number>>(`SELECT
    (SELECT count(*) FROM txn_old o JOIN txn_new n USING (txn_id, pair))::INTEGER AS compared,
    (SELECT count(*) FROM txn_old o ANTI JOIN txn_new n USING (txn_id, pair))::INTEGER AS only_old,
    (SELECT count(*) FROM txn_new n ANTI JOIN txn_old o USING (txn_id, pair))::INTEGER AS only_new,
    (SELECT count(*) FROM txn_changed)::INTEGER AS changed,
    (SELECT count(*) FILTER (WHERE old_merchant IS DISTINCT FROM new_merchant) FROM txn_changed)::INTEGER AS merchant_changed,
    (SELECT count(*) FILTER (WHERE old_category IS DISTINCT FROM new_category) FROM txn_changed)::INTEGER AS category_changed`);
  const classification = (prefix: string) =>
    `{'merchant': ${prefix}_merchant, 'category': ${prefix}_category}`;
  const top = await engine.rows<DataImpact['transactions']['top'][number]>(
    `SELECT description, count(*)::INTEGER AS transactions, ${classification('old')} AS before, ${classification('new')} AS after FROM txn_changed GROUP BY ALL ORDER BY transactions DESC, description LIMIT 10`,
  );
  const transactionExamples = await engine.rows<DataImpact['transactions']['examples'][number]>(
    `SELECT txn_id, customer_id, raw_description, ${classification('old')} AS before, ${classification('new')} AS after FROM txn_changed ORDER BY txn_id LIMIT ${examples}`,
  );

  // KLIs: one long table of the customers whose flag or score differs, then one grouped scan.
  const names = [...new Set([...klis.old.keys(), ...klis.new.keys()])];
  const flag = (side: 'old' | 'new', name: string, prefix: string) =>
    klis[side].has(name) ? `coalesce(${prefix}.${id(name)}, false)` : 'false';
  const score = (side: 'old' | 'new', name: string, prefix: string) =>
    klis[side].has(name) ? `coalesce(${prefix}.${id(`${name}_score`)}, 0)::DOUBLE` : '0::DOUBLE';
  await engine.exec(
    `CREATE TEMP TABLE klis_joined AS SELECT coalesce(o.customer_id, n.customer_id) AS customer_id, o.customer_id IS NOT NULL AS in_old, n.customer_id IS NOT NULL AS in_new, ${
      names
        .flatMap((name, i) => [
          `${flag('old', name, 'o')} AS f_old_${i}, ${flag('new', name, 'n')} AS f_new_${i}`,
          `${score('old', name, 'o')} AS s_old_${i}, ${score('new', name, 'n')} AS s_new_${i}`,
        ])
        .join(', ') || 'NULL AS nothing'
    } FROM read_parquet(${file('old', 'customer_klis')}) o FULL JOIN read_parquet(${file('new', 'customer_klis')}) n USING (customer_id)`,
  );
  const kliRows = names.length
    ? await engine.rows<{
        i: number;
        before: number;
        after: number;
        gained: number;
        lost: number;
        score_changed: number;
        gained_examples: string[];
        lost_examples: string[];
        score_examples: { customer_id: string; before: number; after: number }[];
      }>(
        `WITH long AS (${names
          .map(
            (_, i) =>
              `SELECT ${i} AS i, customer_id, f_old_${i} AS f_old, f_new_${i} AS f_new, s_old_${i} AS s_old, s_new_${i} AS s_new FROM klis_joined`,
          )
          .join(' UNION ALL ')})
        SELECT i,
          count(*) FILTER (WHERE f_old)::INTEGER AS before,
          count(*) FILTER (WHERE f_new)::INTEGER AS after,
          count(*) FILTER (WHERE f_new AND NOT f_old)::INTEGER AS gained,
          count(*) FILTER (WHERE f_old AND NOT f_new)::INTEGER AS lost,
          count(*) FILTER (WHERE s_old <> s_new)::INTEGER AS score_changed,
          coalesce(list(customer_id ORDER BY customer_id) FILTER (WHERE f_new AND NOT f_old), [])[1:${examples}] AS gained_examples,
          coalesce(list(customer_id ORDER BY customer_id) FILTER (WHERE f_old AND NOT f_new), [])[1:${examples}] AS lost_examples,
          coalesce(list({'customer_id': customer_id, 'before': s_old, 'after': s_new} ORDER BY customer_id) FILTER (WHERE s_old <> s_new), [])[1:${examples}] AS score_examples
        FROM long GROUP BY i ORDER BY i`,
      )
    : [];
  const [customers] = await engine.rows<{ old: number; new: number }>(
    `SELECT count(*) FILTER (WHERE in_old)::INTEGER AS old, count(*) FILTER (WHERE in_new)::INTEGER AS new FROM klis_joined`,
  );

  const segmentRows = await engine.rows<DataImpact['segments'][number]>(
    `WITH o AS (SELECT DISTINCT customer_id, segment FROM read_parquet(${file('old', 'segments')})),
      n AS (SELECT DISTINCT customer_id, segment FROM read_parquet(${file('new', 'segments')})),
      events AS (
        SELECT segment, customer_id, 'entered' AS event FROM (SELECT * FROM n EXCEPT SELECT * FROM o)
        UNION ALL SELECT segment, customer_id, 'left' FROM (SELECT * FROM o EXCEPT SELECT * FROM n)),
      sizes AS (
        SELECT segment, count(*) FILTER (WHERE side = 'old')::INTEGER AS before, count(*) FILTER (WHERE side = 'new')::INTEGER AS after
        FROM (SELECT segment, 'old' AS side FROM o UNION ALL SELECT segment, 'new' FROM n) GROUP BY segment),
      moves AS (
        SELECT segment,
          count(*) FILTER (WHERE event = 'entered')::INTEGER AS entered,
          count(*) FILTER (WHERE event = 'left')::INTEGER AS "left",
          coalesce(list(customer_id ORDER BY customer_id) FILTER (WHERE event = 'entered'), [])[1:${examples}] AS entered_examples,
          coalesce(list(customer_id ORDER BY customer_id) FILTER (WHERE event = 'left'), [])[1:${examples}] AS left_examples
        FROM events GROUP BY segment)
    SELECT segment, before, after, coalesce(entered, 0) AS entered, coalesce("left", 0) AS "left",
      {'entered': coalesce(entered_examples, []), 'left': coalesce(left_examples, [])} AS examples
    FROM sizes LEFT JOIN moves USING (segment) ORDER BY segment`,
  );

  return {
    as_of: oldReport.as_of,
    transactions: {
      compared: counts?.['compared'] ?? 0,
      only_old: counts?.['only_old'] ?? 0,
      only_new: counts?.['only_new'] ?? 0,
      changed: counts?.['changed'] ?? 0,
      merchant_changed: counts?.['merchant_changed'] ?? 0,
      category_changed: counts?.['category_changed'] ?? 0,
      top,
      examples: transactionExamples,
    },
    customers: customers ?? { old: 0, new: 0 },
    klis: kliRows.map((row) => {
      const name = names[row.i] ?? '';
      // Numeric when either version scores it: a score that went away is a change too.
      const numeric = klis.new.get(name) === 'numeric' || klis.old.get(name) === 'numeric';
      return {
        name,
        in: klis.old.has(name) ? (klis.new.has(name) ? 'both' : 'old') : 'new',
        type: numeric ? ('numeric' as const) : ('boolean' as const),
        before: row.before,
        after: row.after,
        gained: row.gained,
        lost: row.lost,
        score_changed: numeric ? row.score_changed : 0,
        examples: {
          gained: row.gained_examples,
          lost: row.lost_examples,
          score_changed: numeric ? row.score_examples : [],
        },
      };
    }),
    segments: segmentRows,
  };
}
