/**
 * What the emitter needs from a SQL engine. DuckDB is the first implementation; another engine is
 * a new file implementing this, not a hunt through the emitter.
 */
export interface SqlDialect {
  name: string;
  /** A name from a rule file as a quoted identifier: no rule file can inject SQL through a name. */
  identifier(name: string): string;
  /** A string from a rule file as an escaped literal. */
  string(value: string): string;
  regexMatches(subject: string, pattern: string, flags: string): string;
  regexReplace(subject: string, pattern: string, replacement: string, flags: string): string;
  /** The date `days` days before `date`. */
  daysBefore(date: string, days: number): string;
  /** Whole days from `from` to `to`. */
  daysBetween(from: string, to: string): string;
  readCsv(paths: string[], options: { delimiter: string; rejectsTable: string; rejectsScan: string }): string;
  readParquet(paths: string[]): string;
  copyTo(query: string, path: string, format: 'csv' | 'parquet'): string;
}

export const duckdb: SqlDialect = {
  name: 'duckdb',
  identifier: (name) => `"${name.replace(/"/g, '""').replace(/\0/g, '')}"`,
  string: (value) => `'${value.replace(/'/g, "''").replace(/\0/g, '')}'`,
  regexMatches(subject, pattern, flags) {
    return flags
      ? `regexp_matches(${subject}, ${this.string(pattern)}, ${this.string(flags)})`
      : `regexp_matches(${subject}, ${this.string(pattern)})`;
  },
  regexReplace(subject, pattern, replacement, flags) {
    return `regexp_replace(${subject}, ${this.string(pattern)}, ${this.string(replacement)}, ${this.string(flags)})`;
  },
  daysBefore: (date, days) => (days === 0 ? date : `${date} - ${Math.trunc(days)}`),
  daysBetween: (from, to) => `(${to} - ${from})`,
  readCsv(paths, options) {
    const list = `[${paths.map((p) => this.string(p)).join(', ')}]`;
    return [
      `read_csv(${list}`,
      `header = true`,
      `all_varchar = true`,
      `delim = ${this.string(options.delimiter)}`,
      `quote = '"'`,
      `escape = '"'`,
      `store_rejects = true`,
      `rejects_table = ${this.string(options.rejectsTable)}`,
      `rejects_scan = ${this.string(options.rejectsScan)})`,
    ].join(', ');
  },
  readParquet(paths) {
    return `read_parquet([${paths.map((p) => this.string(p)).join(', ')}], union_by_name = true)`;
  },
  copyTo(query, path, format) {
    const options = format === 'parquet' ? 'FORMAT parquet, COMPRESSION zstd' : 'FORMAT csv, HEADER';
    return `COPY (${query}) TO ${this.string(path)} (${options})`;
  },
};

/** Escapes a literal string for use inside a regex. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
