import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompletionItem } from 'vscode-languageserver-protocol';
import {
  CompletionItemKind,
  CompletionResolveRequest,
  InsertTextFormat,
} from 'vscode-languageserver-protocol';
import { LspClient, marked } from './client.js';
import { klis, libraryAndApp } from './fixtures.js';

const { app } = libraryAndApp();
let client: LspClient;

beforeAll(async () => {
  client = await LspClient.start({ rootUri: `file://${app.root}` });
});
afterAll(() => client.stop());

let documentCount = 0;

/** Opens the marked text as a new file of the app workspace and completes at `<|>`. */
async function complete(source: string): Promise<CompletionItem[]> {
  const { text, cursor } = marked(source);
  const uri = app.uri(`completion-${++documentCount}.kli`);
  await client.open(uri, text);
  return client.completion(uri, cursor);
}

const labels = (items: CompletionItem[]) => items.map((i) => i.label);
const item = (items: CompletionItem[], label: string) => items.find((i) => i.label === label);

describe('completion', () => {
  it('offers the clause keywords of a KLI at the start of a line inside it', async () => {
    const items = await complete('package app.more\n\nkli k {\n  window 30 days\n  <|>\n}\n');
    expect(labels(items)).toEqual(
      expect.arrayContaining([
        'window',
        'let',
        'when',
        'score',
        'description',
        'owner',
        'since',
        'deprecated',
        'tags',
      ]),
    );
    expect(labels(items)).not.toContain('match');
    expect(labels(items)).not.toContain('merchant');
  });

  it('offers the children of a category after its path and a dot', async () => {
    const items = await complete(
      'package app.more\nimport bank.taxonomy\n\nlet x = category under food_and_drink.<|>\n',
    );
    expect(labels(items).sort()).toEqual(['coffee', 'restaurants']);
    expect(item(items, 'coffee')).toMatchObject({
      kind: CompletionItemKind.Module,
      detail: 'category · Coffee shops',
    });
  });

  it('offers the top categories after `category under`, with `uncategorized`', async () => {
    const items = await complete(
      'package app.more\nimport bank.taxonomy\n\nkli k {\n  when count(where category under <|>) > 1\n}\n',
    );
    expect(labels(items)).toEqual(expect.arrayContaining(['food_and_drink', 'home', 'uncategorized']));
    expect(labels(items)).not.toContain('coffee');
  });

  it("offers the customer's attributes after `customer.`, with their type", async () => {
    const items = await complete('package app.more\n\nsegment s {\n  where customer.<|>\n}\n');
    expect(labels(items).sort()).toEqual(['avg_balance', 'products']);
    expect(item(items, 'avg_balance')?.detail).toBe('money · customer attribute');
  });

  it('offers merchants after `merchant is` and inside `merchant in [`', async () => {
    for (const source of [
      'package app.more\nimport bank.taxonomy\n\nlet x = merchant is <|>\n',
      'package app.more\nimport bank.taxonomy\n\nlet x = merchant in [starbucks, <|>\n',
    ]) {
      const items = await complete(source);
      expect(labels(items)).toEqual(
        expect.arrayContaining(['starbucks', 'blue_bottle', 'mcdonalds', 'home_depot']),
      );
      expect(item(items, 'starbucks')).toMatchObject({
        kind: CompletionItemKind.Constant,
        detail: 'merchant · Starbucks',
      });
    }
  });

  it('offers KLIs, lets in scope and functions with signatures in a `when`, and fields inside `where`', async () => {
    const source = `package app.klis
import bank.taxonomy

kli k {
  let big = sum(amount where amount > 100)
  let shops = category under home
  when <|>
}
`;
    const atWhen = await complete(source);
    expect(labels(atWhen)).toEqual(
      expect.arrayContaining(['coffee_lover', 'home_spender', 'big', 'sum', 'count', 'customer']),
    );
    expect(labels(atWhen)).not.toContain('shops');
    expect(labels(atWhen)).not.toContain('amount');
    expect(item(atWhen, 'coffee_lover')).toMatchObject({
      kind: CompletionItemKind.Event,
      detail: 'KLI · Coffee lover',
    });
    expect(item(atWhen, 'big')).toMatchObject({
      kind: CompletionItemKind.Variable,
      detail: 'let in k · money',
    });
    expect(item(atWhen, 'sum')).toMatchObject({
      kind: CompletionItemKind.Function,
      detail: 'sum(amount where filter)',
      insertText: 'sum(${1:amount} where ${2})',
      insertTextFormat: InsertTextFormat.Snippet,
    });

    const inWhere = await complete(source.replace('when <|>', 'when count(where <|>) > 2'));
    expect(labels(inWhere)).toEqual(
      expect.arrayContaining(['amount', 'category', 'merchant', 'mcc', 'shops']),
    );
    expect(labels(inWhere)).not.toContain('coffee_lover');
    expect(labels(inWhere)).not.toContain('big');
  });

  it('offers operators after a value, and the window of an aggregate after its `)`', async () => {
    const afterCategory = await complete('package app.more\n\nlet x = category <|>\n');
    expect(labels(afterCategory)).toEqual(expect.arrayContaining(['is', 'under', 'in']));
    const afterAggregate = await complete(
      'package app.more\n\nkli k {\n  when sum(amount where amount > 0) <|>\n}\n',
    );
    expect(labels(afterAggregate)).toEqual(expect.arrayContaining(['between', 'over', 'and', 'or']));
    const afterWindowNumber = await complete('package app.more\n\nkli k {\n  window 3 <|>\n}\n');
    expect(labels(afterWindowNumber)).toEqual(['days', 'weeks', 'months', 'years']);
  });

  it('offers snippets for whole declarations at the top level', async () => {
    const items = await complete('package app.more\n\n<|>\n');
    for (const label of ['kli', 'segment', 'merchant', 'test']) {
      expect(item(items, label)).toMatchObject({
        kind: CompletionItemKind.Snippet,
        insertTextFormat: InsertTextFormat.Snippet,
      });
    }
    expect(item(items, 'kli')?.insertText).toContain('when ${0}');
    expect(labels(items)).toContain('import');
  });

  it('works inside half-written text that does not parse', async () => {
    // The `when` is unfinished and a brace is missing, yet the cursor's context is clear.
    const items = await complete(`package app.klis
import bank.taxonomy

kli broken {
  window 30 days
  when count(where category under food_and_drink.<|>

kli other { when coffee_lover and }
`);
    expect(labels(items).sort()).toEqual(['coffee', 'restaurants']);
    const names = await complete(`${klis}\nkli half { when coffee_lover and <|>`);
    expect(labels(names)).toEqual(expect.arrayContaining(['coffee_lover', 'home_spender', 'not']));
    const continued = await complete(`${klis}\nkli continued {\n  when coffee_lover and\n    <|>\n}\n`);
    expect(labels(continued)).toEqual(expect.arrayContaining(['coffee_lover', 'home_spender']));
    expect(labels(continued)).not.toContain('window');
  });

  it('offers the names of other packages with the import they need', async () => {
    const items = await complete('package app.elsewhere\n\nlet x = merchant is <|>\n');
    const starbucks = item(items, 'starbucks');
    expect(starbucks?.detail).toBe('merchant · Starbucks (adds import bank.taxonomy)');
    expect(starbucks?.additionalTextEdits).toEqual([
      {
        range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } },
        newText: 'import bank.taxonomy\n',
      },
    ]);
  });

  it('offers test vocabulary: what a descriptor maps to, and KLIs after `has`', async () => {
    const afterArrow = await complete('package app.more\n\ntest "t" {\n  transaction "SBUX 1" => <|>\n}\n');
    expect(labels(afterArrow)).toEqual(
      expect.arrayContaining(['merchant', 'category', 'cleansed', 'uncategorized']),
    );
    const afterHas = await complete('package app.klis\n\ntest "t" {\n  expect "c1" has <|>\n}\n');
    expect(labels(afterHas)).toEqual(expect.arrayContaining(['coffee_lover', 'home_spender']));
  });

  it('resolves an item to its documentation', async () => {
    const items = await complete('package app.klis\n\nsegment s {\n  when <|>\n}\n');
    const unresolved = item(items, 'coffee_lover')!;
    const resolved = await client.request(CompletionResolveRequest.type, unresolved);
    expect(JSON.stringify(resolved.documentation)).toContain('Buys coffee most weeks.');
    expect(JSON.stringify(resolved.documentation)).toContain('Marketing Analytics');
  });

  it('completes in a file that starts with blank lines', async () => {
    expect(labels(await complete('\n\n\n<|>'))).toContain('kli');
    expect(labels(await complete('\n\n  <|>\npackage app.blank\n'))).toContain('kli');
  });

  it('offers nothing inside a comment or a string', async () => {
    expect(await complete('package app.more\n// category under <|>\n')).toEqual([]);
    expect(await complete('package app.more\n\nmerchant m {\n  match prefix "STAR<|>\n}\n')).toEqual([]);
  });
});
