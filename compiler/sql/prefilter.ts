/**
 * Literal prefilters for regexes: a set of strings of which every match must contain at least one.
 * `regexp_replace` costs about ten times a `contains`, and most cleanse steps match few descriptors,
 * so `CASE WHEN contains(d, 'DES:') THEN regexp_replace(…) ELSE d END` gives the same result for
 * less. For a pattern anchored at the start, also the characters a match can start with: a test of
 * the first byte costs next to nothing. The analysis is conservative: anything it does not fully
 * understand yields no prefilter.
 */

type Node =
  // One character from `set` (null when too many or unknown, or a letter under `i`); `chars` is every
  // character it can match, case variants included (null when unknown or too many).
  | { t: 'chars'; set: string[] | null; chars: string[] | null }
  // An assertion or an empty group: matches no text. `anchor` for `^`/`\A` and `$`/`\z`.
  | { t: 'empty'; anchor?: 'start' | 'end' }
  | { t: 'cat'; items: Node[] }
  | { t: 'alt'; items: Node[] }
  | { t: 'rep'; node: Node; min: number; max: number };

/** The most strings a set may hold while the analysis tracks it. */
const maxSet = 16;
/** The most characters a class may hold while the first-character analysis tracks it. */
const maxChars = 128;
/** The most `contains` calls a prefilter may cost. */
const maxPrefilter = 6;

class Unsupported extends Error {}

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i));
const digits = range(0x30, 0x39);
/** RE2's `\s` is exactly these (no `\v`); `\w` is ASCII only. */
const classEscapes: Record<string, string[]> = {
  d: digits,
  s: ['\t', '\n', '\f', '\r', ' '],
  w: [...digits, ...range(0x41, 0x5a), ...range(0x61, 0x7a), '_'],
};

/**
 * Every character that matches `c` under `i`: RE2 folds an ASCII letter with its other case, and K
 * and S also with the Kelvin sign (U+212A) and the long s (U+017F), the only other characters that
 * fold to ASCII letters (checked over every code point in test/cleanse-optimise.test.ts). Null for
 * any other letter, whose orbit this does not know.
 */
function caseVariants(c: string): string[] | null {
  const ascii = c === '\u212a' ? 'k' : c === '\u017f' ? 's' : c;
  if (!/^[A-Za-z]$/.test(ascii)) return c.toLowerCase() === c.toUpperCase() ? [c] : null;
  const lower = ascii.toLowerCase();
  const extra = lower === 'k' ? ['\u212a'] : lower === 's' ? ['\u017f'] : [];
  return [lower, lower.toUpperCase(), ...extra];
}

class Parser {
  private i = 0;
  private readonly chars: string[];

  constructor(
    pattern: string,
    private readonly caseInsensitive: boolean,
  ) {
    this.chars = [...pattern];
  }

  parse(): Node {
    const node = this.alternation();
    if (this.i < this.chars.length) throw new Unsupported();
    return node;
  }

  private peek(): string | undefined {
    return this.chars[this.i];
  }

  private alternation(): Node {
    const items = [this.concatenation()];
    while (this.peek() === '|') {
      this.i++;
      items.push(this.concatenation());
    }
    return items.length === 1 ? items[0]! : { t: 'alt', items };
  }

  private concatenation(): Node {
    const items: Node[] = [];
    for (let c = this.peek(); c !== undefined && c !== '|' && c !== ')'; c = this.peek())
      items.push(this.repetition(this.atom()));
    return { t: 'cat', items };
  }

  private repetition(node: Node): Node {
    for (;;) {
      const c = this.peek();
      let min: number;
      let max: number;
      if (c === '*' || c === '+' || c === '?') {
        this.i++;
        [min, max] = c === '*' ? [0, Infinity] : c === '+' ? [1, Infinity] : [0, 1];
      } else if (c === '{') {
        const rest = this.chars.slice(this.i, this.i + 24).join('');
        const m = /^\{(\d+)(,(\d*))?\}/.exec(rest);
        if (!m) return node; // RE2 reads a `{` that starts no repeat as a literal
        this.i += [...m[0]].length;
        min = Number(m[1]);
        max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      } else return node;
      if (this.peek() === '?') this.i++; // lazy: same matches, different preference
      node = { t: 'rep', node, min, max };
    }
  }

  private literal(c: string): Node {
    // Under `i`, a letter also matches other cases (and RE2 folds K to the Kelvin sign).
    if (this.caseInsensitive && c.toLowerCase() !== c.toUpperCase())
      return { t: 'chars', set: null, chars: caseVariants(c) };
    return { t: 'chars', set: [c], chars: [c] };
  }

  /** A class of characters under the pattern's case rule: null when any member's case variants are unknown. */
  private folded(members: string[]): string[] | null {
    if (!this.caseInsensitive) return members;
    const all = members.map(caseVariants);
    return all.every((v) => v !== null) ? [...new Set(all.flat() as string[])] : null;
  }

  private atom(): Node {
    const c = this.chars[this.i++];
    switch (c) {
      case '(': {
        if (this.peek() === '?') {
          const rest = this.chars.slice(this.i, this.i + 3).join('');
          if (rest.startsWith('?:')) this.i += 2;
          else if (/^\?P?</.test(rest)) {
            while (this.peek() !== undefined && this.peek() !== '>') this.i++;
            this.i++;
          } else throw new Unsupported(); // inline flags
        }
        const inner = this.alternation();
        if (this.chars[this.i++] !== ')') throw new Unsupported();
        return inner;
      }
      case '[':
        return this.characterClass();
      case '.':
        return { t: 'chars', set: null, chars: null };
      case '^':
        return { t: 'empty', anchor: 'start' };
      case '$':
        return { t: 'empty', anchor: 'end' };
      case '\\':
        return this.escape();
      case undefined:
      case '*':
      case '+':
      case '?':
      case ')':
        throw new Unsupported();
      default:
        return this.literal(c);
    }
  }

  /** The characters of the class escape just read (`\d`, `\s`, `\w`); null for any other. */
  private lastClassEscape(): string[] | null {
    return this.chars[this.i - 2] === '\\' ? (classEscapes[this.chars[this.i - 1]!] ?? null) : null;
  }

  /** One escaped character, as a literal; `null` for a class escape. Assertions are handled by the caller. */
  private escapedChar(): string | null {
    const c = this.chars[this.i++];
    if (c === undefined) throw new Unsupported();
    if ('dDsSwW'.includes(c)) return null;
    if (c === 'p' || c === 'P') {
      if (this.peek() === '{') while (this.peek() !== undefined && this.chars[this.i++] !== '}');
      else this.i++;
      return null;
    }
    const controls: Record<string, string> = { a: '\x07', f: '\f', t: '\t', n: '\n', r: '\r', v: '\v' };
    if (controls[c]) return controls[c];
    if (c === 'x') {
      const rest = this.chars.slice(this.i, this.i + 12).join('');
      const m = /^(?:\{([0-9A-Fa-f]+)\}|([0-9A-Fa-f]{2}))/.exec(rest);
      if (!m) throw new Unsupported();
      this.i += m[0].length;
      return String.fromCodePoint(parseInt(m[1] ?? m[2]!, 16));
    }
    if (/[A-Za-z0-9]/.test(c)) throw new Unsupported(); // \Q, \C, octal, anything unusual
    return c;
  }

  private escape(): Node {
    const c = this.peek();
    if (c === 'b' || c === 'B' || c === 'A' || c === 'z') {
      this.i++;
      return c === 'A'
        ? { t: 'empty', anchor: 'start' }
        : c === 'z'
          ? { t: 'empty', anchor: 'end' }
          : { t: 'empty' };
    }
    const char = this.escapedChar();
    if (char !== null) return this.literal(char);
    const members = this.lastClassEscape();
    return { t: 'chars', set: null, chars: members && this.folded(members) };
  }

  private characterClass(): Node {
    let negated = false;
    if (this.peek() === '^') {
      negated = true;
      this.i++;
    }
    const members: string[] = [];
    // Every character the class matches, before case folding; null once unknown or too many.
    let matched: string[] | null = [];
    let known = true;
    let first = true;
    for (;;) {
      const c = this.chars[this.i++];
      if (c === undefined) throw new Unsupported();
      if (c === ']' && !first) break;
      first = false;
      let char: string | null = c;
      if (c === '[' && this.peek() === ':') {
        while (this.peek() !== undefined && this.chars[this.i++] !== ']');
        char = null;
        matched = null;
      } else if (c === '\\') {
        char = this.escapedChar();
        if (char === null) {
          const escaped = this.lastClassEscape();
          matched = escaped && matched ? [...matched, ...escaped] : null;
        }
      }
      if (char === null) {
        known = false;
        continue;
      }
      if (this.peek() === '-' && this.chars[this.i + 1] !== ']' && this.chars[this.i + 1] !== undefined) {
        this.i++; // a range
        let end: string | null | undefined = this.chars[this.i++];
        if (end === '\\') end = this.escapedChar();
        const [from, to] = [char.codePointAt(0)!, end?.codePointAt(0)];
        matched =
          matched && to !== undefined && to - from < maxChars ? [...matched, ...range(from, to)] : null;
        known = false;
        continue;
      }
      members.push(char);
      matched?.push(char);
    }
    const foldable = members.some((m) => m.toLowerCase() !== m.toUpperCase());
    const chars = negated || !matched ? null : this.folded([...new Set(matched)]);
    const charSet = chars && chars.length <= maxChars ? chars : null;
    if (negated || !known || members.length > maxSet || (this.caseInsensitive && foldable))
      return { t: 'chars', set: null, chars: charSet };
    return { t: 'chars', set: [...new Set(members)], chars: charSet };
  }
}

/**
 * The pattern as the analyses see it, or null when they do not understand it. `flags` are DuckDB
 * regex options; only `g` and `i` are understood.
 */
function parsed(pattern: string, flags: string): Node | null {
  if (!/^[gi]*$/.test(flags)) return null;
  try {
    return new Parser(pattern, flags.includes('i')).parse();
  } catch (error) {
    if (error instanceof Unsupported) return null;
    throw error;
  }
}

interface Info {
  /** Every string the node can match, when that is a small finite set. */
  exact: string[] | null;
  /** Strings of which every match contains one (none empty), when known. */
  required: string[] | null;
}

function product(a: string[], b: string[]): string[] | null {
  if (a.length * b.length > maxSet) return null;
  return [...new Set(a.flatMap((x) => b.map((y) => x + y)))];
}

/** A string that contains another of the set adds nothing to a prefilter. */
function minimal(set: string[]): string[] {
  return set.filter((s) => !set.some((other) => other !== s && s.includes(other)));
}

/** The better of two prefilters: affordable first, then the longer shortest string, then fewer strings. */
function better(a: string[] | null, b: string[] | null): string[] | null {
  // A blank string is in almost every descriptor: no use as a filter.
  const valid = (s: string[] | null) =>
    s && s.length > 0 && s.every((x) => x.trim() !== '') ? minimal(s) : null;
  const [x, y] = [valid(a), valid(b)];
  if (!x || !y) return x ?? y;
  const affordable = (s: string[]) => s.length <= maxPrefilter;
  if (affordable(x) !== affordable(y)) return affordable(x) ? x : y;
  const shortest = (s: string[]) => Math.min(...s.map((v) => v.length));
  if (shortest(x) !== shortest(y)) return shortest(x) > shortest(y) ? x : y;
  return x.length <= y.length ? x : y;
}

function analyse(node: Node): Info {
  switch (node.t) {
    case 'chars':
      return { exact: node.set, required: node.set };
    case 'empty':
      return { exact: [''], required: null };
    case 'cat': {
      let run: string[] = [''];
      let allExact = true;
      let required: string[] | null = null;
      for (const item of node.items) {
        const info = analyse(item);
        required = better(required, info.required);
        const joined = info.exact ? product(run, info.exact) : null;
        if (joined) {
          run = joined;
          continue;
        }
        allExact = false;
        required = better(required, run);
        run = info.exact ?? [''];
      }
      required = better(required, run);
      return { exact: allExact ? run : null, required };
    }
    case 'alt': {
      const infos = node.items.map(analyse);
      const union = (sets: (string[] | null)[]) =>
        sets.every((s) => s !== null) ? [...new Set(sets.flat() as string[])] : null;
      const exact = union(infos.map((i) => i.exact));
      const required = union(infos.map((i) => better(i.exact, i.required)));
      return {
        exact: exact && exact.length <= maxSet ? exact : null,
        required: required && required.length <= maxSet ? required : null,
      };
    }
    case 'rep': {
      const info = analyse(node.node);
      if (node.min === 0) {
        const exact = node.max === 1 && info.exact ? [...new Set(['', ...info.exact])] : null;
        return { exact, required: null };
      }
      let repeated: string[] | null = info.exact;
      for (let n = 1; n < node.min && repeated && info.exact; n++) repeated = product(repeated, info.exact);
      return {
        exact: node.min === node.max ? repeated : null,
        required: better(repeated, info.required),
      };
    }
  }
}

/**
 * Strings of which any match of `pattern` contains at least one, or null when there is no cheap,
 * useful prefilter. `flags` are DuckDB regex options; only `g` and `i` are understood.
 */
export function requiredLiterals(pattern: string, flags: string): string[] | null {
  const node = parsed(pattern, flags);
  if (!node) return null;
  const required = analyse(node).required;
  if (!required || required.some((s) => s.trim() === '')) return null;
  const literals = minimal(required);
  return literals.length <= maxPrefilter ? literals.sort() : null;
}

interface Edge {
  /** Whether the node can match empty text. */
  nullable: boolean;
  /** Every character a non-empty match can start (or end) with; null when unknown. */
  chars: string[] | null;
}

function edge(node: Node, side: 'start' | 'end'): Edge {
  switch (node.t) {
    case 'chars':
      return { nullable: false, chars: node.chars };
    case 'empty':
      return { nullable: true, chars: [] };
    case 'cat': {
      const chars = new Set<string>();
      for (const item of side === 'start' ? node.items : [...node.items].reverse()) {
        const info = edge(item, side);
        if (!info.chars) return { nullable: true, chars: null };
        info.chars.forEach((c) => chars.add(c));
        if (!info.nullable) return { nullable: false, chars: [...chars] };
      }
      return { nullable: true, chars: [...chars] };
    }
    case 'alt': {
      const infos = node.items.map((item) => edge(item, side));
      const known = infos.every((i) => i.chars !== null);
      return {
        nullable: infos.some((i) => i.nullable),
        chars: known ? [...new Set(infos.flatMap((i) => i.chars!))] : null,
      };
    }
    case 'rep': {
      if (node.max === 0) return { nullable: true, chars: [] };
      const info = edge(node.node, side);
      return { nullable: node.min === 0 || info.nullable, chars: info.chars };
    }
  }
}

/** Whether every match of the node is pinned to the start (or end) of the text by `^` (or `$`). */
function anchored(node: Node, side: 'start' | 'end'): boolean {
  switch (node.t) {
    case 'empty':
      return node.anchor === side;
    case 'cat': {
      const outer = side === 'start' ? node.items[0] : node.items[node.items.length - 1];
      return outer !== undefined && anchored(outer, side);
    }
    case 'alt':
      return node.items.every((item) => anchored(item, side));
    default:
      return false;
  }
}

/** The most ranges a first-character prefilter may test. */
const maxRanges = 12;

/**
 * For a pattern anchored at the start (`^…`; without the `m` option that is the start of the text)
 * that cannot match empty text: code point ranges, `[from, to]` inclusive, one of which holds the
 * first character of any value it matches. Null when there is no such small set. `flags` as for
 * `requiredLiterals`; under `i` a letter counts with all its case variants.
 */
export function firstCharacterRanges(pattern: string, flags: string): [number, number][] | null {
  const node = parsed(pattern, flags);
  if (!node || !anchored(node, 'start')) return null;
  const info = edge(node, 'start');
  if (info.nullable || !info.chars || info.chars.length === 0) return null;
  const points = info.chars.map((c) => c.codePointAt(0)!).sort((a, b) => a - b);
  const ranges: [number, number][] = [];
  for (const point of points) {
    const last = ranges[ranges.length - 1];
    if (last && point === last[1] + 1) last[1] = point;
    else ranges.push([point, point]);
  }
  return ranges.length <= maxRanges ? ranges : null;
}

/** A kind of character one test can look for in a whole block of cleanse steps at once. */
export type CharacterClass = 'non_ascii' | 'digit';

const inClass: Record<CharacterClass, (c: string) => boolean> = {
  non_ascii: (c) => c.codePointAt(0)! > 0x7f,
  digit: (c) => c >= '0' && c <= '9',
};

/** Whether every match of the node contains a character of the class (conservative: false when unsure). */
function mustContain(node: Node, test: (c: string) => boolean): boolean {
  switch (node.t) {
    case 'chars':
      return node.chars !== null && node.chars.length > 0 && node.chars.every(test);
    case 'empty':
      return false;
    case 'cat':
      return node.items.some((item) => mustContain(item, test));
    case 'alt':
      return node.items.every((item) => mustContain(item, test));
    case 'rep':
      return node.min >= 1 && mustContain(node.node, test);
  }
}

/**
 * The class of characters of which every match of `pattern` contains at least one, or null when
 * neither class is provable. A value without such a character cannot match, so consecutive steps
 * that share a class can all be skipped on one test (`flags` as for `requiredLiterals`).
 */
export function requiredClass(pattern: string, flags: string): CharacterClass | null {
  const node = parsed(pattern, flags);
  if (!node) return null;
  for (const name of Object.keys(inClass) as CharacterClass[])
    if (mustContain(node, inClass[name])) return name;
  return null;
}
