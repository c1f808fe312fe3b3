import type { AggregatePlan, CleanseStepPlan, KliPlan, Plan, PlanExpr, SegmentPlan } from '../plan.js';
import { duckdb, escapeRegex, type SqlDialect } from './dialect.js';
import { type CharacterClass, firstCharacterRanges, requiredClass, requiredLiterals } from './prefilter.js';

/**
 * Whitespace runs to one space. Same result as replacing `\s+`, 3.5× faster on real descriptors:
 * most spaces are single and already right, so only runs of two or more (or a tab, a newline) match.
 */
const collapseSpaces = '\\s\\s+|[\\t\\n\\r\\f]';

export type Phase = 'read' | 'cleanse' | 'classify' | 'klis' | 'segments' | 'write';

export interface Statement {
  phase: Phase;
  /** One line for people: what this statement does. */
  title: string;
  sql: string;
  /** Values of `$1`, `$2`, …, when the statement was emitted with `bindConstants`. */
  params?: string[];
}

export interface EmitOptions {
  transactions: string[];
  customers?: string;
  /** Input format; by default from the first path's extension. */
  inputFormat?: 'csv' | 'parquet';
  /** Where outputs go. The runner points this at a temporary folder and swaps it in at the end. */
  outDir: string;
  format: 'csv' | 'parquet';
  /** YYYY-MM-DD; by default the latest posted date in the data. */
  asOf?: string;
  /** Whether to add the COPY statements; tests read the tables instead. */
  writeOutputs?: boolean;
  /** false: each cleanse step in its plain form, without prefilters (the reference the tests compare with). */
  optimiseCleanse?: boolean;
  /**
   * Fill the per-transaction columns into the typed table in place, rather than copy the typed rows
   * into a new table with them: a third faster, but DuckDB keeps an update's new values in memory
   * and cannot spill them, so the runner asks for it only when they fit (run.ts). Off by default.
   */
  classifyInPlace?: boolean;
  /**
   * The long string constants of the rule tables as parameters (`Statement.params`) instead of SQL
   * literals: DuckDB parses a long literal slowly (std's rules, 0.5 MB of SQL: 53 ms in a fresh
   * connection, 17 ms bound). For the runner; a script (`scriptText`) needs them inline. Off by default.
   */
  bindConstants?: boolean;
}

/** Internal tables and columns carry a `kli_`, `agg_`, `attr_` prefix so no user name can collide. */
export const tables = {
  parsed: 'kli_parsed',
  rejects: 'kli_rejects',
  csvRejects: 'kli_csv_rejects',
  csvScans: 'kli_csv_scans',
  descriptors: 'kli_descriptors',
  numbersDropped: 'kli_numbers_dropped',
  keys: 'kli_keys',
  rawKeys: 'kli_raw_keys',
  rules: 'kli_rules',
  mccRules: 'kli_mcc_rules',
  mccMap: 'kli_mcc_map',
  keyMatches: 'kli_key_matches',
  matches: 'kli_descriptor_matches',
  classified: 'kli_classified',
  classes: 'kli_classes',
  transactions: 'kli_transactions',
  customers: 'kli_customers',
  aggregates: 'kli_aggregates',
  state: 'kli_customer_state',
  segments: 'kli_segments',
} as const;

const create = (table: string) => `CREATE OR REPLACE TEMP TABLE ${table} AS`;
const view = (name: string) => `CREATE OR REPLACE TEMP VIEW ${name} AS`;

/** A value in a constant table the script builds (rules, MCC ranges). */
type Constant = string | number | null;

/** What joins a column of constants into one string literal: the first that no value contains. */
const separators = ['|', '~', '`', '^', '\x1f', '\x1e', '\x1d', '\x1c'];

export function outputPaths(outDir: string, format: 'csv' | 'parquet') {
  return {
    transactions: `${outDir}/transactions.${format}`,
    customerKlis: `${outDir}/customer_klis.${format}`,
    segments: `${outDir}/segments.${format}`,
    rejects: `${outDir}/rejects.csv`,
    audiences: `${outDir}/audiences`,
  };
}

/**
 * The words `contains` rules look for in a match key: its runs of letters and digits, apostrophes
 * dropped first (`MCDONALD'S` is `MCDONALDS`). Computed only where exact and prefix rules found nothing.
 */
export function descriptorWords(matchKey: string): string {
  return `list_filter(string_split_regex(replace(${matchKey}, '''', ''), '[^A-Z0-9]+'), w -> w <> '')`;
}

type RegexStep = Extract<CleanseStepPlan, { kind: 'strip_prefix' | 'strip_suffix' | 'replace' }>;

/** The regex replace that a strip or replace step is. */
function stepRegex(step: RegexStep): { pattern: string; replacement: string; flags: string } {
  switch (step.kind) {
    case 'strip_prefix':
      return {
        pattern: `^\\s*(?:(?:${step.values.map(escapeRegex).join('|')})\\s*)+`,
        replacement: '',
        flags: 'i',
      };
    case 'strip_suffix':
      return {
        pattern: `(?:\\s*(?:${step.values.map(escapeRegex).join('|')}))+\\s*$`,
        replacement: '',
        flags: 'i',
      };
    case 'replace':
      return { pattern: step.pattern, replacement: step.replacement, flags: `g${step.flags}` };
  }
}

/** The class of characters a step's every match needs, if it is a regex step and one is provable. */
function requiredClassOf(step: CleanseStepPlan): CharacterClass | null {
  if (step.kind !== 'strip_prefix' && step.kind !== 'strip_suffix' && step.kind !== 'replace') return null;
  const { pattern, flags } = stepRegex(step);
  return requiredClass(pattern, flags);
}

/** Turns a plan into one standalone DuckDB script, statement by statement. */
export function emit(plan: Plan, options: EmitOptions, dialect: SqlDialect = duckdb): Statement[] {
  return new Emitter(plan, options, dialect).statements();
}

export function scriptText(plan: Plan, statements: Statement[]): string {
  const header = [
    `-- kli: ${plan.workspace.name} ${plan.workspace.version}, compiled to DuckDB SQL.`,
    '-- Runs by itself in the duckdb shell: duckdb < run.sql',
    '-- Phases: read → cleanse → classify → KLIs (one grouped pass) → segments → write.',
    '',
  ];
  if (statements.some((s) => s.params?.length))
    throw new Error('a script needs its constants inline: emit it without bindConstants');
  const body = statements.map((s) => `-- ${s.phase}: ${s.title}\n${s.sql};\n`);
  return header.join('\n') + body.join('\n');
}

class Emitter {
  private readonly q: SqlDialect;

  constructor(
    private readonly plan: Plan,
    private readonly options: EmitOptions,
    dialect: SqlDialect,
  ) {
    this.q = dialect;
  }

  private id(name: string): string {
    return this.q.identifier(name);
  }

  private str(value: string): string {
    return this.q.string(value);
  }

  statements(): Statement[] {
    const out: Statement[] = [
      ...this.read(),
      ...this.cleanse(),
      ...this.classify(),
      ...this.customers(),
      this.aggregates(),
      this.klis(),
      this.segments(),
    ];
    if (this.options.writeOutputs !== false) out.push(...this.writes());
    return out;
  }

  // read

  private inputFormat(): 'csv' | 'parquet' {
    if (this.options.inputFormat) return this.options.inputFormat;
    return /\.parquet$/i.test(this.options.transactions[0] ?? '') ? 'parquet' : 'csv';
  }

  private read(): Statement[] {
    const source = this.plan.source;
    const reader =
      this.inputFormat() === 'parquet'
        ? this.q.readParquet(this.options.transactions)
        : this.q.readCsv(this.options.transactions, {
            delimiter: source.delimiter,
            rejectsTable: tables.csvRejects,
            rejectsScan: tables.csvScans,
          });
    const column = (name: keyof typeof source.columns) => {
      if (name === 'customer_id' && source.customer !== null) return this.str(source.customer);
      const mapped = source.columns[name];
      return mapped ? `CAST(${this.id(mapped)} AS VARCHAR)` : 'NULL::VARCHAR';
    };
    let amount = `trim(${this.id('amount_text')})`;
    // Currency symbols and spaces go; "1.234,56" reads as 1234.56 when the source says `decimal ","`.
    amount = `regexp_replace(${amount}, '[$£€\\s]', '', 'g')`;
    amount = source.decimalComma
      ? `replace(replace(${amount}, '.', ''), ',', '.')`
      : `replace(${amount}, ',', '')`;
    amount = `CASE WHEN ${amount} LIKE '(%)' THEN '-' || trim(${amount}, '()') ELSE ${amount} END`;
    const dateText = `trim(${this.id('posted_date_text')})`;
    const date = source.dateFormat
      ? `try_strptime(${dateText}, ${this.str(source.dateFormat)})::DATE`
      : `coalesce(TRY_CAST(${dateText} AS DATE), TRY_CAST(TRY_CAST(${dateText} AS TIMESTAMP) AS DATE))`;
    const sign = source.creditPositive ? '-' : '';
    const asOf = this.options.asOf
      ? `DATE ${this.str(this.options.asOf)}`
      : `(SELECT max(posted_date) FROM ${tables.parsed})`;
    const quoted = (name: string) => `coalesce('"' || ${this.id(name)} || '"', '(empty)')`;
    const textColumns = ['txn_id', 'customer_id', 'posted_date', 'amount', 'description', 'mcc']
      .map((c) => `${c}_text`)
      .join(', ');
    // One statement from the file to typed rows: no text copy of the input is kept, and the reader stays
    // parallel. A row's number in the file is the typed table's rowid + 1 (insertion order is preserved), so
    // it is looked up where needed (rejects, missing txn_id) instead of numbering every row with a window,
    // which would run the whole read on one thread.
    return [
      {
        phase: 'read',
        title: `every input row, typed into canonical columns${source.name ? ` (source ${source.name})` : ''}; a row that cannot be read gets a reason`,
        sql: [
          `CREATE OR REPLACE TEMP TABLE ${tables.parsed} AS`,
          `WITH raw AS (`,
          `  SELECT`,
          `    ${column('txn_id')} AS txn_id_text,`,
          `    ${column('customer_id')} AS customer_id_text,`,
          `    ${column('posted_date')} AS posted_date_text,`,
          `    ${column('amount')} AS amount_text,`,
          `    ${column('description')} AS description_text,`,
          `    ${column('mcc')} AS mcc_text`,
          `  FROM ${reader}`,
          `), typed AS (`,
          `  SELECT *,`,
          `    nullif(trim(txn_id_text), '') AS txn_id,`,
          `    nullif(trim(customer_id_text), '') AS customer_id,`,
          `    ${date} AS posted_date,`,
          `    TRY_CAST(${amount} AS DECIMAL(18, 2)) AS amount_value,`,
          `    coalesce(description_text, '') AS raw_description,`,
          `    TRY_CAST(nullif(trim(mcc_text), '') AS INTEGER) AS mcc`,
          `  FROM raw`,
          `), checked AS (`,
          `SELECT txn_id, customer_id, posted_date, ${sign}amount_value AS amount, raw_description, mcc,`,
          `  CASE`,
          `    WHEN customer_id IS NULL THEN 'missing customer_id'`,
          `    WHEN posted_date IS NULL THEN 'unreadable posted_date ' || ${quoted('posted_date_text')}`,
          `    WHEN amount_value IS NULL THEN 'unreadable amount ' || ${quoted('amount_text')}`,
          `    WHEN mcc IS NULL AND nullif(trim(mcc_text), '') IS NOT NULL THEN 'unreadable mcc ' || ${quoted('mcc_text')}`,
          `  END AS reject_reason,`,
          `  txn_id_text, customer_id_text, posted_date_text, amount_text, description_text, mcc_text`,
          `FROM typed`,
          `)`,
          // The text as read is kept for the rejects file only: on readable rows it would double the table.
          `SELECT * REPLACE (${['txn_id', 'customer_id', 'posted_date', 'amount', 'description', 'mcc'].map((c) => `CASE WHEN reject_reason IS NOT NULL THEN ${c}_text END AS ${c}_text`).join(', ')})`,
          `FROM checked`,
        ].join('\n'),
      },
      {
        phase: 'read',
        title: 'rows that cannot be read, with their number in the input and the text as read',
        sql: `CREATE OR REPLACE TEMP TABLE ${tables.rejects} AS\nSELECT rowid + 1 AS kli_row, reject_reason, ${textColumns}\nFROM ${tables.parsed} WHERE reject_reason IS NOT NULL`,
      },
      {
        // The typed table keeps readable rows only, so later joins see its true size (a filter on it
        // would make the planner guess a fifth, and build its hash tables on the big side).
        phase: 'read',
        title: 'the typed table keeps the readable rows',
        sql: `DELETE FROM ${tables.parsed} WHERE reject_reason IS NOT NULL`,
      },
      {
        phase: 'read',
        title: 'as_of: the run date every window counts back from',
        sql: `SET VARIABLE kli_as_of = ${asOf}`,
      },
    ];
  }

  // cleanse

  /**
   * One cleanse step. Unless `optimiseCleanse` is false, each step skips the work where it provably
   * changes nothing (same result, tested against the plain form in test/cleanse-optimise.test.ts).
   */
  private cleanseStep(step: CleanseStepPlan, d: string, guard?: string): string {
    const optimise = this.options.optimiseCleanse !== false;
    switch (step.kind) {
      case 'uppercase':
        return `upper(${d})`;
      case 'trim':
        // trim() copies every string; most have nothing to trim. It removes only whitespace, never
        // a printable ASCII character (33–126), so a value that starts and ends with one is kept.
        // Tested byte-wise: ascii() and right() read the whole string, substring(d, -1, 1) only its end.
        return optimise
          ? `CASE WHEN ${this.startsWithin(d, [[33, 126]])} AND substring(${d}, -1, 1) BETWEEN '!' AND '~' THEN ${d} ELSE trim(${d}) END`
          : `trim(${d})`;
      case 'collapse_spaces': {
        const collapse = this.q.regexReplace(d, collapseSpaces, ' ', 'g');
        // \s is [\t\n\f\r ]: without a control character, a run of two is two spaces.
        const controls = [9, 10, 12, 13].map((code) => `contains(${d}, chr(${code}))`).join(' OR ');
        return optimise
          ? `CASE WHEN contains(${d}, '  ') OR ${controls} THEN ${collapse} ELSE ${d} END`
          : collapse;
      }
      case 'strip_prefix':
      case 'strip_suffix':
      case 'replace': {
        const { pattern, replacement, flags } = stepRegex(step);
        return this.prefiltered(d, pattern, replacement, flags, optimise, guard);
      }
      case 'strip_location': {
        // Longest cities first, so `NEW YORK` is tried before `YORK`.
        const cities = [...step.cities].sort((a, b) => b.length - a.length).map(escapeRegex);
        const city = cities.length ? `(?:(?:${cities.join('|')})\\s+)?` : '';
        const states = step.states.map(escapeRegex).join('|');
        if (!states) return d;
        const tail = `\\s+${city}(?:${states})(?:\\s+\\d{5}(?:-\\d{4})?)?\\s*$`;
        const plain = this.q.regexReplace(d, `(\\S)${tail}`, '\\1', 'i');
        if (!optimise) return plain;
        // The capture forces RE2 off its DFA (7× slower on the city alternation). Without it the
        // leftmost match starts one character later, at the whitespace after that \S, so dropping
        // the match keeps the same text; the one case that differs, a value starting with
        // whitespace, keeps the plain form.
        const startsWithSpace = this.startsWithin(d, [
          [9, 10],
          [12, 13],
          [32, 32],
        ]);
        return `CASE WHEN ${startsWithSpace} THEN ${plain} ELSE ${this.q.regexReplace(d, tail, '', 'i')} END`;
      }
    }
  }

  /** Whether `d` holds a character of the class (non-ASCII text has more bytes than characters). */
  private hasCharacter(d: string, characters: CharacterClass): string {
    return characters === 'non_ascii' ? `strlen(${d}) <> length(${d})` : this.q.regexMatches(d, '[0-9]', '');
  }

  /** A regex test, tried only on values that contain a literal every match needs. */
  private regexTest(subject: string, pattern: string, flags: string): string {
    const literals = requiredLiterals(pattern, flags);
    const test = this.q.regexMatches(subject, pattern, flags);
    if (!literals) return test;
    return `(${literals.map((literal) => `contains(${subject}, ${this.str(literal)})`).join(' OR ')}) AND ${test}`;
  }

  /**
   * Whether the first character of `d` is in one of the code point ranges, by string comparison:
   * UTF-8 sorts bytes in code point order, and a comparison looks at the first bytes only, where
   * `ascii(d)` first reads the whole string. (Ranges, not an IN list, which DuckDB would plan as a join.)
   */
  private startsWithin(d: string, ranges: [number, number][]): string {
    const char = (point: number) =>
      point >= 32 && point !== 127 && (point < 0xd800 || point > 0xdfff)
        ? this.str(String.fromCodePoint(point))
        : `chr(${point})`;
    const tests = ranges.map(([from, to]) => {
      // chr() of a surrogate is an error: a range that ends just below them is closed by the next character.
      const above = to + 1 === 0xd800 ? 0xe000 : to + 1;
      const below = above > 0x10ffff ? null : `${d} < ${char(above)}`;
      const atLeast = from === 0 ? null : `${d} >= ${char(from)}`;
      return [atLeast, below].filter(Boolean).join(' AND ') || 'true';
    });
    return `(${tests.map((t) => (tests.length > 1 ? `(${t})` : t)).join(' OR ')})`;
  }

  /**
   * A regex replace, run only where the value can match: a literal every match needs is present, or
   * the first character is one a match of a `^` pattern can start with, or else `regexp_matches`
   * finds a match (a scan without the copy `regexp_replace` makes of every value, matched or not).
   */
  private prefiltered(
    d: string,
    pattern: string,
    replacement: string,
    flags: string,
    optimise: boolean,
    guard?: string,
  ): string {
    const replaced = this.q.regexReplace(d, pattern, replacement, flags);
    if (!optimise) return replaced;
    const literals = requiredLiterals(pattern, flags);
    const first = firstCharacterRanges(pattern, flags);
    const before = [guard, first && this.startsWithin(d, first)].filter(Boolean);
    const contains = literals?.map((literal) => `contains(${d}, ${this.str(literal)})`);
    const test = contains
      ? contains.length > 1 && before.length
        ? `(${contains.join(' OR ')})`
        : contains.join(' OR ')
      : this.q.regexMatches(d, pattern, flags.replace('g', ''));
    return `CASE WHEN ${[...before, test].join(' AND ')} THEN ${replaced} ELSE ${d} END`;
  }

  /**
   * Each distinct raw descriptor once through the cleanse steps. What comes out is a numbered key per
   * distinct cleansed value (kli_keys: its text and match key) and each raw descriptor's key number
   * (kli_raw_keys): a transaction then carries one number, not its cleansed text.
   */
  private cleanse(): Statement[] {
    const distinctRaw = `(SELECT DISTINCT raw_description FROM ${tables.parsed})`;
    // A run of two or more steps whose matches all need a character of one class (accented letters
    // and emoji need a non-ASCII one, the number-dropping steps a digit) is skipped on one test of
    // the value as the run begins: without such a character no step of the run matches, so none
    // changes the value, and the answer holds to the end of the run.
    const classes = this.plan.cleanse.map((step) =>
      this.options.optimiseCleanse !== false ? requiredClassOf(step) : null,
    );
    const guarded = (i: number) =>
      classes[i] !== null && (classes[i - 1] === classes[i] || classes[i + 1] === classes[i]);
    // Store numbers, dates and references are what make raw descriptors distinct. After the last
    // step that needs a digit (the numbers are gone) the values are deduplicated again, so the steps
    // after it run once per distinct value left (at 1M generated rows, 617k raw descriptors are 149k
    // after std's number steps), and those values are the keys. Worth it only with several steps
    // still to run. (A run of guarded steps never spans the split: the step after it needs no digit.)
    const lastDigitStep = classes.lastIndexOf('digit');
    const split =
      lastDigitStep >= 0 && this.plan.cleanse.length - lastDigitStep > 3 ? lastDigitStep + 1 : null;
    const steps = (from: number, to: number) =>
      this.plan.cleanse.slice(from, to).flatMap((step, offset) => {
        const index = from + offset;
        const runStarts = guarded(index) && classes[index - 1] !== classes[index];
        const runGoesOn = guarded(index) && classes[index + 1] === classes[index];
        const source = runStarts
          ? `(SELECT *, ${this.hasCharacter('d', classes[index]!)} AS kli_guard FROM step_${index})`
          : `step_${index}`;
        const d = this.cleanseStep(step, 'd', guarded(index) ? 'kli_guard' : undefined);
        return [
          `, step_${index + 1} AS ( -- ${step.kind.replace('_', ' ')} (${step.rule})`,
          `  SELECT raw_description, ${d} AS d${runGoesOn ? ', kli_guard' : ''} FROM ${source}`,
          ')',
        ];
      });
    const statements: Statement[] = [];
    const first = split ?? 0;
    if (split !== null)
      statements.push({
        phase: 'cleanse',
        title: 'each distinct descriptor once, through the cleanse steps up to the last that drops numbers',
        sql: [
          create(tables.numbersDropped),
          `WITH step_0 AS (SELECT raw_description, raw_description AS d FROM ${distinctRaw})`,
          ...steps(0, split),
          `SELECT raw_description, d AS value FROM step_${split}`,
        ].join('\n'),
      });
    // From here on raw_description holds the value the steps so far made, each once.
    const start =
      split === null
        ? `SELECT raw_description, raw_description AS d FROM ${distinctRaw}`
        : `SELECT DISTINCT value AS raw_description, value AS d FROM ${tables.numbersDropped}`;
    const last = `step_${this.plan.cleanse.length}`;
    // kli's own finish, collapse then trim, leaves alone what the steps already left collapsed and
    // trimmed: both are idempotent, and trimming the ends of collapsed text leaves it collapsed.
    const kinds = this.plan.cleanse.map((step) => step.kind).join(' ');
    const finished = this.options.optimiseCleanse !== false && /(^| )collapse_spaces( trim)?$/.test(kinds);
    const finish = (kind: 'collapse_spaces' | 'trim') =>
      finished && (kind === 'collapse_spaces' || kinds.endsWith('trim'))
        ? 'd'
        : this.cleanseStep({ kind, rule: 'kli' }, 'd');
    statements.push({
      phase: 'cleanse',
      title:
        split === null
          ? 'each distinct descriptor once, through the ordered cleanse steps, numbered'
          : 'each distinct value left once, through the remaining cleanse steps, numbered',
      sql: [
        create(tables.keys),
        `WITH step_${first} AS (${start})`,
        ...steps(first, this.plan.cleanse.length),
        `, collapsed AS (SELECT raw_description, ${finish('collapse_spaces')} AS d FROM ${last})`,
        `, cleansed AS (SELECT raw_description, ${finish('trim')} AS description FROM collapsed)`,
        `SELECT row_number() OVER ()::INTEGER AS key_id, raw_description AS value, description, upper(description) AS match_key FROM cleansed`,
      ].join('\n'),
    });
    statements.push({
      phase: 'cleanse',
      title: "each distinct descriptor with its key's number",
      sql: [
        create(tables.rawKeys),
        split === null
          ? `SELECT value AS raw_description, key_id FROM ${tables.keys}`
          : `SELECT n.raw_description, k.key_id FROM ${tables.numbersDropped} n JOIN ${tables.keys} k ON k.value IS NOT DISTINCT FROM n.value`,
      ].join('\n'),
    });
    if (split !== null)
      statements.push({
        phase: 'cleanse',
        title: `${tables.numbersDropped} is no longer needed: free its memory`,
        sql: `DROP TABLE ${tables.numbersDropped}`,
      });
    statements.push({
      phase: 'cleanse',
      title: 'each distinct descriptor with its cleansed text and match key (a view, for analyses)',
      sql: [
        view(tables.descriptors),
        `SELECT r.raw_description, k.description, k.match_key FROM ${tables.rawKeys} r JOIN ${tables.keys} k USING (key_id)`,
      ].join('\n'),
    });
    return statements;
  }

  // classify

  /**
   * A constant table; `columns` are `name TYPE`, so an empty one still has its types. With
   * `bindConstants`, its long strings are added to `params` and the SQL refers to them.
   */
  private values(rows: Constant[][], columns: string[], params: string[]): string {
    const typed = columns.map((c) => c.split(' ') as [string, string]);
    if (rows.length === 0)
      return `SELECT ${typed.map(([name, type]) => `NULL::${type} AS ${name}`).join(', ')} WHERE false`;
    const lists = typed.map(
      ([name, type], i) =>
        `  unnest(${this.constantList(
          rows.map((r) => r[i] ?? null),
          type,
          params,
        )}) AS ${name}`,
    );
    return `SELECT\n${lists.join(',\n')}`;
  }

  /**
   * A column of constants as one list. DuckDB binds a list literal of thousands of elements slowly
   * (std's 5,000 rules: ~250 ms), but splits one string literal in a few: the values joined by a
   * character none of them contains, a NULL written as another.
   */
  private constantList(values: Constant[], type: string, params: string[]): string {
    const texts = values.map((v) => (v === null ? null : String(v)));
    const [separator, nullMark] = separators.filter((c) => texts.every((t) => t === null || !t.includes(c)));
    if (separator === undefined || nullMark === undefined)
      return `[${values.map((v) => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : this.str(v))).join(', ')}]::${type}[]`;
    const code = (c: string) => `chr(${c.charCodeAt(0)})`;
    const joined = texts.map((t) => t ?? nullMark).join(separator);
    const constant = this.options.bindConstants ? `$${params.push(joined)}` : this.str(joined);
    let list = `string_split(${constant}, ${code(separator)})`;
    if (texts.includes(null)) list = `list_transform(${list}, v -> nullif(v, ${code(nullMark)}))`;
    return `${list}::${type}[]`;
  }

  private classify(): Statement[] {
    const rules: Constant[][] = this.plan.rules.map((r) => [
      r.id,
      r.kind,
      r.pattern,
      [...r.pattern].length,
      r.kind === 'contains' ? r.pattern.split(' ').length : 0,
      r.merchant,
      r.category,
      r.rule,
    ]);
    const regexRules: Constant[][] = this.plan.regexRules.map((r) => [
      r.id,
      'regex',
      r.pattern,
      0,
      0,
      r.merchant,
      r.category,
      r.rule,
    ]);
    const ruleColumns = [
      'rule_id INTEGER',
      'kind VARCHAR',
      'pattern VARCHAR',
      'pattern_length INTEGER',
      'word_count INTEGER',
      'merchant VARCHAR',
      'category VARCHAR',
      'rule VARCHAR',
    ];
    const mccRows: Constant[][] = this.plan.mcc.map((m) => [m.low, m.high, m.category, m.rule]);
    const ruleParams: string[] = [];
    const mccParams: string[] = [];
    const bound = (params: string[]) => (params.length ? { params } : {});
    return [
      {
        phase: 'classify',
        title: `merchant rules as data: ${this.plan.rules.length} exact/prefix/contains patterns and ${this.plan.regexRules.length} regexes`,
        sql: `CREATE OR REPLACE TEMP TABLE ${tables.rules} AS\n${this.values([...rules, ...regexRules], ruleColumns, ruleParams)}`,
        ...bound(ruleParams),
      },
      {
        phase: 'classify',
        title: 'MCC fallback: each code to the category of the narrowest rule that covers it',
        sql: [
          `CREATE OR REPLACE TEMP TABLE ${tables.mccMap} AS`,
          `WITH rules AS (${this.values(mccRows, ['low INTEGER', 'high INTEGER', 'category VARCHAR', 'rule VARCHAR'], mccParams)}),`,
          `codes AS (SELECT unnest(range(low, high + 1)) AS mcc, high - low AS width, category, rule FROM rules)`,
          `SELECT mcc, arg_min(category, width) AS category, arg_min(rule, width) AS rule FROM codes GROUP BY mcc`,
        ].join('\n'),
        ...bound(mccParams),
      },
      ...this.matchAndJoin(),
    ];
  }

  /**
   * Matching on distinct match keys, then every transaction joined to its descriptor's key. The
   * per-transaction table keeps the key's number only, not its cleansed text, rule, merchant or
   * category: writing those into every row cost more than the matching (at 10M rows, 3.7–4.4 s for
   * the text and rule number against 2.4 s for the key number). A view puts them back from two small
   * tables: each key's text and rule, and the (rule, MCC) pairs that occur.
   */
  private matchAndJoin(): Statement[] {
    const matchTitle =
      'match: exact > longest prefix > longest whole-word contains > regex in order, by joins on distinct descriptors';
    // A contains rule matches where its words follow one another in the descriptor's words: each
    // word position with the words after it, joined on the first word and checked on the rest.
    const longest = Math.max(
      1,
      ...this.plan.rules.filter((r) => r.kind === 'contains').map((r) => r.pattern.split(' ').length),
    );
    const positions = Array.from({ length: longest }, (_, k) =>
      k === 0 ? 'unnest(words) AS w1' : `unnest(words[${k + 1}:]) AS w${k + 1}`,
    ).join(', ');
    const sameWords = Array.from({ length: longest }, (_, k) =>
      k === 0 ? 'r.words[1] = p.w1' : `(len(r.words) < ${k + 1} OR r.words[${k + 1}] = p.w${k + 1})`,
    ).join(' AND ');
    const regexCase = this.plan.regexRules.length
      ? `CASE\n${this.plan.regexRules.map((r) => `      WHEN ${this.regexTest('d.match_key', r.pattern, r.flags)} THEN ${r.id}`).join('\n')}\n    END`
      : 'NULL::INTEGER';
    const ctes = [
      // A rule sees only the match key, so each distinct key is matched once (at 10M rows, 5.8M
      // descriptors are 0.57M keys), numbered so the joins below carry a number, not the text.
      // Materialised: row_number() must number the keys once for every reference below.
      `WITH descriptors AS MATERIALIZED (`,
      `  SELECT row_number() OVER () AS descriptor_id, match_key FROM (SELECT DISTINCT match_key FROM ${tables.keys})`,
      `), exact AS MATERIALIZED (`,
      `  SELECT d.descriptor_id, r.rule_id, 1 AS tier, r.pattern_length AS strength`,
      `  FROM descriptors d JOIN ${tables.rules} r ON r.kind = 'exact' AND r.pattern = d.match_key`,
      // Prefix rules by hash joins on the descriptor's first characters: patterns of 8 or more
      // characters on the first 8, of 4 to 7 on the first 4, shorter ones on their whole length;
      // starts_with() then checks the rest. Each descriptor meets a handful of candidates (a sort
      // for one ASOF join over all descriptors cost more).
      `), prefix_patterns AS (`,
      `  SELECT pattern, min(rule_id) AS rule_id, any_value(pattern_length) AS pattern_length, length(pattern) AS chars FROM ${tables.rules} WHERE kind = 'prefix' GROUP BY pattern`,
      `), prefix AS MATERIALIZED (`,
      [
        ...[1, 2, 3].map((n) => `p.chars = ${n} AND left(d.match_key, ${n}) = p.pattern`),
        'p.chars BETWEEN 4 AND 7 AND left(d.match_key, 4) = left(p.pattern, 4) AND starts_with(d.match_key, p.pattern)',
        'p.chars >= 8 AND left(d.match_key, 8) = left(p.pattern, 8) AND starts_with(d.match_key, p.pattern)',
      ]
        .map(
          (on) =>
            `  SELECT d.descriptor_id, p.rule_id, 2 AS tier, p.pattern_length AS strength FROM descriptors d JOIN prefix_patterns p ON ${on}`,
        )
        .join('\n  UNION ALL\n'),
      // A tier only decides where the tiers above it found nothing, so contains and regex rules
      // run on the descriptors no exact or prefix rule matched (materialised, so the regex
      // filter is not pushed below the anti join onto every descriptor).
      `), unmatched AS MATERIALIZED (`,
      `  SELECT d.descriptor_id, d.match_key, ${descriptorWords('d.match_key')} AS words FROM descriptors d`,
      `  ANTI JOIN (SELECT descriptor_id FROM exact UNION ALL SELECT descriptor_id FROM prefix) m USING (descriptor_id)`,
      `), positions AS (SELECT descriptor_id, ${positions} FROM unmatched`,
      `), contains_rules AS (`,
      `  SELECT rule_id, pattern_length, string_split(pattern, ' ') AS words FROM ${tables.rules} WHERE kind = 'contains'`,
      `), contains AS (`,
      `  SELECT p.descriptor_id, r.rule_id, 3 AS tier, r.pattern_length AS strength`,
      `  FROM positions p JOIN contains_rules r ON ${sameWords}`,
      `), regex AS (`,
      `  SELECT descriptor_id, rule_id, 4 AS tier, 0 AS strength FROM (`,
      `    SELECT d.descriptor_id, ${regexCase} AS rule_id`,
      `    FROM unmatched d ANTI JOIN contains m USING (descriptor_id)`,
      `  ) WHERE rule_id IS NOT NULL`,
      // The winner is the least (tier, -strength, rule_id), packed into one BIGINT (tier in bits
      // 48+, 65535 - strength in 32–47, rule_id in 0–31): a plain min() instead of arg_min over a
      // struct. No pattern is 65,535 characters long; least() keeps the packing sound if one were.
      `), best AS (`,
      `  SELECT descriptor_id, (min((tier::BIGINT << 48) + ((65535 - least(strength, 65535))::BIGINT << 32) + rule_id) & 4294967295)::INTEGER AS rule_id`,
      `  FROM (SELECT * FROM exact UNION ALL SELECT * FROM prefix UNION ALL SELECT * FROM contains UNION ALL SELECT * FROM regex) GROUP BY descriptor_id`,
      `)`,
    ];
    return [
      {
        phase: 'classify',
        title: `${matchTitle}; each key with its cleansed text and the number of the rule that matched it`,
        sql: [
          create(tables.keyMatches),
          ...ctes,
          `SELECT k.key_id, k.description, m.rule_id FROM ${tables.keys} k`,
          `LEFT JOIN (SELECT d.match_key, b.rule_id FROM descriptors d JOIN best b USING (descriptor_id)) m USING (match_key)`,
        ].join('\n'),
      },
      {
        phase: 'classify',
        title:
          'each distinct descriptor with its cleansed text and the number of the rule that matched it (a view, for analyses)',
        sql: [
          view(tables.matches),
          `SELECT r.raw_description, m.description, m.rule_id FROM ${tables.rawKeys} r`,
          `JOIN ${tables.keyMatches} m USING (key_id)`,
        ].join('\n'),
      },
      ...(this.options.classifyInPlace ? this.fillInPlace() : this.copyWithColumns()),
      {
        phase: 'classify',
        title: 'the merchant, category and deciding rule of each pair of matched rule and MCC that occurs',
        sql: [
          create(tables.classes),
          `SELECT rule_id, mcc, r.merchant,`,
          `  coalesce(r.category, c.category, 'uncategorized') AS category,`,
          `  CASE WHEN r.category IS NOT NULL THEN r.kind WHEN c.category IS NOT NULL THEN 'mcc' WHEN r.merchant IS NOT NULL THEN r.kind ELSE 'none' END AS match_kind,`,
          `  CASE WHEN r.category IS NOT NULL THEN r.rule WHEN c.category IS NOT NULL THEN c.rule ELSE r.rule END AS matched_rule`,
          `FROM (SELECT DISTINCT m.rule_id, t.mcc FROM ${tables.classified} t LEFT JOIN ${tables.keyMatches} m USING (key_id))`,
          `LEFT JOIN ${tables.rules} r USING (rule_id)`,
          `LEFT JOIN ${tables.mccMap} c USING (mcc)`,
        ].join('\n'),
      },
      {
        phase: 'classify',
        title:
          'every readable transaction with its cleansed descriptor, merchant, category and the rule that decided it (a view)',
        sql: [
          // kli_classes is a table, not expressions here: DuckDB would compute a view's expressions
          // again in every KLI filter that reads them.
          view(tables.transactions),
          `SELECT t.txn_id, t.customer_id, t.posted_date, t.amount, t.raw_description, m.description, t.mcc, k.merchant, k.category, k.match_kind, k.matched_rule`,
          `FROM ${tables.classified} t`,
          `LEFT JOIN ${tables.keyMatches} m USING (key_id)`,
          `LEFT JOIN ${tables.classes} k ON k.rule_id IS NOT DISTINCT FROM m.rule_id AND k.mcc IS NOT DISTINCT FROM t.mcc`,
        ].join('\n'),
      },
      ...this.free(tables.rawKeys, tables.keys),
    ];
  }

  /** The typed table becomes the per-transaction table: its new column is filled in place. */
  private fillInPlace(): Statement[] {
    return [
      {
        phase: 'classify',
        title: 'the typed rows get a column key_id',
        sql: `ALTER TABLE ${tables.parsed} ADD COLUMN key_id INTEGER`,
      },
      {
        phase: 'classify',
        title: "every readable transaction gets the number of its descriptor's key",
        sql: [
          `UPDATE ${tables.parsed} SET key_id = r.key_id`,
          `FROM ${tables.rawKeys} r WHERE ${tables.parsed}.raw_description = r.raw_description`,
        ].join('\n'),
      },
      {
        phase: 'classify',
        // Its number in the input: the typed table's rowid + 1 (removing the rejects kept the rowids).
        title: 'a transaction without a txn_id is named by its row in the input',
        sql: `UPDATE ${tables.parsed} SET txn_id = 'row-' || (rowid + 1) WHERE txn_id IS NULL`,
      },
      this.typedRows(),
      {
        phase: 'classify',
        // The test runner runs scripts again on one connection, where the last run's table still is.
        title: 'the per-transaction table of an earlier run on this connection goes',
        sql: `DROP TABLE IF EXISTS ${tables.classified}`,
      },
      {
        phase: 'classify',
        title: 'the typed rows, classified, are the per-transaction table',
        sql: `ALTER TABLE ${tables.parsed} RENAME TO ${tables.classified}`,
      },
    ];
  }

  /** A new per-transaction table: the typed rows with their key number. Spills as DuckDB needs. */
  private copyWithColumns(): Statement[] {
    return [
      {
        phase: 'classify',
        title: "every readable transaction with the number of its descriptor's key",
        sql: [
          `CREATE OR REPLACE TEMP TABLE ${tables.classified} AS`,
          // A transaction without a txn_id is named by its row in the input (the typed table's rowid + 1).
          `SELECT coalesce(t.txn_id, 'row-' || (t.rowid + 1)) AS txn_id, t.customer_id, t.posted_date, t.amount, t.raw_description, t.mcc, r.key_id`,
          `FROM ${tables.parsed} t LEFT JOIN ${tables.rawKeys} r USING (raw_description)`,
        ].join('\n'),
      },
      this.typedRows(),
      ...this.free(tables.parsed),
    ];
  }

  private typedRows(): Statement {
    return {
      phase: 'classify',
      title: 'how many rows were typed, for the run report to check against the rows written',
      sql: `SET VARIABLE kli_typed_rows = (SELECT count(*) FROM ${tables.parsed})`,
    };
  }

  /**
   * A run that writes its outputs drops the tables it no longer needs (the typed rows, the cleansed
   * descriptors), so that 50M rows fit a memory limit. Analyses (explain, check --data, tests)
   * write nothing and keep them to query.
   */
  private free(...names: string[]): Statement[] {
    if (this.options.writeOutputs === false) return [];
    return names.map((table) => ({
      phase: 'classify' as const,
      title: `${table} is no longer needed: free its memory`,
      sql: `DROP TABLE ${table}`,
    }));
  }

  // customers

  private customers(): Statement[] {
    const attributes = this.plan.attributes;
    const ids = `SELECT DISTINCT customer_id FROM ${tables.classified}`;
    if (!this.options.customers) {
      const columns = attributes.map(
        (a) => `NULL::${this.attributeSqlType(a.type)} AS ${this.id(`attr_${a.name}`)}`,
      );
      return [
        {
          phase: 'klis',
          title: 'customers: everyone with a transaction (no customers file given)',
          sql: `CREATE OR REPLACE TEMP TABLE ${tables.customers} AS\nSELECT customer_id${columns.map((c) => `, ${c}`).join('')}\nFROM (${ids})`,
        },
      ];
    }
    const reader = /\.parquet$/i.test(this.options.customers)
      ? this.q.readParquet([this.options.customers])
      : `read_csv(${this.str(this.options.customers)}, header = true, all_varchar = true)`;
    const casts = attributes.map(
      (a) =>
        `${this.attributeCast(a.type, `CAST(${this.id(a.name)} AS VARCHAR)`)} AS ${this.id(`attr_${a.name}`)}`,
    );
    return [
      {
        phase: 'klis',
        title: 'customers: the customers file, plus anyone with transactions who is not in it',
        sql: [
          `CREATE OR REPLACE TEMP TABLE ${tables.customers} AS`,
          `WITH file AS (`,
          `  SELECT DISTINCT ON (customer_id) trim(CAST(customer_id AS VARCHAR)) AS customer_id${casts.map((c) => `,\n    ${c}`).join('')}`,
          `  FROM ${reader}`,
          `  WHERE nullif(trim(CAST(customer_id AS VARCHAR)), '') IS NOT NULL`,
          `)`,
          `SELECT * FROM file`,
          `UNION ALL BY NAME`,
          `SELECT customer_id FROM (${ids}) WHERE customer_id NOT IN (SELECT customer_id FROM file)`,
        ].join('\n'),
      },
    ];
  }

  private attributeSqlType(type: string): string {
    return (
      {
        money: 'DECIMAL(18, 2)',
        number: 'DOUBLE',
        text: 'VARCHAR',
        date: 'DATE',
        boolean: 'BOOLEAN',
        products: 'VARCHAR[]',
      }[type] ?? 'VARCHAR'
    );
  }

  private attributeCast(type: string, value: string): string {
    if (type === 'products')
      return `list_filter(regexp_split_to_array(lower(trim(${value})), '\\s*[;,|]\\s*'), p -> p <> '')`;
    if (type === 'money') return `TRY_CAST(replace(${value}, ',', '') AS DECIMAL(18, 2))`;
    return `TRY_CAST(${value} AS ${this.attributeSqlType(type)})`;
  }

  // KLIs: one grouped pass of filtered aggregates, then the KLIs level by level.

  private aggregateSql(aggregate: AggregatePlan): string {
    const asOf = `getvariable('kli_as_of')`;
    const conditions: string[] = [];
    if (aggregate.fromDaysAgo !== null)
      conditions.push(`posted_date >= ${this.q.daysBefore(asOf, aggregate.fromDaysAgo)}`);
    if (aggregate.toDaysAgo > 0)
      conditions.push(`posted_date <= ${this.q.daysBefore(asOf, aggregate.toDaysAgo)}`);
    if (aggregate.filter) conditions.push(`(${this.expr(aggregate.filter)})`);
    const filter = conditions.length ? ` FILTER (WHERE ${conditions.join(' AND ')})` : '';
    const arg = aggregate.argument ? this.expr(aggregate.argument) : '*';
    switch (aggregate.fn) {
      case 'count':
        return `count(*)${filter}`;
      case 'count_distinct':
        return `count(DISTINCT ${arg})${filter}`;
      case 'months_with':
        return `count(DISTINCT date_trunc('month', posted_date))${filter}`;
      case 'days_since_last':
        return `coalesce(${this.q.daysBetween(`max(posted_date)${filter}`, asOf)}, 99999)`;
      default:
        return `coalesce(${aggregate.fn}(${arg})${filter}, 0)`;
    }
  }

  private aggregates(): Statement {
    const columns = this.plan.aggregates.map((a) => `  ${this.aggregateSql(a)} AS ${this.id(a.id)}`);
    return {
      phase: 'klis',
      title: `every aggregate of every KLI in one grouped scan (${this.plan.aggregates.length} filtered aggregates)`,
      sql: [
        `CREATE OR REPLACE TEMP TABLE ${tables.aggregates} AS`,
        `SELECT customer_id${columns.length ? ',\n' + columns.join(',\n') : ''}`,
        `FROM ${tables.transactions}`,
        `WHERE posted_date <= getvariable('kli_as_of')`,
        `GROUP BY customer_id`,
      ].join('\n'),
    };
  }

  private klis(): Statement {
    const zeros = this.plan.aggregates.map((a) => {
      const empty = a.fn === 'days_since_last' ? '99999' : '0';
      return `coalesce(a.${this.id(a.id)}, ${empty}) AS ${this.id(a.id)}`;
    });
    const ctes = [
      `level_0 AS (\n  SELECT c.*${zeros.map((z) => `,\n    ${z}`).join('')}\n  FROM ${tables.customers} c LEFT JOIN ${tables.aggregates} a USING (customer_id)\n)`,
    ];
    const levels = [...new Set(this.plan.klis.map((k) => k.level))].sort((a, b) => a - b);
    let previous = 'level_0';
    for (const level of levels) {
      const klis = this.plan.klis.filter((k) => k.level === level);
      const flags = klis.map(
        (k) => `    -- ${k.name}: ${k.rule}\n    ${this.flagSql(k)} AS ${this.id(`kli_${k.name}`)}`,
      );
      const scores = klis.map((k) => `    ${this.scoreSql(k)} AS ${this.id(`kli_${k.name}__score`)}`);
      ctes.push(`flags_${level + 1} AS (\n  SELECT *,\n${flags.join(',\n')}\n  FROM ${previous}\n)`);
      ctes.push(`level_${level + 1} AS (\n  SELECT *,\n${scores.join(',\n')}\n  FROM flags_${level + 1}\n)`);
      previous = `level_${level + 1}`;
    }
    return {
      phase: 'klis',
      title: `${this.plan.klis.length} KLIs, each a flag and a score per customer; 0 transactions count as 0, never NULL`,
      sql: `CREATE OR REPLACE TEMP TABLE ${tables.state} AS\nWITH ${ctes.join(',\n')}\nSELECT * FROM ${previous}`,
    };
  }

  flagSql(kli: KliPlan): string {
    return `coalesce(${this.expr(kli.when)}, false)`;
  }

  scoreSql(kli: KliPlan): string {
    const score = kli.score ? `round(coalesce(${this.expr(kli.score)}, 0), 4)` : '1';
    return `CASE WHEN ${this.id(`kli_${kli.name}`)} THEN ${score} ELSE 0 END::DOUBLE`;
  }

  /** Each aggregate an expression reads, as the column of the one grouped scan that computes it. */
  aggregatesOf(exprs: (PlanExpr | null)[]): { id: string; sql: string }[] {
    const ids = new Set<string>();
    const visit = (expr: PlanExpr | null): void => {
      if (!expr) return;
      if (expr.kind === 'aggregate') ids.add(expr.id);
      if (expr.kind === 'binary') [expr.left, expr.right].forEach(visit);
      else if (expr.kind === 'call') expr.args.forEach(visit);
      else if ('operand' in expr) visit(expr.operand);
    };
    exprs.forEach(visit);
    return this.plan.aggregates
      .filter((a) => ids.has(a.id))
      .map((a) => ({ id: a.id, sql: this.aggregateSql(a) }));
  }

  // segments

  condition(segment: SegmentPlan): string {
    const parts = [segment.when, segment.where]
      .filter((e): e is PlanExpr => e !== null)
      .map((e) => `coalesce(${this.expr(e)}, false)`);
    return parts.length ? parts.join(' AND ') : 'true';
  }

  private segments(): Statement {
    const selects: string[] = [];
    for (const segment of this.plan.segments) {
      selects.push(
        `SELECT customer_id, ${this.str(segment.name)} AS segment, NULL::VARCHAR AS segmentation, ${this.str(JSON.stringify(segment.action))} AS action -- ${segment.rule}\nFROM ${tables.state} WHERE ${this.condition(segment)}`,
      );
    }
    for (const segmentation of this.plan.segmentations) {
      const members = segmentation.members;
      const last = members[members.length - 1];
      const whens = members
        .slice(0, -1)
        .map((m) => `WHEN ${this.condition(m)} THEN ${this.str(`${segmentation.name}.${m.name}`)}`);
      const chosen = `CASE ${whens.join(' ')} ELSE ${this.str(`${segmentation.name}.${last?.name ?? 'otherwise'}`)} END`;
      const actions = members.map(
        (m) =>
          `WHEN ${this.str(`${segmentation.name}.${m.name}`)} THEN ${this.str(JSON.stringify(m.action))}`,
      );
      selects.push(
        `SELECT customer_id, segment, ${this.str(segmentation.name)} AS segmentation, CASE segment ${actions.join(' ')} END AS action\nFROM (SELECT customer_id, ${chosen} AS segment FROM ${tables.state})`,
      );
    }
    const body = selects.length
      ? selects.join('\nUNION ALL\n')
      : 'SELECT NULL::VARCHAR AS customer_id, NULL::VARCHAR AS segment, NULL::VARCHAR AS segmentation, NULL::VARCHAR AS action WHERE false';
    return {
      phase: 'segments',
      title:
        'segment membership: overlapping segments, and exclusive segmentations where the first match wins',
      sql: `CREATE OR REPLACE TEMP TABLE ${tables.segments} AS\n${body}`,
    };
  }

  // write

  customerKlisQuery(): string {
    const columns = this.plan.klis.flatMap((k) => [
      `${this.id(`kli_${k.name}`)} AS ${this.id(k.name)}`,
      `${this.id(`kli_${k.name}__score`)} AS ${this.id(`${k.name}_score`)}`,
    ]);
    return `SELECT customer_id${columns.map((c) => `, ${c}`).join('')} FROM ${tables.state} ORDER BY customer_id`;
  }

  private writes(): Statement[] {
    const paths = outputPaths(this.options.outDir, this.options.format);
    const format = this.options.format;
    const statements: Statement[] = [
      {
        phase: 'write',
        title: 'classified transactions',
        sql: this.q.copyTo(
          `SELECT txn_id, customer_id, posted_date, amount, raw_description, description, merchant, category, match_kind, matched_rule FROM ${tables.transactions}`,
          paths.transactions,
          format,
        ),
      },
      {
        phase: 'write',
        title: 'one row per customer with every KLI flag and score',
        sql: this.q.copyTo(this.customerKlisQuery(), paths.customerKlis, format),
      },
      {
        phase: 'write',
        title: 'segment membership with actions',
        sql: this.q.copyTo(
          `SELECT * FROM ${tables.segments} ORDER BY segment, customer_id`,
          paths.segments,
          format,
        ),
      },
      {
        phase: 'write',
        title: 'rows that could not be read, with the reason',
        sql: this.q.copyTo(
          [
            `SELECT 'row ' || kli_row AS location, reject_reason AS reason, txn_id_text AS txn_id, customer_id_text AS customer_id, posted_date_text AS posted_date, amount_text AS amount, description_text AS description, mcc_text AS mcc FROM ${tables.rejects}`,
            ...(this.inputFormat() === 'csv'
              ? [
                  `UNION ALL SELECT 'line ' || line, error_type || ': ' || error_message, NULL, NULL, NULL, NULL, csv_line, NULL FROM (SELECT DISTINCT ON (scan_id, file_id, line) * FROM ${tables.csvRejects})`,
                ]
              : []),
          ].join('\n'),
          paths.rejects,
          'csv',
        ),
      },
    ];
    const audiences = [
      ...this.plan.segments.map((s) => ({ key: s.name, action: s.action })),
      ...this.plan.segmentations.flatMap((g) =>
        g.members.map((m) => ({ key: `${g.name}.${m.name}`, action: m.action })),
      ),
    ];
    for (const audience of audiences) {
      const actionColumns = Object.entries(audience.action)
        .map(([k, v]) => `, ${this.str(v)} AS ${this.id(k)}`)
        .join('');
      statements.push({
        phase: 'write',
        title: `audience ${audience.key}`,
        sql: this.q.copyTo(
          `SELECT customer_id${actionColumns} FROM ${tables.segments} WHERE segment = ${this.str(audience.key)} ORDER BY customer_id`,
          `${paths.audiences}/${audience.key}.csv`,
          'csv',
        ),
      });
    }
    return statements;
  }

  // expressions

  expr(expr: PlanExpr): string {
    switch (expr.kind) {
      case 'literal':
        if (expr.type === 'text') return this.str(String(expr.value));
        if (expr.type === 'date') return `DATE ${this.str(String(expr.value))}`;
        if (expr.type === 'boolean') return expr.value ? 'true' : 'false';
        return String(Number(expr.value));
      case 'field':
        return this.id(expr.name);
      case 'aggregate':
        return this.id(expr.id);
      case 'kli':
        return this.id(expr.field === 'score' ? `kli_${expr.name}__score` : `kli_${expr.name}`);
      case 'attribute':
        return this.id(`attr_${expr.name}`);
      case 'has_product': {
        const products = this.plan.attributes.find((a) => a.type === 'products');
        return products
          ? `list_contains(coalesce(${this.id(`attr_${products.name}`)}, []), ${this.str(expr.product.toLowerCase())})`
          : 'false';
      }
      case 'member': {
        const operand = this.expr(expr.operand);
        const values = expr.values.map((v) => (typeof v === 'number' ? String(v) : this.str(v))).join(', ');
        if (!values) return expr.negated ? 'true' : 'false';
        return expr.negated
          ? `(${operand} IS NULL OR ${operand} NOT IN (${values}))`
          : `${operand} IN (${values})`;
      }
      case 'in_range': {
        const operand = this.expr(expr.operand);
        return expr.negated
          ? `(${operand} IS NULL OR ${operand} NOT BETWEEN ${expr.low} AND ${expr.high})`
          : `${operand} BETWEEN ${expr.low} AND ${expr.high}`;
      }
      case 'binary': {
        const left = this.expr(expr.left);
        const right = this.expr(expr.right);
        if (expr.op === '/') return `coalesce(${left} / nullif(${right}, 0), 0)`;
        const op = expr.op === 'and' ? 'AND' : expr.op === 'or' ? 'OR' : expr.op;
        return `(${left} ${op} ${right})`;
      }
      case 'not':
        return `(NOT ${this.expr(expr.operand)})`;
      case 'negate':
        return `(-${this.expr(expr.operand)})`;
      case 'matches':
        return this.q.regexMatches(this.expr(expr.operand), expr.pattern, expr.flags);
      case 'contains_text':
        return `contains(upper(${this.expr(expr.operand)}), ${this.str(expr.text.toUpperCase())})`;
      case 'call':
        return `${expr.fn}(${expr.args.map((a) => this.expr(a)).join(', ')})`;
    }
  }
}

/**
 * The SQL one KLI or segment compiles to, with the aggregates it reads, for people: the language
 * server shows it on hover. `name` is a KLI, a segment, or `segmentation.member`.
 */
export function declarationSql(plan: Plan, name: string): string | undefined {
  const emitter = new Emitter(plan, { transactions: [], outDir: '', format: 'csv' }, duckdb);
  const aggregates = (exprs: (PlanExpr | null)[]) =>
    emitter
      .aggregatesOf(exprs)
      .map((a) => `-- ${duckdb.identifier(a.id)}, from ${tables.transactions}:\n${a.sql}`);
  const kli = plan.klis.find((k) => k.name === name);
  if (kli)
    return [
      `-- ${kli.name}: the flag`,
      `${emitter.flagSql(kli)} AS ${duckdb.identifier(`kli_${kli.name}`)}`,
      `-- the score`,
      `${emitter.scoreSql(kli)} AS ${duckdb.identifier(`kli_${kli.name}__score`)}`,
      ...aggregates([kli.when, kli.score]),
    ].join('\n');
  const members = plan.segmentations.flatMap((g) =>
    g.members.map((m) => ({ key: `${g.name}.${m.name}`, m })),
  );
  const segment =
    plan.segments.find((s) => s.name === name) ?? members.find((member) => member.key === name)?.m;
  if (!segment) return undefined;
  return [
    `-- ${name}: who is in the segment`,
    emitter.condition(segment),
    ...aggregates([segment.when, segment.where]),
  ].join('\n');
}

/**
 * Pieces of the SQL a run executes, for `kli explain`: each cleanse step, any expression, and the
 * `FILTER` condition of an aggregate (its window and `where`), so an explanation selects exactly
 * the transactions the run's grouped scan counts.
 */
export function sqlFragments(plan: Plan, dialect: SqlDialect = duckdb) {
  const emitter = new Emitter(plan, { transactions: [], outDir: '', format: 'csv' }, dialect);
  return {
    cleanseStep: (step: CleanseStepPlan, column: string): string => emitter['cleanseStep'](step, column),
    expr: (expr: PlanExpr): string => emitter.expr(expr),
    aggregateFilter: (aggregate: AggregatePlan): string => filterOf(emitter['aggregateSql'](aggregate)),
  };
}

/** The condition inside an aggregate's `FILTER (WHERE …)`: up to the balancing parenthesis, outside quotes. */
function filterOf(aggregateSql: string): string {
  const opening = 'FILTER (WHERE ';
  const start = aggregateSql.indexOf(opening);
  if (start < 0) return 'true';
  let depth = 1;
  let quoted = false;
  for (let i = start + opening.length; i < aggregateSql.length; i++) {
    const char = aggregateSql[i];
    if (char === "'") quoted = !quoted;
    else if (!quoted && char === '(') depth++;
    else if (!quoted && char === ')' && --depth === 0) return aggregateSql.slice(start + opening.length, i);
  }
  return 'true';
}
