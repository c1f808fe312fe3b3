import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { versionBump } from '../language/diff.js';
import { jsonValueRange } from '../language/lock.js';
import { diffLibraries } from '../compiler/library-diff.js';
import type { DiffReport } from '../compiler/diff-format.js';
import { checkFiles } from './helpers.js';

const bin = fileURLToPath(new URL('../bin/kli.js', import.meta.url));
const fixtures = fileURLToPath(new URL('./fixtures/diff', import.meta.url));
const v1 = join(fixtures, 'v1');
const v2 = join(fixtures, 'v2');
const transactions = join(fixtures, 'data', 'transactions.csv');
const customers = join(fixtures, 'data', 'customers.csv');

function kli(args: string[], cwd = process.cwd()) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const scratch: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kli-gov-'));
  scratch.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

const find = (report: DiffReport, kind: string, key: string) =>
  report.changes.find((c) => c.kind === kind && c.key === key);

describe('kli diff: the semantic diff', () => {
  let report: DiffReport;
  beforeAll(async () => {
    report = await diffLibraries(v1, v2);
  });

  it('finds each kind of change, with its level', () => {
    const summary = report.changes.map((c) => `${c.change} ${c.kind} ${c.key} ${c.level}`);
    expect(summary).toEqual([
      'added category food.bakery minor',
      'removed category fuel major',
      'added merchant blue_bottle minor',
      'changed merchant peets minor',
      'removed merchant shell major',
      'changed merchant wholefoods patch',
      'added mcc 4511 minor',
      'changed mcc 5541 minor',
      'changed cleanse #1 minor',
      'changed kli big_spender major',
      'changed kli coffee_lover minor',
      'renamed kli fuel_buyer major',
      'changed segment coffee_fans patch',
      'changed segment drivers minor',
      'added segment tier.mid minor',
      'changed segmentation tier minor',
    ]);
    expect(report.level).toBe('major');
    expect(report.summary).toMatchObject({ major: 4, minor: 10, patch: 2, renamed: 1 });
  });

  it('ignores layout and comments: a re-commented merchant and an unchanged source give no entry', () => {
    expect(readFileSync(join(v2, 'rules.kli'), 'utf8')).toContain('// The chain everyone knows');
    expect(find(report, 'merchant', 'starbucks')).toBeUndefined();
    expect(find(report, 'source', 'bank')).toBeUndefined();
  });

  it('shows the definition before and after, in canonical layout', () => {
    const coffee = find(report, 'kli', 'coffee_lover');
    expect(coffee?.before?.definition).toContain('when count(where category is food.coffee) >= 3');
    expect(coffee?.after?.definition).toContain('when count(where category is food.coffee) >= 2');
    expect(coffee?.after?.location).toBe('klis.kli:4');
    expect(find(report, 'kli', 'big_spender')?.reasons).toEqual(['type numeric → boolean']);
    expect(find(report, 'kli', 'fuel_buyer')?.renamedTo).toBe('driver');
    expect(find(report, 'segment', 'coffee_fans')?.reasons).toEqual(['metadata: description']);
  });

  it('reports nothing between a version and itself', async () => {
    const same = await diffLibraries(v1, v1);
    expect(same.changes).toEqual([]);
    expect(same.level).toBe('none');
  });

  it('reads version bumps the semver way (0.x: the minor part is the major one)', () => {
    expect(versionBump('1.4.2', '2.0.0')).toBe('major');
    expect(versionBump('1.4.2', '1.5.0')).toBe('minor');
    expect(versionBump('1.4.2', '1.4.3')).toBe('patch');
    expect(versionBump('0.1.0', '0.2.0')).toBe('major');
    expect(versionBump('1.0.0', '1.0.0')).toBe('none');
  });
});

describe('kli diff: the impact on data', () => {
  it('counts what changes on a hand-made data set, as worked out by hand from the rules', async () => {
    const { impact } = await diffLibraries(v1, v2, { impact: { transactions: [transactions], customers } });
    if (!impact) throw new Error('no impact');
    // PEET S (now matched by a new prefix), SHELL (merchant removed, MCC 5541 now travel), two TST* BLUE
    // BOTTLE (new cleanse prefix + new merchant) change merchant; those and CHEVRON (MCC only) change category.
    expect(impact.transactions).toMatchObject({
      compared: 12,
      changed: 5,
      merchant_changed: 4,
      category_changed: 5,
    });
    expect(impact.transactions.top[0]).toEqual({
      description: 'BLUE BOTTLE',
      transactions: 2,
      before: { merchant: null, category: 'uncategorized' },
      after: { merchant: 'blue_bottle', category: 'food.coffee' },
    });
    expect(impact.customers).toEqual({ old: 6, new: 6 });
    const kli = (name: string) => impact.klis.find((k) => k.name === name);
    expect(kli('coffee_lover')).toMatchObject({ before: 1, after: 3, gained: 2, lost: 0 });
    expect(kli('coffee_lover')?.examples.gained).toEqual(['c1', 'c3']);
    expect(kli('fuel_buyer')).toMatchObject({ in: 'old', before: 2, lost: 2 });
    expect(kli('driver')).toMatchObject({ in: 'new', after: 2, gained: 2 });
    // c5 spends 190: score min(190 / 200, 1) = 0.95 before, 1 as a boolean KLI after.
    expect(kli('big_spender')).toMatchObject({ type: 'numeric', gained: 0, lost: 0, score_changed: 1 });
    expect(kli('big_spender')?.examples.score_changed).toEqual([
      { customer_id: 'c5', before: 0.95, after: 1 },
    ]);
    const segment = (name: string) => impact.segments.find((s) => s.segment === name);
    expect(segment('coffee_fans')).toMatchObject({ before: 1, after: 3, entered: 2, left: 0 });
    expect(segment('tier.mid')).toMatchObject({ before: 0, after: 2, entered: 2 });
    // c6 is in the customers file only: no KLI, so `standard` in both versions.
    expect(segment('tier.standard')).toMatchObject({ before: 4, after: 2, left: 2 });
    expect(segment('tier.standard')?.examples.left).toEqual(['c1', 'c3']);
    expect(segment('drivers')).toMatchObject({ before: 2, after: 2, entered: 0, left: 0 });
  });
});

describe('kli diff (the command)', () => {
  it('prints text by default, exit 0 even with major changes', () => {
    const { code, stdout } = kli(['diff', v1, v2]);
    expect(code).toBe(0);
    expect(stdout).toContain('→ kli fuel_buyer → driver  [major]');
    expect(stdout).toContain('needs a major version');
  });

  it('prints a stable JSON shape and markdown for a pull request', () => {
    const json = JSON.parse(kli(['diff', v1, v2, '--format', 'json']).stdout) as DiffReport;
    expect(json.format).toBe('kli-diff/1');
    expect(json.old).toMatchObject({ name: 'shop', version: '1.0.0' });
    expect(json.impact).toBeNull();
    const markdown = kli(['diff', v1, v2, '--format', 'markdown', '--transactions', transactions]).stdout;
    expect(markdown).toContain('| renamed | kli | `fuel_buyer` → `driver` | **major** |');
    expect(markdown).toContain('<details><summary>changed kli coffee_lover</summary>');
    expect(markdown).toContain('| `coffee_fans` | 1 | 3 | 2 | 0 |');
  });

  it('fails CI with --fail-on major only when there is a major change', () => {
    expect(kli(['diff', v1, v2, '--fail-on', 'major']).code).toBe(1);
    expect(kli(['diff', v1, v1, '--fail-on', 'patch']).code).toBe(0);
  });
});

describe('git refs, the lock file and version checks', () => {
  let repo: string;
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: repo });
  beforeAll(() => {
    repo = tempDir();
    git('init', '-q');
    cpSync(v1, join(repo, 'lib'), { recursive: true });
    git('add', '.');
    git('commit', '-q', '-m', 'v1');
    git('tag', 'v1');
    rmSync(join(repo, 'lib'), { recursive: true });
    cpSync(v2, join(repo, 'lib'), { recursive: true });
    git('add', '-A');
    git('commit', '-q', '-m', 'v2');
  });

  it('diffs a git ref against a folder, and two refs with paths', () => {
    const bare = JSON.parse(kli(['diff', 'v1', 'lib', '--format', 'json'], repo).stdout) as DiffReport;
    expect(bare.old.label).toBe('v1:lib');
    expect(bare.summary.major).toBe(4);
    const refs = JSON.parse(
      kli(['diff', 'v1:lib', 'HEAD:lib', '--format', 'json'], repo).stdout,
    ) as DiffReport;
    expect(refs.changes).toEqual(bare.changes);
    expect(JSON.parse(kli(['diff', 'HEAD~1:lib', 'v1:lib', '--format', 'json'], repo).stdout).level).toBe(
      'none',
    );
  });

  it('says clearly when a ref is unknown or there is no repository', () => {
    const unknown = kli(['diff', 'v9', 'lib'], repo);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('"v9" is not a known git ref');
    const outside = kli(['diff', 'main~3', v2], tempDir());
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain('is not in a git repository');
  });

  it('kli check --baseline: a breaking change without a major version is an error at kli.json version', () => {
    const { code, stderr } = kli(['check', 'lib', '--baseline', 'v1'], repo);
    expect(code).toBe(1);
    const manifest = readFileSync(join(repo, 'lib', 'kli.json'), 'utf8');
    const at = jsonValueRange(manifest, ['version']);
    expect(at).toBeDefined();
    expect(stderr).toContain(
      `lib/kli.json:${(at?.start.line ?? 0) + 1}:${(at?.start.character ?? 0) + 1}: error [version-bump-required]`,
    );
    expect(stderr).toContain('kli big_spender type numeric → boolean; kli fuel_buyer renamed to driver');
    writeFileSync(join(repo, 'lib', 'kli.json'), manifest.replace('"1.1.0"', '"2.0.0"'));
    expect(kli(['check', 'lib', '--baseline', 'v1'], repo).stderr).not.toContain('version-bump-required');
    writeFileSync(join(repo, 'lib', 'kli.json'), manifest);
  });

  it('kli lock pins dependencies; kli check verifies them', () => {
    const dir = tempDir();
    cpSync(v1, join(dir, 'lib'), { recursive: true });
    mkdirSync(join(dir, 'app'));
    writeFileSync(
      join(dir, 'app', 'kli.json'),
      '{\n  "name": "app",\n  "version": "1.0.0",\n  "dependencies": { "shop": { "path": "../lib", "version": "^1.0.0" } }\n}\n',
    );
    writeFileSync(
      join(dir, 'app', 'app.kli'),
      'package app\nimport shop.klis\n\nkli fan { when coffee_lover }\n',
    );
    expect(kli(['lock', 'app'], dir).code).toBe(0);
    const lock = JSON.parse(readFileSync(join(dir, 'app', 'kli.lock'), 'utf8'));
    expect(lock.dependencies.shop).toMatchObject({ version: '1.0.0', range: '^1.0.0', path: '../lib' });
    expect(lock.dependencies.shop.surface.klis).toContainEqual({ name: 'big_spender', type: 'numeric' });
    expect(kli(['check', 'app'], dir).code).toBe(0);

    // Same version, other content: the lock catches it.
    writeFileSync(join(dir, 'lib', 'extra.kli'), 'package shop.extra\n\ncategory extra "Extra"\n');
    const changed = kli(['check', 'app'], dir);
    expect(changed.code).toBe(1);
    expect(changed.stderr).toMatch(/app\/kli\.json:4:\d+: error \[lock-content-changed\]/);

    // A new version outside the lock, with breaking changes but only a minor bump.
    rmSync(join(dir, 'lib'), { recursive: true });
    cpSync(v2, join(dir, 'lib'), { recursive: true });
    const upgraded = kli(['check', 'app'], dir);
    expect(upgraded.stderr).toContain('error [lock-outdated] dependency "shop" resolved to 1.1.0');
    expect(upgraded.stderr).toMatch(
      /lib\/kli\.json:3:14: error \[version-bump-required\] "shop" 1\.0\.0 → 1\.1\.0/,
    );
    expect(upgraded.stderr).toContain('KLI fuel_buyer removed');
  });
});

describe('deprecated names', () => {
  it('warn at every use, in the library and in its users', () => {
    const { diagnostics } = checkFiles(
      {
        'a.kli':
          'package a\nimport dep\nkli k { when old }\nsegment s { when old and k action { offer "x" } }',
      },
      { 'dep.kli': 'package dep\nkli old { deprecated "use new" when true }\nkli other { when old }' },
    );
    const uses = diagnostics.filter((d) => d.code === 'deprecated-use');
    expect(uses.map((d) => `${d.file}:${d.range.start.line}`).sort()).toEqual([
      '/dep/dep.kli:2',
      '/ws/a.kli:2',
      '/ws/a.kli:3',
    ]);
  });
});
