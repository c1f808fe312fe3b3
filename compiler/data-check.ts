import type * as A from '../language/ast.js';
import { matcherKey, type CheckedModel } from '../language/check.js';
import { makeDiagnostic, type Diagnostic } from '../language/diagnostics.js';
import type { Range } from '../language/position.js';
import { segmentConditions, segmentPairs } from '../language/segment-overlap.js';
import { compileWorkspace } from './compile.js';
import { Engine } from './duckdb.js';
import { analysisStatements, RunError } from './run.js';
import { tables } from './sql/emit.js';

/**
 * `kli check --data`: the workspace's rules against a real data sample, through the same
 * statements `kli run` executes. Merchant rules that decided no transaction, and segments whose
 * customers in the sample are all in another segment.
 */

export interface DataCheckOptions {
  workspace: string;
  transactions: string[];
  customers?: string;
  asOf?: string;
  source?: string;
}

export interface DataCheckSummary {
  transactions: number;
  /** Merchant rules of this workspace (not its dependencies) and how many decided a transaction. */
  rules: { total: number; matched: number };
  customers: number;
}

export type DataCheckResult =
  { ok: true; diagnostics: Diagnostic[]; summary: DataCheckSummary } | { ok: false; error: string };

interface Located {
  file: string;
  range: Range;
  dependency: boolean;
}

/** Each plan rule's matcher, found the way lowering builds rules: merchant, kind and pattern. */
function matcherLocations(model: CheckedModel): Map<string, Located> {
  const dependencies = new Set(model.files.filter((f) => f.isDependency).map((f) => f.path));
  const out = new Map<string, Located>();
  for (const merchant of model.merchants.values()) {
    for (const matcher of (merchant.decl as A.MerchantDecl).matchers) {
      const key = `${merchant.name}\u0000${matcher.kind}\u0000${matcherKey(matcher)}`;
      if (!out.has(key))
        out.set(key, {
          file: merchant.file,
          range: matcher.range,
          dependency: dependencies.has(merchant.file),
        });
    }
  }
  return out;
}

export async function checkData(options: DataCheckOptions): Promise<DataCheckResult> {
  const compiled = compileWorkspace(options.workspace, options.source ? { source: options.source } : {});
  if (!compiled.plan) return { ok: false, error: 'the workspace has errors; fix them first' };
  const plan = compiled.plan;
  const model = compiled.model;
  const engine = await Engine.open({ threads: 2 });
  try {
    const statements = await analysisStatements(engine, plan, options);
    for (const statement of statements) {
      try {
        await engine.exec(statement.sql);
      } catch (error) {
        throw new RunError(`${statement.phase} failed (${statement.title}): ${(error as Error).message}`);
      }
    }
    const diagnostics: Diagnostic[] = [];
    const used = new Map(
      (
        await engine.rows<{ rule_id: number; n: number }>(
          `SELECT m.rule_id, count(*)::INTEGER AS n FROM ${tables.classified} t JOIN ${tables.keyMatches} m USING (key_id) WHERE m.rule_id IS NOT NULL GROUP BY ALL`,
        )
      ).map((r) => [r.rule_id, r.n]),
    );
    const locations = matcherLocations(model);
    const rules = [
      ...plan.rules.map((r) => ({ ...r, key: `${r.merchant}\u0000${r.kind}\u0000${r.pattern}` })),
      ...plan.regexRules.map((r) => ({
        ...r,
        kind: 'regex' as const,
        key: `${r.merchant}\u0000regex\u0000${r.flags}/${r.pattern}`,
      })),
    ];
    let total = 0;
    let matched = 0;
    for (const rule of rules) {
      const location = locations.get(rule.key);
      if (!location || location.dependency) continue;
      total++;
      if (used.has(rule.id)) {
        matched++;
        continue;
      }
      diagnostics.push(
        makeDiagnostic(
          'unused-rule',
          location.file,
          location.range,
          `${rule.kind} "${rule.pattern}" of \`${rule.merchant}\` decided no transaction of the data sample`,
        ),
      );
    }
    diagnostics.push(...(await segmentsInData(engine, model)));
    const count = async (sql: string) => Number((await engine.value(sql)) ?? 0);
    return {
      ok: true,
      diagnostics,
      summary: {
        transactions: await count(`SELECT count(*) FROM ${tables.transactions}`),
        rules: { total, matched },
        customers: await count(`SELECT count(*) FROM ${tables.state}`),
      },
    };
  } catch (error) {
    if (error instanceof RunError) return { ok: false, error: error.message };
    throw error;
  } finally {
    engine.close();
  }
}

/** Standalone segments whose customers in the sample are all in another one; pairs the conditions prove are left to `kli check`. */
async function segmentsInData(engine: Engine, model: CheckedModel): Promise<Diagnostic[]> {
  const dependencies = new Set(model.files.filter((f) => f.isDependency).map((f) => f.path));
  const segments = new Map(segmentConditions(model).map((s) => [s.key, s]));
  const proven = new Set(segmentPairs(model).map((p) => `${p.small.key}|${p.large.key}`));
  const sizes = new Map(
    (
      await engine.rows<{ segment: string; n: number }>(
        `SELECT segment, count(*)::INTEGER AS n FROM ${tables.segments} WHERE segmentation IS NULL GROUP BY segment`,
      )
    ).map((r) => [r.segment, r.n]),
  );
  const overlaps = await engine.rows<{ a: string; b: string; n: number }>(
    `SELECT a.segment AS a, b.segment AS b, count(*)::INTEGER AS n FROM ${tables.segments} a JOIN ${tables.segments} b USING (customer_id) WHERE a.segment <> b.segment AND a.segmentation IS NULL AND b.segmentation IS NULL GROUP BY ALL ORDER BY a, b`,
  );
  const diagnostics: Diagnostic[] = [];
  for (const { a, b, n } of overlaps) {
    const small = segments.get(a);
    const large = segments.get(b);
    const sizeA = sizes.get(a) ?? 0;
    const sizeB = sizes.get(b) ?? 0;
    if (!small || !large || n !== sizeA) continue;
    if (dependencies.has(small.symbol.file) && dependencies.has(large.symbol.file)) continue;
    if (proven.has(`${a}|${b}`) || proven.has(`${b}|${a}`)) continue;
    const related = [{ file: large.symbol.file, range: large.symbol.range, message: `\`${b}\`` }];
    if (sizeA === sizeB) {
      if (a > b) continue; // one report per identical pair
      diagnostics.push(
        makeDiagnostic(
          'segment-identical',
          small.symbol.file,
          small.symbol.range,
          `in the data sample, \`${a}\` and \`${b}\` have the same ${sizeA} customer${sizeA === 1 ? '' : 's'}`,
          { related },
        ),
      );
    } else {
      diagnostics.push(
        makeDiagnostic(
          'segment-subset',
          small.symbol.file,
          small.symbol.range,
          `in the data sample, all ${sizeA} customer${sizeA === 1 ? '' : 's'} of \`${a}\` are in \`${b}\` (${sizeB} customers)`,
          { related },
        ),
      );
    }
  }
  return diagnostics;
}
