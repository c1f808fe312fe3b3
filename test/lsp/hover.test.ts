import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LspClient, marked } from './client.js';
import { klis, libraryAndApp, taxonomy } from './fixtures.js';

const { app, lib } = libraryAndApp();
let client: LspClient;

beforeAll(async () => {
  client = await LspClient.start({ rootUri: `file://${app.root}` });
});
afterAll(() => client.stop());

let documentCount = 0;

/** The hover text at `<|>` of the marked text, opened as a file of the app, and its range. */
async function hoverAt(source: string, file = `hover-${++documentCount}.kli`) {
  const { text, cursor, ranges } = marked(source);
  const uri = app.uri(file);
  await client.open(uri, text);
  const result = await client.hover(uri, cursor);
  const contents = result?.contents;
  const value = contents && typeof contents === 'object' && 'value' in contents ? contents.value : '';
  return { value, range: result?.range, ranges };
}

describe('hover', () => {
  it('shows a KLI: doc comment, display name, owner, version, type and compiled SQL', async () => {
    const { value, range, ranges } = await hoverAt(
      klis.replace('when coffee_lover and', 'when <|name:coffee<|>_lover|> and'),
      'klis.kli',
    );
    expect(range).toEqual(ranges['name']);
    expect(value).toContain('kli coffee_lover "Coffee lover"');
    expect(value).toContain('Buys coffee most weeks.');
    expect(value).toContain('*Two or more coffee purchases in 30 days*');
    expect(value).toContain('owner: Marketing Analytics · since 1.3.0 · package `app.klis` in app 1.0.0');
    expect(value).toContain(
      'type: `boolean` (fires or not); `coffee_lover.score`: `number` · looks back 30 days',
    );
    expect(value).toMatch(
      /```sql\n-- coffee_lover: the flag\ncoalesce\(\("agg_1" >= 2\), false\) AS "kli_coffee_lover"/,
    );
    expect(value).toContain(`"category" IN ('food_and_drink.coffee')`);
  });

  it("shows a segment's SQL, and says why there is none while it has errors", async () => {
    const { value } = await hoverAt(
      `package app.more\nimport app.klis\n\nsegment <|>fans {\n  when coffee_lover\n}\n`,
    );
    expect(value).toContain('segment fans');
    expect(value).toContain('-- fans: who is in the segment\ncoalesce("kli_coffee_lover", false)');
    const broken = await hoverAt(`package app.more\n\nsegment <|>skeptics {\n  when nothing_like_this\n}\n`);
    expect(broken.value).toContain('_SQL: fix the errors in `skeptics` to see its SQL_');
  });

  it('shows how many merchants map to a category and below it', async () => {
    const top = await hoverAt(
      `package app.more\nimport bank.taxonomy\n\nlet x = category under <|>food_and_drink\n`,
    );
    expect(top.value).toContain('category food_and_drink "Food & Drink"');
    expect(top.value).toContain('Eating and drinking out.');
    expect(top.value).toContain(
      '3 merchants map to it (0 directly, the rest to subcategories) · 2 subcategories',
    );
    const leaf = await hoverAt(
      `package app.more\nimport bank.taxonomy\n\nlet x = category is food_and_drink.<|>coffee\n`,
    );
    expect(leaf.value).toContain('2 merchants map to it');
    expect(leaf.value).toContain('package `bank.taxonomy` in rules 1.2.0');
  });

  it("shows a let's type, a local let's KLI, an attribute, a field and a function", async () => {
    const source = `package app.more
import bank.taxonomy

let dining = category under food_and_drink

kli k {
  let total = sum(<|amount|>amount where <|dining|>dining)
  when <|total|>total > customer.<|balance|>avg_balance and <|count|>count() > 1
}
`;
    const { text, at } = marked(source);
    const uri = app.uri('hover-types.kli');
    await client.open(uri, text);
    const show = async (name: string) => {
      const result = await client.hover(uri, at[name]!);
      return result && typeof result.contents === 'object' && 'value' in result.contents
        ? result.contents.value
        : '';
    };
    expect(await show('dining')).toContain('let dining: transaction filter');
    expect(await show('total')).toContain('let total: money');
    expect(await show('total')).toContain('local to KLI `k`');
    expect(await show('balance')).toContain('customer.avg_balance: money');
    expect(await show('balance')).toContain('Average balance, last 90 days');
    expect(await show('amount')).toContain('amount: money');
    expect(await show('count')).toContain('count(where filter) → number');
  });

  it('answers nothing on a keyword or blank space', async () => {
    const { text } = marked(klis);
    const uri = app.uri('klis.kli');
    await client.open(uri, text);
    expect(await client.hover(uri, { line: 0, character: 2 })).toBeNull();
    expect(await client.hover(uri, { line: 2, character: 0 })).toBeNull();
    expect(taxonomy).toContain('bank.taxonomy');
    expect(lib.root).toBeTruthy();
  });
});
