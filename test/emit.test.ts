import { describe, expect, it } from 'vitest';
import { lower } from '../compiler/lower.js';
import { emit } from '../compiler/sql/emit.js';
import { checkFiles, memoryWorkspace } from './helpers.js';

const rules = `package p
category food "Food" { category coffee "Coffee" }
list us_states { "CA" }
list us_cities { "OAKLAND" }
cleanse { uppercase strip prefix "SQ *" strip location }
merchant blue_bottle "Blue Bottle" { match prefix "BLUE BOTTLE" match contains "BLUE-BOTTLE COFFEE" category food.coffee }
merchant cafe "Cafe" { match regex /^CAFE\\b/ category food }
mcc 5814 => food.coffee
kli coffee_lover {
  window 30 days
  let cups = count(where category under food)
  when cups >= 4 and sum(amount where merchant is blue_bottle) between 60 days ago and 31 days ago < 10
  score min(cups / 10, 1)
}
segment coffee_fans { when coffee_lover action { offer "Coffee card" } }
`;

function statements() {
  const workspace = memoryWorkspace({ 'p.kli': rules });
  const { model, diagnostics } = checkFiles({ 'p.kli': rules });
  expect(diagnostics).toEqual([]);
  const plan = lower(workspace, model);
  const sql = emit(plan, { transactions: ['t.csv'], outDir: 'out', format: 'parquet' });
  return (title: string) => sql.find((s) => s.title.startsWith(title))?.sql;
}

describe('SQL emitted for DuckDB', () => {
  it('compiles cleanse steps, each with its provenance, once per distinct descriptor', () => {
    expect(statements()('each distinct descriptor')).toMatchInlineSnapshot(`
      "CREATE OR REPLACE TEMP TABLE kli_keys AS
      WITH step_0 AS (SELECT raw_description, raw_description AS d FROM (SELECT DISTINCT raw_description FROM kli_parsed))
      , step_1 AS ( -- uppercase (ws/p.kli:5)
        SELECT raw_description, upper(d) AS d FROM step_0
      )
      , step_2 AS ( -- strip prefix (ws/p.kli:5)
        SELECT raw_description, CASE WHEN ((d >= chr(9) AND d < chr(11)) OR (d >= chr(12) AND d < chr(14)) OR (d >= ' ' AND d < '!') OR (d >= 'S' AND d < 'T') OR (d >= 's' AND d < 't') OR (d >= 'ſ' AND d < 'ƀ')) AND contains(d, ' *') THEN regexp_replace(d, '^\\s*(?:(?:SQ \\*)\\s*)+', '', 'i') ELSE d END AS d FROM step_1
      )
      , step_3 AS ( -- strip location (ws/p.kli:5)
        SELECT raw_description, CASE WHEN ((d >= chr(9) AND d < chr(11)) OR (d >= chr(12) AND d < chr(14)) OR (d >= ' ' AND d < '!')) THEN regexp_replace(d, '(\\S)\\s+(?:(?:OAKLAND)\\s+)?(?:CA)(?:\\s+\\d{5}(?:-\\d{4})?)?\\s*$', '\\1', 'i') ELSE regexp_replace(d, '\\s+(?:(?:OAKLAND)\\s+)?(?:CA)(?:\\s+\\d{5}(?:-\\d{4})?)?\\s*$', '', 'i') END AS d FROM step_2
      )
      , collapsed AS (SELECT raw_description, CASE WHEN contains(d, '  ') OR contains(d, chr(9)) OR contains(d, chr(10)) OR contains(d, chr(12)) OR contains(d, chr(13)) THEN regexp_replace(d, '\\s\\s+|[\\t\\n\\r\\f]', ' ', 'g') ELSE d END AS d FROM step_3)
      , cleansed AS (SELECT raw_description, CASE WHEN (d >= '!' AND d < chr(127)) AND substring(d, -1, 1) BETWEEN '!' AND '~' THEN d ELSE trim(d) END AS description FROM collapsed)
      SELECT row_number() OVER ()::INTEGER AS key_id, raw_description AS value, description, upper(description) AS match_key FROM cleansed"
    `);
  });

  it('compiles merchant rules to data, normalized for their matcher', () => {
    expect(statements()('merchant rules as data')).toMatchInlineSnapshot(`
      "CREATE OR REPLACE TEMP TABLE kli_rules AS
      SELECT
        unnest(string_split('1|2|3', chr(124))::INTEGER[]) AS rule_id,
        unnest(string_split('prefix|contains|regex', chr(124))::VARCHAR[]) AS kind,
        unnest(string_split('BLUE BOTTLE|BLUE BOTTLE COFFEE|^CAFE\\b', chr(124))::VARCHAR[]) AS pattern,
        unnest(string_split('11|18|0', chr(124))::INTEGER[]) AS pattern_length,
        unnest(string_split('0|3|0', chr(124))::INTEGER[]) AS word_count,
        unnest(string_split('blue_bottle|blue_bottle|cafe', chr(124))::VARCHAR[]) AS merchant,
        unnest(string_split('food.coffee|food.coffee|food', chr(124))::VARCHAR[]) AS category,
        unnest(string_split('ws/p.kli:6|ws/p.kli:6|ws/p.kli:7', chr(124))::VARCHAR[]) AS rule"
    `);
  });

  it('compiles every KLI aggregate into one grouped pass of filtered aggregates', () => {
    expect(statements()('every aggregate')).toMatchInlineSnapshot(`
      "CREATE OR REPLACE TEMP TABLE kli_aggregates AS
      SELECT customer_id,
        count(*) FILTER (WHERE posted_date >= getvariable('kli_as_of') - 30 AND ("category" IN ('food', 'food.coffee'))) AS "agg_1",
        coalesce(sum("amount") FILTER (WHERE posted_date >= getvariable('kli_as_of') - 60 AND posted_date <= getvariable('kli_as_of') - 31 AND ("merchant" IN ('blue_bottle'))), 0) AS "agg_2"
      FROM kli_transactions
      WHERE posted_date <= getvariable('kli_as_of')
      GROUP BY customer_id"
    `);
  });

  it('compiles KLI flags and scores level by level', () => {
    expect(statements()('1 KLIs')).toMatchInlineSnapshot(`
      "CREATE OR REPLACE TEMP TABLE kli_customer_state AS
      WITH level_0 AS (
        SELECT c.*,
          coalesce(a."agg_1", 0) AS "agg_1",
          coalesce(a."agg_2", 0) AS "agg_2"
        FROM kli_customers c LEFT JOIN kli_aggregates a USING (customer_id)
      ),
      flags_1 AS (
        SELECT *,
          -- coffee_lover: ws/p.kli:9
          coalesce((("agg_1" >= 4) AND ("agg_2" < 10)), false) AS "kli_coffee_lover"
        FROM level_0
      ),
      level_1 AS (
        SELECT *,
          CASE WHEN "kli_coffee_lover" THEN round(coalesce(least(coalesce("agg_1" / nullif(10, 0), 0), 1), 0), 4) ELSE 0 END::DOUBLE AS "kli_coffee_lover__score"
        FROM flags_1
      )
      SELECT * FROM level_1"
    `);
  });
});

describe('collapse spaces', () => {
  it('gives exactly what replacing every whitespace run with one space gives', async () => {
    const { Engine } = await import('../compiler/duckdb.js');
    const engine = await Engine.open();
    try {
      const samples = ['A B', 'A  B', 'A\tB', 'A \t\n B', ' A ', 'AB', '', 'A\r\nB  C\fD', '  '];
      const rows = await engine.rows<{ same: boolean }>(
        `SELECT regexp_replace(s, '\\s+', ' ', 'g') = regexp_replace(s, '\\s\\s+|[\\t\\n\\r\\f]', ' ', 'g') AS same FROM unnest([${samples.map((s) => `'${s}'`).join(', ')}]) AS t(s)`,
      );
      expect(rows.map((r) => r.same)).toEqual(samples.map(() => true));
    } finally {
      engine.close();
    }
  });
});

describe('constant tables', () => {
  it.each([
    ['as literals', false],
    ['bound as parameters', true],
  ])(
    'hold exactly the rules, whatever characters the patterns use and with or without a category (%s)',
    async (_, bindConstants) => {
      // Patterns with every character a column of constants can be joined by, one with all of them
      // (that column falls back to a list literal), a quote, and merchants without a category.
      const patterns = ['A|B', 'C~D', 'E`F', 'G^H', "O'BRIEN", '|~`^\x1f\x1e\x1d\x1c', 'PLAIN'];
      const merchants = patterns.map(
        (p, i) =>
          `merchant m${i} "M ${i}" { match exact "${p.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"${i % 2 ? ' category food' : ''} }`,
      );
      const source = `package p\ncategory food "Food"\nmcc 5814 => food\n${merchants.join('\n')}\n`;
      const workspace = memoryWorkspace({ 'p.kli': source });
      const { model, diagnostics } = checkFiles({ 'p.kli': source });
      expect(diagnostics).toEqual([]);
      const plan = lower(workspace, model);
      const sql = emit(plan, { transactions: ['t.csv'], outDir: 'out', format: 'parquet', bindConstants });
      const tables = sql.filter((s) => s.title.startsWith('merchant rules') || s.title.startsWith('MCC'));
      // Bound, each of the eight columns is a parameter but the one that falls back to a list literal.
      expect(tables[0]?.params?.length ?? 0).toBe(bindConstants ? 7 : 0);
      const { Engine } = await import('../compiler/duckdb.js');
      const engine = await Engine.open();
      try {
        for (const s of tables) await engine.exec(s.sql, s.params);
        const rows = await engine.rows(
          'SELECT rule_id, kind, pattern, merchant, category, rule FROM kli_rules ORDER BY rule_id',
        );
        expect(rows).toEqual(
          plan.rules.map((r) => ({
            rule_id: r.id,
            kind: r.kind,
            pattern: r.pattern,
            merchant: r.merchant,
            category: r.category,
            rule: r.rule,
          })),
        );
        expect(rows.map((r) => r['pattern'])).toEqual(patterns);
        expect(rows.filter((r) => r['category'] === null)).toHaveLength(4);
        expect(await engine.rows('SELECT mcc::INTEGER AS mcc, category FROM kli_mcc_map')).toEqual([
          { mcc: 5814, category: 'food' },
        ]);
      } finally {
        engine.close();
      }
    },
  );
});
