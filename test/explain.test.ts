import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkData } from '../compiler/data-check.js';
import { Engine } from '../compiler/duckdb.js';
import {
  explainCustomer,
  explainDescriptors,
  ExplainError,
  type CustomerExplanation,
} from '../compiler/explain.js';
import { run } from '../compiler/run.js';
import { standardLibraryRoot } from '../language/workspace.js';

const fixture = fileURLToPath(new URL('./fixtures/explain/', import.meta.url));
const transactions = join(fixture, 'data', 'transactions.csv');
const customers = join(fixture, 'data', 'customers.csv');
const shared = fileURLToPath(new URL('../../shared/data/', import.meta.url));
const bin = fileURLToPath(new URL('../bin/kli.js', import.meta.url));

function kli(args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const explain = (customer: string, asOf?: string) =>
  explainCustomer({
    workspace: fixture,
    customer,
    transactions: [transactions],
    customers,
    ...(asOf ? { asOf } : {}),
  });

const kliOf = (e: CustomerExplanation, name: string) => {
  const found = e.klis.find((k) => k.name === name);
  if (!found) throw new Error(`no KLI ${name}`);
  return found;
};

describe('kli explain --customer', () => {
  it('shows the transactions that made a KLI fire, filtered by the same window and filter as the run', async () => {
    const e = await explain('c1');
    expect(e.as_of).toBe('2025-06-29');
    expect(e.transactions).toBe(6);
    const coffee = kliOf(e, 'coffee_lover');
    expect(coffee).toMatchObject({ fired: true, score: 0.3, rule: 'explained/klis.kli:8' });
    expect(coffee.conditions.map((c) => [c.text, c.holds])).toEqual([
      ['count(where category is food.coffee) >= 3', true],
      ['sum(amount where category is food.coffee) >= 10', true],
    ]);
    const count = coffee.aggregates.find((a) => a.fn === 'count');
    expect(count).toMatchObject({ value: 3, matching: 3, window: { from: '2025-05-30', to: '2025-06-29' } });
    // The April coffee is outside the 30-day window; the three inside it are the ones listed.
    expect(count?.transactions.map((t) => [t.date, t.description, t.merchant])).toEqual([
      ['2025-06-20', 'JOES COFFEE HOUSE', 'coffee_shop'],
      ['2025-06-10', 'BLUE BOTTLE', 'blue_bottle'],
      ['2025-06-01', 'BLUE BOTTLE COFFE', 'blue_bottle'],
    ]);
    const traveler = kliOf(e, 'traveler');
    expect(traveler.aggregates[0]?.transactions.map((t) => t.amount)).toEqual([420]);
  });

  it('lists exactly the transactions each aggregate counts, for every customer and every KLI', async () => {
    for (const customer of ['c1', 'c2', 'c3', 'c4', 'c5']) {
      const e = await explain(customer);
      for (const kli of e.klis) {
        for (const aggregate of kli.aggregates) {
          expect(aggregate.transactions.length).toBe(aggregate.matching);
          if (aggregate.fn === 'count') expect(aggregate.value).toBe(aggregate.matching);
          if (aggregate.fn === 'sum') {
            const total = aggregate.transactions.reduce((sum, t) => sum + t.amount, 0);
            expect(Number(aggregate.value)).toBeCloseTo(total, 2);
          }
        }
      }
    }
  });

  it('says why a customer is or is not in each segment, condition by condition', async () => {
    const c2 = await explain('c2');
    const fans = c2.segments.find((s) => s.key === 'rich_coffee_fans');
    expect(fans?.member).toBe(false);
    expect(fans?.conditions.map((c) => [c.clause, c.text, c.holds])).toEqual([
      ['when', 'coffee_lover', false],
      ['where', 'customer.balance >= 1000', false],
    ]);
    expect(fans?.conditions[1]?.values).toEqual([{ text: 'customer.balance', value: '300.00' }]);
    const c1 = await explain('c1');
    expect(c1.segments.find((s) => s.key === 'rich_coffee_fans')?.member).toBe(true);
  });

  it('shows which member of an exclusive segmentation took the customer, and why the others did not', async () => {
    const tier = (e: CustomerExplanation) =>
      e.segmentations[0]?.members.map((m) => [m.key, m.status, m.member]);
    expect(tier(await explain('c1'))).toEqual([
      ['tier.jetset', 'chosen', true],
      ['tier.caffeine', 'taken by an earlier member', false],
      ['tier.everyone_else', 'taken by an earlier member', false],
    ]);
    const c3 = await explain('c3');
    expect(c3.segmentations[0]?.chosen).toBe('tier.everyone_else');
    expect(tier(c3)).toEqual([
      ['tier.jetset', 'conditions fail', false],
      ['tier.caffeine', 'conditions fail', false],
      ['tier.everyone_else', 'otherwise', true],
    ]);
  });

  it('explains a customer who is only in the customers file: zero counts, no transactions', async () => {
    const e = await explain('c5');
    expect(e.transactions).toBe(0);
    expect(e.klis.every((k) => !k.fired && k.aggregates.every((a) => a.matching === 0))).toBe(true);
  });

  it('gives the same answer when --as-of lets it drop other customers at read time', async () => {
    expect(await explain('c1', '2025-06-29')).toEqual(await explain('c1'));
  });

  it('names an unknown customer with examples of real ids, with or without --as-of', async () => {
    await expect(explain('c404')).rejects.toThrow(ExplainError);
    await expect(explain('c404')).rejects.toThrow(
      /no customer "c404" in .*; customer ids look like "c1", "c2"/,
    );
    await expect(explain('c404', '2025-06-29')).rejects.toThrow(/customer ids look like "c1", "c2", "c3"/);
  });
});

describe('kli explain --descriptor', () => {
  it('shows each cleanse step that changed the text, every rule that matches, and the winner', async () => {
    const [blue, market, whole, regex, unknown] = await explainDescriptors(fixture, [
      { descriptor: 'SQ *BLUE BOTTLE COFFEE 1234', mcc: 5814 },
      { descriptor: 'MARKET STREET GROCER' },
      { descriptor: 'WHOLEFDS #10233' },
      { descriptor: 'WHOLE FOODS MARKET' },
      { descriptor: 'SOMETHING UNKNOWN', mcc: 5411 },
    ]);
    expect(blue?.steps.map((s) => [s.kind, s.text, s.rule])).toEqual([
      ['strip_prefix', 'BLUE BOTTLE COFFEE 1234', 'explained/rules.kli:17'],
      ['replace', 'BLUE BOTTLE COFFEE ', 'explained/rules.kli:18'],
      ['trim', 'BLUE BOTTLE COFFEE', 'explained/rules.kli:20'],
    ]);
    expect(blue?.words).toEqual(['BLUE', 'BOTTLE', 'COFFEE']);
    expect(blue?.candidates.map((c) => [c.kind, c.merchant, c.won, c.why])).toEqual([
      [
        'prefix',
        'blue_bottle',
        true,
        'prefix is the strongest kind that matched, and the longest of its kind',
      ],
      ['contains', 'coffee_shop', false, 'prefix beats contains'],
    ]);
    expect(blue?.mcc_rules).toEqual([
      { low: 5814, high: 5814, category: 'food.coffee', rule: 'explained/rules.kli:80', won: false },
    ]);
    expect(market?.candidates.map((c) => [c.merchant, c.won])).toEqual([
      ['market', true],
      ['market_street', false],
    ]);
    expect(whole?.candidates.map((c) => [c.kind, c.won, c.why])).toEqual([
      ['exact', true, 'exact is the strongest kind that matched, and the longest of its kind'],
      ['regex', false, 'regexes are tried only when no exact, prefix or contains rule matched'],
    ]);
    expect(regex).toMatchObject({ merchant: 'grocery_outlet', match_kind: 'regex' });
    expect(unknown).toMatchObject({ merchant: null, category: 'food.groceries', match_kind: 'mcc' });
    expect(unknown?.candidates).toEqual([]);
    expect(unknown?.mcc_rules[0]?.won).toBe(true);
  });

  it('agrees with kli run on every distinct descriptor of the real data sets', async () => {
    const engine = await Engine.open();
    const files = [
      ['plaid_sandbox_custom_users/plaid_sandbox_transactions.csv', 'description'],
      ['za_bank_assessment/data_transactions.csv', 'description'],
      ['rules_jrstrunk_budget_parser/manual_transactions.csv', 'description'],
    ].filter(([file]) => existsSync(join(shared, file ?? '')));
    expect(files.length).toBeGreaterThan(0);
    const descriptors = (
      await engine.rows<{ d: string }>(
        files
          .map(
            ([file, column]) =>
              `SELECT DISTINCT "${column}" AS d FROM read_csv('${join(shared, file ?? '')}', all_varchar = true)`,
          )
          .join(' UNION ') + ' ORDER BY d',
      )
    )
      .map((r) => r.d)
      .filter((d) => d && !d.includes('\n'));
    engine.close();
    expect(descriptors.length).toBeGreaterThan(300);
    const folder = mkdtempSync(join(tmpdir(), 'kli-explain-agree-'));
    const csv = descriptors.map((d, i) => `t${i},c,2025-01-01,1,"${d.replace(/"/g, '""')}",`);
    writeFileSync(
      join(folder, 'in.csv'),
      ['txn_id,customer_id,posted_date,amount,description,mcc', ...csv].join('\n'),
    );
    const result = await run({
      workspace: standardLibraryRoot(),
      transactions: [join(folder, 'in.csv')],
      out: join(folder, 'out'),
      format: 'csv',
    });
    expect(result.ok).toBe(true);
    const reader = await Engine.open();
    const rows = await reader.rows<Record<string, string | null>>(
      `SELECT raw_description, description, merchant, category, matched_rule FROM read_csv('${join(folder, 'out', 'transactions.csv')}', all_varchar = true)`,
    );
    reader.close();
    const byRaw = new Map(rows.map((r) => [r['raw_description'], r]));
    const explained = await explainDescriptors(
      standardLibraryRoot(),
      descriptors.map((descriptor) => ({ descriptor })),
    );
    let matched = 0;
    for (const e of explained) {
      const expected = byRaw.get(e.raw);
      expect({
        raw: e.raw,
        description: e.description,
        merchant: e.merchant,
        category: e.category,
        rule: e.matched_rule,
      }).toEqual({
        raw: e.raw,
        description: expected?.['description'] ?? '',
        merchant: expected?.['merchant'] ?? null,
        category: expected?.['category'],
        rule: expected?.['matched_rule'] ?? null,
      });
      const winner = e.candidates.find((c) => c.won);
      if (e.merchant) {
        matched++;
        expect(winner?.merchant).toBe(e.merchant);
      } else expect(winner).toBeUndefined();
    }
    expect(matched).toBeGreaterThan(100);
  }, 120_000);
});

describe('kli check --data', () => {
  it('reports rules that decided no transaction, with a summary, and segments within others in the sample', async () => {
    const result = await checkData({ workspace: fixture, transactions: [transactions], customers });
    if (!result.ok) throw new Error(result.error);
    expect(result.summary).toEqual({ transactions: 12, rules: { total: 10, matched: 7 }, customers: 5 });
    const unused = result.diagnostics.filter((d) => d.code === 'unused-rule');
    expect(unused.map((d) => [d.message, d.range.start.line + 1])).toEqual([
      ['contains "MARKET STREET GROCER" of `market_street` decided no transaction of the data sample', 52],
      ['exact "CONCORDE" of `concorde` decided no transaction of the data sample', 74],
      ['regex "^WHOLE ?F(OO)?DS" of `grocery_outlet` decided no transaction of the data sample', 63],
    ]);
    expect(unused.every((d) => d.severity === 'info')).toBe(true);
    const segments = result.diagnostics.filter((d) => d.code.startsWith('segment-'));
    // coffee_fans ⊂ flyers holds in this sample only; pairs the conditions prove are `kli check`'s.
    expect(segments.map((d) => d.message)).toContain(
      'in the data sample, all 1 customer of `coffee_fans` are in `flyers` (2 customers)',
    );
    expect(segments.some((d) => d.message.includes('`rich_coffee_fans` are in `coffee_fans`'))).toBe(false);
    expect(
      segments.find((d) => d.message.includes('`coffee_fans` are in `flyers`'))?.related?.[0]?.range.start
        .line,
    ).toBe(39);
  });

  it('is a clear error for a file that does not exist', async () => {
    const result = await checkData({ workspace: fixture, transactions: [join(fixture, 'nope.csv')] });
    expect(result).toEqual({ ok: false, error: `transactions file not found: ${join(fixture, 'nope.csv')}` });
  });
});

describe('the command', () => {
  it('kli explain --help', () => {
    const { code, stdout } = kli(['explain', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: kli explain');
    expect(stdout).toContain('--descriptor <text>');
  });

  it('kli explain --descriptor --json', () => {
    const { code, stdout } = kli([
      'explain',
      fixture,
      '--descriptor',
      'PAYPAL *AMAZON PRIME 8885551212',
      '--json',
    ]);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as {
      merchant: string;
      candidates: { merchant: string; won: boolean }[];
    };
    expect(result.merchant).toBe('amazon_prime');
    expect(result.candidates.map((c) => [c.merchant, c.won])).toEqual([
      ['amazon_prime', true],
      ['amazon', false],
    ]);
  });

  it('kli explain --customer in text, and a clear error for an unknown one', () => {
    const ok = kli([
      'explain',
      fixture,
      '--customer',
      'c1',
      '--transactions',
      transactions,
      '--customers',
      customers,
    ]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('● coffee_lover fired, score 0.3');
    expect(ok.stdout).toContain('segmentation tier: tier.jetset');
    const bad = kli(['explain', fixture, '--customer', 'zz', '--transactions', transactions]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('kli explain: no customer "zz"');
    const neither = kli(['explain', fixture]);
    expect(neither.code).toBe(1);
    expect(neither.stderr).toContain('give --customer <id> --transactions <files...>, or --descriptor');
  });

  it('kli check reports overlaps; --overlaps adds specialisations; --data adds the sample', () => {
    const plain = kli(['check', fixture]);
    expect(plain.code).toBe(0);
    expect(plain.stderr).toContain('warning [overlap-beaten] contains "MARKET STREET GROCER"');
    expect(plain.stderr).not.toContain('prefix "AMAZON PRIME" (`amazon_prime`) claims');
    const all = kli(['check', fixture, '--overlaps']);
    expect(all.stderr).toContain(
      'info [merchant-overlap] contains "AMAZON" (`amazon`) also matches "AMAZON PRIME", which prefix "AMAZON PRIME" (`amazon_prime`) claims',
    );
    const data = kli(['check', fixture, '--data', transactions, '--customers', customers, '--json']);
    expect(data.code).toBe(0);
    const json = JSON.parse(data.stdout) as { data: { rules: object }; diagnostics: { code: string }[] };
    expect(json.data.rules).toEqual({ total: 10, matched: 7 });
    expect(json.diagnostics.filter((d) => d.code === 'unused-rule')).toHaveLength(3);
  });
});
