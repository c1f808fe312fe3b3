import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileWorkspace } from '../compiler/compile.js';
import { Engine } from '../compiler/duckdb.js';
import { generate } from '../compiler/generate/generate.js';
import type { Plan } from '../compiler/plan.js';
import { duckdb } from '../compiler/sql/dialect.js';
import { emit, tables } from '../compiler/sql/emit.js';
import { firstCharacterRanges, requiredClass, requiredLiterals } from '../compiler/sql/prefilter.js';
import { standardLibraryRoot } from '../language/workspace.js';

const shared = fileURLToPath(new URL('../../shared/data/', import.meta.url));

describe('regex prefilters: literals every match must contain', () => {
  it('finds the literal a pattern cannot match without', () => {
    expect(requiredLiterals('\\s*\\bDES:\\s*', 'g')).toEqual(['DES:']);
    expect(requiredLiterals('\\bS?[X\\d]*X{3,}[X\\d]*\\b', 'g')).toEqual(['XXX']);
    expect(requiredLiterals('\\b[\\dX]{3}[-.][\\dX]{3}', 'g')).toEqual(['-', '.']);
    expect(requiredLiterals('foo(bar)?baz', '')).toEqual(['foobarbaz', 'foobaz']);
    expect(requiredLiterals('\\s+(ID|INDN|CO ID)\\s*:.*$', 'g')).toEqual(['ID', 'INDN']);
    expect(requiredLiterals('O\\x27BRIEN', '')).toEqual(["O'BRIEN"]);
  });

  it('gives none when a match may contain no fixed text, or the pattern is not understood', () => {
    for (const pattern of ['x*', '\\d{3,}', '[^A-Z]', 'a|\\w', '(?i)abc', '\\Qab\\E', 'a{0}', '^\\s+'])
      expect(requiredLiterals(pattern, 'g'), pattern).toBeNull();
    // Too many alternatives cost more than the regex they would save.
    expect(requiredLiterals('A1|B2|C3|D4|E5|F6|G7', '')).toBeNull();
    // Options other than g and i change what a pattern means.
    expect(requiredLiterals('DES:', 'l')).toBeNull();
  });

  it('ignores letters under i, which also match other cases and the Kelvin sign', () => {
    expect(requiredLiterals('CHECK CARD', 'i')).toBeNull();
    expect(requiredLiterals('SQ \\*|PP\\*', 'i')).toEqual(['*']);
  });
});

describe('first-character prefilters: what a match of a ^ pattern can start with', () => {
  const code = (c: string) => c.codePointAt(0)!;
  it('collects the first characters, through optional parts, in code point ranges', () => {
    expect(firstCharacterRanges('^CHECKCARD\\s+(\\d{4}|X{4})\\s+', 'g')).toEqual([[67, 67]]);
    expect(firstCharacterRanges('^[\\s*#.\\/+-]+', 'g')).toEqual([
      [9, 10],
      [12, 13],
      [32, 32],
      [35, 35],
      [42, 43],
      [45, 47],
    ]);
    expect(firstCharacterRanges('^([\\dX]{4,}|[\\dX]{2}\\/[\\dX]{2})', 'g')).toEqual([
      [48, 57],
      [88, 88],
    ]);
    expect(firstCharacterRanges('^x?y*(?:z)', '')).toEqual([[120, 122]]);
    expect(firstCharacterRanges('(?:^a|\\Ab)', 'g')).toEqual([[97, 98]]);
  });

  it('counts a letter under i with every case variant RE2 folds to it', () => {
    expect(firstCharacterRanges('^k', 'i')).toEqual([
      [75, 75],
      [107, 107],
      [0x212a, 0x212a],
    ]);
    expect(firstCharacterRanges('^[r-s]', 'gi')).toEqual([
      [82, 83],
      [114, 115],
      [0x17f, 0x17f],
    ]);
    expect(firstCharacterRanges('^\u212a', 'i')).toEqual([
      [code('K'), code('K')],
      [code('k'), code('k')],
      [0x212a, 0x212a],
    ]);
    // Letters whose case variants it does not know give no prefilter.
    expect(firstCharacterRanges('^é', 'i')).toBeNull();
  });

  it('gives none unless every match starts at the start of the text with a known character', () => {
    for (const pattern of [
      'abc',
      '^\\s*',
      '^.x',
      '^[^a]',
      '^a|b',
      '(^a)+',
      '^\\Sx',
      '^[[:alpha:]]',
      '^\\pL',
      '^[\\p{Greek}x]',
      '^a{0}',
      'a^',
    ])
      expect(firstCharacterRanges(pattern, 'g'), pattern).toBeNull();
    // The m option makes ^ match after every newline.
    expect(firstCharacterRanges('^a', 'm')).toBeNull();
  });

  it('relies on RE2 folding no character but U+017F and U+212A to an ASCII letter', async () => {
    const engine = await Engine.open();
    try {
      const folded = await engine.rows<{ cp: number }>(
        `SELECT cp::INTEGER AS cp FROM range(1, 1114112) t(cp)
         WHERE (cp < 55296 OR cp > 57343) AND NOT (cp BETWEEN 65 AND 90 OR cp BETWEEN 97 AND 122)
           AND regexp_matches(chr(cp::INTEGER), '^[a-z]$', 'i')`,
      );
      expect(folded.map((r) => r.cp)).toEqual([0x17f, 0x212a]);
    } finally {
      engine.close();
    }
  }, 60_000);
});

describe('character classes: what every match needs one of, for a run of steps skipped on one test', () => {
  it('finds a digit or a non-ASCII character that no match can do without', () => {
    expect(requiredClass('\\b[A-Z]\\d{4,}\\b', 'g')).toBe('digit');
    expect(requiredClass('\\b([A-Z]*\\d){2}[A-Z\\d]{4,}\\b', 'g')).toBe('digit');
    expect(requiredClass('STORE #(1|22|[0-9]+)', 'g')).toBe('digit');
    expect(requiredClass('[ÀÁÂÃÄÅ]', 'g')).toBe('non_ascii');
    expect(requiredClass('🍕', 'g')).toBe('non_ascii');
    expect(requiredClass('Ñ|Ç', '')).toBe('non_ascii');
  });

  it('gives none when some match can lack one, or the pattern is not understood', () => {
    for (const pattern of [
      '\\d?',
      '\\d*X',
      '[\\dX]{4}',
      'a|\\d',
      '[^a-z]',
      '.',
      '\\D',
      '\\w+',
      'É{0}',
      '(?i)\\d',
    ])
      expect(requiredClass(pattern, 'g'), pattern).toBeNull();
    // Under i a non-ASCII letter also matches case variants the analysis does not know.
    expect(requiredClass('É', 'i')).toBeNull();
    expect(requiredClass('\\d', 'm')).toBeNull();
  });
});

/** Every text column of the real files in shared/data: descriptors and much else, all fair input. */
async function realTexts(engine: Engine): Promise<string[]> {
  const files = [
    'za_bank_assessment/data_transactions.csv',
    'plaid_sandbox_custom_users/plaid_sandbox_transactions.csv',
    'rules_jrstrunk_budget_parser/manual_transactions.csv',
    'rules_jrstrunk_budget_parser/rules.csv',
  ];
  const texts: string[] = [];
  for (const file of files) {
    const rows = await engine.rows<Record<string, string | null>>(
      `SELECT * FROM read_csv(${duckdb.string(join(shared, file))}, header = true, all_varchar = true)`,
    );
    for (const row of rows) for (const value of Object.values(row)) if (value !== null) texts.push(value);
  }
  return texts;
}

/** The cleanse statements, reading `kli_parsed`; `target` gets each raw descriptor's cleansed text and match key. */
async function cleanse(engine: Engine, plan: Plan, optimiseCleanse: boolean, target: string): Promise<void> {
  const statements = emit(plan, { transactions: ['in.csv'], outDir: 'out', format: 'csv', optimiseCleanse });
  for (const statement of statements.filter((s) => s.phase === 'cleanse')) await engine.exec(statement.sql);
  await engine.exec(`CREATE OR REPLACE TEMP TABLE ${target} AS SELECT * FROM ${tables.descriptors}`);
}

describe('the optimised cleanse gives the plain step-by-step result', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await Engine.open();
  });
  afterAll(() => engine.close());

  it('on real and generated descriptors, and on variants made to reach every guard', async () => {
    const generated = mkdtempSync(join(tmpdir(), 'kli-cleanse-'));
    await generate({ customers: 150, months: 12, seed: 7, out: generated });
    const real = await realTexts(engine);
    // Guards look at the first and last character, at runs of whitespace and at case: vary them.
    const edges = [
      '',
      ' ',
      '\t',
      ' SQ *BLUE BOTTLE COFFE 1234 OAKLAND CA',
      '\tNEW YORK NY',
      ' NEW YORK NY',
      ' CA',
      'FOO NEW YORK NY',
      'AB CA CA 94110-1234  ',
      'CAFÉ\u00a0DU MONDE NEW ORLEANS LA\u3000',
      'CHE\u212aCARD 0412 STAR\u212aBUCKS',
      'ſQ *JOE',
      'tst* pizza\r\n',
      'a\u000bb  c\fd',
      // first and last characters around the printable ASCII range the trim guard tests
      '!',
      '~',
      '\u007fA\u007f',
      '\u00a0NBSP\u00a0',
      'X\u2003',
      '\u2003X',
      'CAFE\u0301',
      'THUMBS 👍🏽',
      '\u200bZERO WIDTH\u200b',
      // first characters the ^ prefilters test, case variants RE2 folds included
      '0412 STARBUCKS',
      'XX/12 FOO',
      '\u017fq *joe',
      '\u212aCHECKCARD 1234 X',
      'ſp merchant',
      'pos debit - shop',
      '#123 SHOP',
      '/ SHOP',
      // the accent and emoji steps and the number-dropping steps run as blocks behind one test
      'CAFÉ 12345 PIÑA COLADA',
      'ÀÉÎÕÜÑÇ 🍕🍔 X99999',
      'JOE *AB12CD34 ÉCOLE ☕',
      'NO DIGITS HERE 🍼',
      'STORE 4411 ONLY DIGITS',
      '*12AB ½ 9',
    ];
    const variants = real.slice(0, 600).flatMap((t) => [` ${t}`, `${t}  `, t.toLowerCase(), `\t${t}\n`]);
    await engine.exec(`CREATE TEMP TABLE texts (raw_description VARCHAR)`);
    const values = [...real, ...edges, ...variants];
    for (let i = 0; i < values.length; i += 500) {
      const chunk = values.slice(i, i + 500).map((v) => `(${duckdb.string(v)})`);
      await engine.exec(`INSERT INTO texts VALUES ${chunk.join(', ')}`);
    }
    await engine.exec('CREATE TEMP TABLE sample AS SELECT * FROM texts');
    await engine.exec(
      `INSERT INTO texts SELECT description FROM read_csv(${duckdb.string(join(generated, 'transactions.csv'))}, header = true, all_varchar = true)`,
    );
    await engine.exec(
      `CREATE OR REPLACE TEMP TABLE ${tables.parsed} AS SELECT raw_description, NULL::VARCHAR AS reject_reason FROM texts`,
    );

    const plan = compileWorkspace(standardLibraryRoot()).plan;
    if (!plan) throw new Error('the standard library does not compile');
    // The comparison covers the blocks skipped on one test and the second deduplication.
    const fastSql = emit(plan, { transactions: ['in.csv'], outDir: 'out', format: 'csv' })
      .filter((s) => s.phase === 'cleanse')
      .map((s) => s.sql)
      .join('\n');
    expect(fastSql).toContain('AS kli_guard');
    expect(fastSql).toContain(
      `SELECT DISTINCT value AS raw_description, value AS d FROM ${tables.numbersDropped}`,
    );
    await cleanse(engine, plan, false, 'plain_cleanse');
    await cleanse(engine, plan, true, 'fast_cleanse');

    const count = Number(await engine.value('SELECT count(*) FROM plain_cleanse'));
    expect(count).toBeGreaterThan(20_000);
    const differences = await engine.rows(
      `SELECT * FROM (SELECT * FROM plain_cleanse EXCEPT SELECT * FROM fast_cleanse)
       UNION ALL SELECT * FROM (SELECT * FROM fast_cleanse EXCEPT SELECT * FROM plain_cleanse) LIMIT 5`,
    );
    expect(differences).toEqual([]);
    // The sample reaches the steps that do change text, so the comparison is not vacuous.
    const changed = Number(
      await engine.value('SELECT count(*) FROM plain_cleanse WHERE description <> raw_description'),
    );
    expect(changed).toBeGreaterThan(count / 2);

    // Each step alone on the raw texts too: in the library a step sees only what earlier steps
    // left (no leading space before `strip location`), but in another library it may see anything.
    await engine.exec(
      `CREATE OR REPLACE TEMP TABLE ${tables.parsed} AS SELECT raw_description, NULL::VARCHAR AS reject_reason FROM sample`,
    );
    for (const [index, step] of plan.cleanse.entries()) {
      const single = { ...plan, cleanse: [step] };
      await cleanse(engine, single, false, 'plain_step');
      await cleanse(engine, single, true, 'fast_step');
      const stepDifferences = await engine.rows(
        `SELECT * FROM (SELECT * FROM plain_step EXCEPT SELECT * FROM fast_step)
         UNION ALL SELECT * FROM (SELECT * FROM fast_step EXCEPT SELECT * FROM plain_step) LIMIT 5`,
      );
      expect(stepDifferences, `step ${index + 1}: ${step.kind} (${step.rule})`).toEqual([]);
    }
  }, 180_000);
});
