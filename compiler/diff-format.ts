import type { Change, ModelDiff } from '../language/diff.js';
import type { Classification, DataImpact } from './impact.js';

/** What `kli diff --format json` prints; `format` is bumped on any incompatible change of shape. */
export interface DiffReport {
  format: 'kli-diff/1';
  old: ModelDiff['old'] & { label: string };
  new: ModelDiff['new'] & { label: string };
  level: ModelDiff['level'];
  summary: ModelDiff['summary'];
  changes: Change[];
  impact: DataImpact | null;
}

export function diffReport(
  diff: ModelDiff,
  labels: { old: string; new: string },
  impact: DataImpact | null,
): DiffReport {
  return {
    format: 'kli-diff/1',
    old: { ...diff.old, label: labels.old },
    new: { ...diff.new, label: labels.new },
    level: diff.level,
    summary: diff.summary,
    changes: diff.changes,
    impact,
  };
}

const number = (n: number) => n.toLocaleString('en-US');
const classified = (c: Classification) => `${c.merchant ?? '(no merchant)'} / ${c.category}`;
const sign = (change: Change['change']) => ({ added: '+', removed: '-', changed: '~', renamed: '→' })[change];
const title = (c: Change) => `${c.kind} ${c.key}${c.renamedTo ? ` → ${c.renamedTo}` : ''}`;

function summaryLine(report: DiffReport): string {
  const s = report.summary;
  return `${s.added} added, ${s.removed} removed, ${s.renamed} renamed, ${s.changed} changed · ${s.major} major, ${s.minor} minor, ${s.patch} patch · needs a ${report.level} version`;
}

export function formatDiffText(report: DiffReport): string {
  const lines = [
    `kli diff · ${report.old.name} ${report.old.version} (${report.old.label}) → ${report.new.name} ${report.new.version} (${report.new.label})`,
  ];
  if (report.changes.length === 0) lines.push('no semantic changes');
  else lines.push(summaryLine(report).replace(' · needs a none version', ''));
  for (const change of report.changes) {
    lines.push('', `${sign(change.change)} ${title(change)}  [${change.level}] ${change.reasons.join('; ')}`);
    if (change.before)
      lines.push(`  before (${change.before.location}):`, indent(change.before.definition, 4));
    if (change.after) lines.push(`  after (${change.after.location}):`, indent(change.after.definition, 4));
  }
  if (report.impact) lines.push('', ...impactText(report.impact));
  return lines.join('\n');
}

function impactText(impact: DataImpact): string[] {
  const t = impact.transactions;
  const lines = [
    `impact on data · as_of ${impact.as_of}`,
    `transactions  ${number(t.changed)} of ${number(t.compared)} change classification (${number(t.merchant_changed)} merchant, ${number(t.category_changed)} category)${t.only_old || t.only_new ? ` · ${number(t.only_old)} read only by the old version, ${number(t.only_new)} only by the new` : ''}`,
  ];
  for (const row of t.top)
    lines.push(
      `  ${row.description} (${number(row.transactions)}): ${classified(row.before)} → ${classified(row.after)}`,
    );
  lines.push(`customers     ${number(impact.customers.old)} → ${number(impact.customers.new)}`);
  const klis = impact.klis.filter((k) => k.gained || k.lost || k.score_changed || k.in !== 'both');
  lines.push(`KLIs          ${klis.length ? '' : 'no customer changes'}`);
  for (const kli of klis) {
    const parts = [`+${number(kli.gained)} −${number(kli.lost)}`];
    if (kli.type === 'numeric') parts.push(`${number(kli.score_changed)} scores changed`);
    if (kli.in !== 'both') parts.push(`only in the ${kli.in} version`);
    const examples = [...kli.examples.gained.map((c) => `+${c}`), ...kli.examples.lost.map((c) => `−${c}`)];
    lines.push(
      `  ${kli.name}  ${number(kli.before)} → ${number(kli.after)}  ${parts.join(', ')}${examples.length ? `  e.g. ${examples.join(' ')}` : ''}`,
    );
  }
  const segments = impact.segments.filter((s) => s.entered || s.left);
  lines.push(`segments      ${segments.length ? '' : 'no customer changes'}`);
  for (const s of segments) {
    const examples = [...s.examples.entered.map((c) => `+${c}`), ...s.examples.left.map((c) => `−${c}`)];
    lines.push(
      `  ${s.segment}  ${number(s.before)} → ${number(s.after)}  +${number(s.entered)} −${number(s.left)}${examples.length ? `  e.g. ${examples.join(' ')}` : ''}`,
    );
  }
  return lines.map((l) => l.trimEnd());
}

/** For a pull-request comment: a summary table, each definition folded in `<details>`. */
export function formatDiffMarkdown(report: DiffReport): string {
  const out = [
    `### kli diff: ${report.old.name} ${report.old.version} → ${report.new.name} ${report.new.version}`,
    '',
    report.changes.length
      ? `**${summaryLine(report)}**`
      : 'No semantic changes: formatting and comments only, or nothing at all.',
  ];
  if (report.changes.length) {
    out.push('', '| change | kind | name | level | why |', '|---|---|---|---|---|');
    for (const c of report.changes)
      out.push(
        `| ${c.change} | ${c.kind} | \`${cell(c.key)}\`${c.renamedTo ? ` → \`${cell(c.renamedTo)}\`` : ''} | **${c.level}** | ${cell(c.reasons.join('; '))} |`,
      );
    out.push('');
    for (const c of report.changes) {
      out.push(`<details><summary>${c.change} ${escapeHtml(title(c))}</summary>`, '');
      if (c.before) out.push(`Before (\`${c.before.location}\`):`, '', fence(c.before.definition), '');
      if (c.after) out.push(`After (\`${c.after.location}\`):`, '', fence(c.after.definition), '');
      out.push('</details>');
    }
  }
  if (report.impact) out.push('', ...impactMarkdown(report.impact));
  return out.join('\n') + '\n';
}

function impactMarkdown(impact: DataImpact): string[] {
  const t = impact.transactions;
  const out = [
    `#### Impact on data (as_of ${impact.as_of})`,
    '',
    `${number(t.changed)} of ${number(t.compared)} transactions change classification: ${number(t.merchant_changed)} merchant, ${number(t.category_changed)} category.`,
  ];
  if (t.top.length) {
    out.push('', '| descriptor | transactions | before | after |', '|---|---:|---|---|');
    for (const row of t.top)
      out.push(
        `| \`${cell(row.description)}\` | ${number(row.transactions)} | ${cell(classified(row.before))} | ${cell(classified(row.after))} |`,
      );
  }
  out.push('', '| KLI | before | after | gained | lost | scores changed |', '|---|---:|---:|---:|---:|---:|');
  for (const k of impact.klis)
    out.push(
      `| \`${k.name}\`${k.in === 'both' ? '' : ` (${k.in} only)`} | ${number(k.before)} | ${number(k.after)} | ${number(k.gained)} | ${number(k.lost)} | ${k.type === 'numeric' ? number(k.score_changed) : '—'} |`,
    );
  out.push('', '| segment | before | after | entered | left |', '|---|---:|---:|---:|---:|');
  for (const s of impact.segments)
    out.push(
      `| \`${s.segment}\` | ${number(s.before)} | ${number(s.after)} | ${number(s.entered)} | ${number(s.left)} |`,
    );
  const examples = [
    ...t.examples.map(
      (e) =>
        `- transaction \`${cell(e.txn_id)}\` ${cell(e.raw_description)}: ${classified(e.before)} → ${classified(e.after)}`,
    ),
    ...impact.klis
      .filter((k) => k.examples.gained.length || k.examples.lost.length)
      .map(
        (k) =>
          `- KLI \`${k.name}\`: gained ${k.examples.gained.join(', ') || '—'}; lost ${k.examples.lost.join(', ') || '—'}`,
      ),
    ...impact.segments
      .filter((s) => s.entered || s.left)
      .map(
        (s) =>
          `- segment \`${s.segment}\`: entered ${s.examples.entered.join(', ') || '—'}; left ${s.examples.left.join(', ') || '—'}`,
      ),
  ];
  if (examples.length)
    out.push('', '<details><summary>Examples</summary>', '', ...examples, '', '</details>');
  return out;
}

function indent(text: string, spaces: number): string {
  return text
    .split('\n')
    .map((line) => ' '.repeat(spaces) + line)
    .join('\n');
}

function fence(text: string): string {
  return '```kli\n' + text.replace(/```/g, '`\u200b``') + '\n```';
}

function cell(text: string): string {
  return escapeHtml(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
