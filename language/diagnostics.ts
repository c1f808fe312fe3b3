import { formatLocation, type Range } from './position.js';

export type Severity = 'error' | 'warning' | 'info';

export interface RelatedLocation {
  file: string;
  range: Range;
  message: string;
}

/** A user error is a value, never an exception: every stage returns these. */
export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  file: string;
  range: Range;
  related?: RelatedLocation[];
  /** Machine-readable detail for quick fixes, e.g. the suggested name. */
  data?: { suggestion?: string; missingImport?: string };
}

/** The catalogue: every code the toolchain reports, with its severity and what it means. */
export const diagnosticCodes = {
  'syntax-error': { severity: 'error', summary: 'The text does not follow the grammar.' },
  'unknown-name': {
    severity: 'error',
    summary: 'A reference to a name that is not declared or not imported.',
  },
  'duplicate-name': { severity: 'error', summary: 'Two declarations share a name.' },
  'type-mismatch': { severity: 'error', summary: 'An expression has the wrong type for where it is used.' },
  'wrong-level': {
    severity: 'error',
    summary: 'A transaction field used outside an aggregate, or a customer value inside a `where`.',
  },
  'kli-cycle': { severity: 'error', summary: 'KLIs that depend on each other in a circle.' },
  'empty-window': { severity: 'error', summary: 'A window of zero days.' },
  'inverted-window': { severity: 'error', summary: 'A `between` window whose older bound comes second.' },
  'merchant-conflict': {
    severity: 'error',
    summary: 'Two merchants claim the same descriptor with equal specificity.',
  },
  'shadowed-rule': { severity: 'warning', summary: 'A rule that can never win.' },
  'invalid-regex': {
    severity: 'error',
    summary: 'A regular expression that does not compile, or uses what RE2 lacks.',
  },
  'unknown-column': { severity: 'error', summary: 'A source mapping onto a column that is not canonical.' },
  'missing-column': { severity: 'error', summary: 'A required canonical column has no mapping.' },
  'unknown-package': { severity: 'error', summary: 'An import of a package that no file declares.' },
  'missing-package': { severity: 'error', summary: 'A file that does not start with `package`.' },
  'wrong-arguments': {
    severity: 'error',
    summary: 'A function called with the wrong number or kind of arguments.',
  },
  'unknown-function': { severity: 'error', summary: 'A call to a function that does not exist.' },
  'missing-clause': {
    severity: 'error',
    summary: 'A declaration without a clause it needs (`when`, `category`).',
  },
  'deprecated-use': { severity: 'warning', summary: 'A use of a declaration marked `deprecated`.' },
  'mcc-conflict': { severity: 'error', summary: 'Two MCC rules of the same width claim the same code.' },
  'invalid-value': { severity: 'error', summary: 'A literal outside its allowed range (an MCC, a date).' },
  'manifest-error': { severity: 'error', summary: 'kli.json is missing, unreadable or invalid.' },
  'unused-let': { severity: 'warning', summary: 'A `let` that nothing uses.' },
  'lock-outdated': {
    severity: 'error',
    summary: 'A dependency that resolved to another version than kli.lock pins, or is missing from it.',
  },
  'lock-content-changed': {
    severity: 'error',
    summary: 'A dependency whose files differ from what kli.lock pinned while its version did not change.',
  },
  'version-bump-required': {
    severity: 'error',
    summary: 'A removed or renamed KLI, segment or category, or a changed KLI type, without a major version.',
  },
  'overlap-beaten': {
    severity: 'warning',
    summary: "A merchant rule that loses the very text it claims to another merchant's rule.",
  },
  'merchant-overlap': {
    severity: 'info',
    summary: "A merchant rule that also matches another merchant's more specific pattern, which wins there.",
  },
  'unused-rule': {
    severity: 'info',
    summary: 'A merchant rule that decided no transaction of the data sample (`kli check --data`).',
  },
  'segment-identical': {
    severity: 'warning',
    summary: 'Two segments with the same conditions, or the same members in the data sample.',
  },
  'segment-subset': {
    severity: 'info',
    summary: 'A segment whose customers are all in another segment, by its conditions or in the data sample.',
  },
} as const satisfies Record<string, { severity: Severity; summary: string }>;

export type DiagnosticCode = keyof typeof diagnosticCodes;

export function makeDiagnostic(
  code: DiagnosticCode,
  file: string,
  range: Range,
  message: string,
  extra: Pick<Diagnostic, 'related' | 'data'> = {},
): Diagnostic {
  return { code, severity: diagnosticCodes[code].severity, message, file, range, ...extra };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** `file:line:col: error kli(code): message`, the form editors and CI logs link. */
export function formatDiagnostic(diagnostic: Diagnostic, relativeTo?: (file: string) => string): string {
  const show = relativeTo ?? ((file: string) => file);
  const head = `${formatLocation(show(diagnostic.file), diagnostic.range)}: ${diagnostic.severity} [${diagnostic.code}] ${diagnostic.message}`;
  const related = (diagnostic.related ?? []).map(
    (r) => `\n    ${formatLocation(show(r.file), r.range)}: ${r.message}`,
  );
  return head + related.join('');
}

/** "did you mean" by edit distance, the way compilers suggest names. */
export function suggestName(wanted: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(wanted.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(wanted, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0] ?? 0;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j] ?? 0;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      previous[j] = Math.min(above + 1, (previous[j - 1] ?? 0) + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return previous[b.length] ?? 0;
}
