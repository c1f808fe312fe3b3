/**
 * Whole-word normal form of a descriptor or a `contains` pattern: upper case, apostrophes dropped,
 * every run of other non-alphanumerics one space. The SQL emitter computes the same form in DuckDB.
 */
export function normalizeWords(text: string): string {
  return wordsOf(text).join(' ');
}

/** The words `normalizeWords` joins: runs of letters and digits, upper-cased, apostrophes dropped. */
export function wordsOf(text: string): string[] {
  return (
    text
      .toUpperCase()
      .replace(/'/g, '')
      .match(/[A-Z0-9]+/g) ?? []
  );
}

/** Why a regex cannot run in DuckDB (RE2), or undefined when it can. */
export function regexProblem(pattern: string, flags: string): string | undefined {
  const badFlag = [...flags].find((flag) => flag !== 'i');
  if (badFlag) return `regex flag \`${badFlag}\` is not supported; only \`i\` (ignore case) is`;
  if (/\(\?<?[=!]/.test(pattern))
    return 'lookahead and lookbehind are not supported by RE2, the regex engine DuckDB uses';
  if (/\\[1-9]/.test(pattern))
    return 'backreferences such as \\1 are not supported by RE2, the regex engine DuckDB uses';
  try {
    new RegExp(pattern, 'u');
  } catch (error) {
    try {
      new RegExp(pattern);
    } catch {
      return `invalid regex: ${(error as Error).message.replace(/^Invalid regular expression: /, '')}`;
    }
  }
  return undefined;
}
