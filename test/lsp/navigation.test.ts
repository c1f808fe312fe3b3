import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DocumentHighlightKind,
  DocumentHighlightRequest,
  PrepareRenameRequest,
  RenameRequest,
  type Location,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { applyEdits, LspClient, marked } from './client.js';
import { klis, libraryAndApp, taxonomy } from './fixtures.js';

const more = `package app.more
import app.klis
import bank.taxonomy

kli espresso {
  when coffee_lover and count(where merchant is starbucks) > 3
}
`;
const { app, lib } = libraryAndApp({ 'klis.kli': klis, 'more.kli': more });
let client: LspClient;

beforeAll(async () => {
  client = await LspClient.start({ rootUri: `file://${app.root}` });
  await client.open(app.uri('klis.kli'), klis);
  await client.open(app.uri('more.kli'), more);
});
afterAll(() => client.stop());

/** `file:line:col` for each location, sorted: reads like a grep. */
function places(locations: Location[]): string[] {
  const name = (uri: string) =>
    uri.replace(`file://${app.root}/`, 'app/').replace(`file://${lib.root}/`, 'rules/');
  return locations
    .map((l) => `${name(l.uri)}:${l.range.start.line + 1}:${l.range.start.character + 1}`)
    .sort();
}

function positionOf(text: string, needle: string, offsetInNeedle = 0) {
  const index = text.indexOf(needle) + offsetInNeedle;
  const before = text.slice(0, index).split('\n');
  return { line: before.length - 1, character: before[before.length - 1]!.length };
}

describe('go to definition', () => {
  it('goes from a use to the declaration, in another file or in the library', async () => {
    const toKli = await client.definition(app.uri('more.kli'), positionOf(more, 'coffee_lover and', 3));
    expect(places(toKli)).toEqual(['app/klis.kli:5:5']);
    const toMerchant = await client.definition(app.uri('more.kli'), positionOf(more, 'starbucks'));
    expect(places(toMerchant)).toEqual(['rules/taxonomy.kli:16:10']);
    const toSubcategory = await client.definition(
      app.uri('klis.kli'),
      positionOf(klis, 'food_and_drink.coffee', 16),
    );
    expect(places(toSubcategory)).toEqual(['rules/taxonomy.kli:6:12']);
  });

  it("goes from a local let to its line, and from an import to the package's files", async () => {
    const toLocal = await client.definition(app.uri('klis.kli'), positionOf(klis, 'cups >= 2'));
    expect(places(toLocal)).toEqual(['app/klis.kli:10:7']);
    const toPackage = await client.definition(app.uri('more.kli'), positionOf(more, 'bank.taxonomy', 5));
    expect(places(toPackage)).toEqual(['rules/taxonomy.kli:1:9']);
  });
});

describe('find references', () => {
  it('finds every use across the workspace and its dependency, with or without the declaration', async () => {
    const at = positionOf(taxonomy, 'starbucks "Starbucks"');
    await client.open(lib.uri('taxonomy.kli'), taxonomy);
    const all = await client.references(lib.uri('taxonomy.kli'), at);
    expect(places(all)).toEqual(['app/more.kli:6:49', 'rules/taxonomy.kli:16:10']);
    const uses = await client.references(app.uri('more.kli'), positionOf(more, 'starbucks'), false);
    expect(places(uses)).toEqual(['app/more.kli:6:49']);
  });

  it('finds the uses of a category in paths', async () => {
    const found = await client.references(
      lib.uri('taxonomy.kli'),
      positionOf(taxonomy, 'coffee "Coffee shops"'),
    );
    expect(places(found)).toEqual([
      'app/klis.kli:10:56',
      'rules/taxonomy.kli:18:27',
      'rules/taxonomy.kli:23:27',
      'rules/taxonomy.kli:6:12',
    ]);
  });
});

describe('document highlights', () => {
  it('marks the declaration as written and the uses as read', async () => {
    const highlights = await client.request(DocumentHighlightRequest.type, {
      textDocument: { uri: app.uri('klis.kli') },
      position: positionOf(klis, 'cups /'),
    });
    expect(highlights?.map((h) => [h.range.start.line + 1, h.kind])).toEqual([
      [10, DocumentHighlightKind.Write],
      [11, DocumentHighlightKind.Read],
      [12, DocumentHighlightKind.Read],
    ]);
  });
});

describe('rename', () => {
  it('prepares with the range and name under the cursor, and refuses built-ins', async () => {
    const { text, cursor, ranges } = marked(more.replace('is starbucks', 'is <|name:star<|>bucks|>'));
    expect(text).toBe(more);
    const prepared = await client.request(PrepareRenameRequest.type, {
      textDocument: { uri: app.uri('more.kli') },
      position: cursor,
    });
    expect(prepared).toEqual({ range: ranges['name'], placeholder: 'starbucks' });
    await expect(
      client.request(PrepareRenameRequest.type, {
        textDocument: { uri: app.uri('more.kli') },
        position: positionOf(more, 'merchant is'),
      }),
    ).rejects.toThrow('built-in names cannot be renamed');
  });

  it('renames a KLI in every file that uses it, and the result checks clean', async () => {
    const edit = (await client.request(RenameRequest.type, {
      textDocument: { uri: app.uri('klis.kli') },
      position: positionOf(klis, 'kli coffee_lover', 4),
      newName: 'coffee_fan',
    })) as WorkspaceEdit;
    const changes = edit.changes ?? {};
    expect(Object.keys(changes).sort()).toEqual([app.uri('klis.kli'), app.uri('more.kli')]);
    const renamedKlis = applyEdits(klis, changes[app.uri('klis.kli')]!);
    const renamedMore = applyEdits(more, changes[app.uri('more.kli')]!);
    expect(renamedKlis).toContain('kli coffee_fan "Coffee lover"');
    expect(renamedKlis).toContain('when coffee_fan and not');
    expect(renamedMore).toContain('when coffee_fan and count');
    expect(renamedKlis).not.toContain('coffee_lover');
    expect(await client.replace(app.uri('klis.kli'), renamedKlis)).toEqual([]);
    expect(await client.replace(app.uri('more.kli'), renamedMore)).toEqual([]);
    await client.replace(app.uri('klis.kli'), klis);
    await client.replace(app.uri('more.kli'), more);
  });

  it("renames a library's merchant in the library and in the workspace that depends on it", async () => {
    await client.open(lib.uri('taxonomy.kli'), taxonomy);
    const edit = (await client.request(RenameRequest.type, {
      textDocument: { uri: app.uri('more.kli') },
      position: positionOf(more, 'starbucks'),
      newName: 'sbux',
    })) as WorkspaceEdit;
    const changes = edit.changes ?? {};
    expect(Object.keys(changes).sort()).toEqual([app.uri('more.kli'), lib.uri('taxonomy.kli')].sort());
    expect(applyEdits(taxonomy, changes[lib.uri('taxonomy.kli')]!)).toContain('merchant sbux "Starbucks"');
    expect(readFileSync(lib.path('taxonomy.kli'), 'utf8')).toBe(taxonomy);
  });

  it('renames a local let only inside its KLI', async () => {
    const edit = (await client.request(RenameRequest.type, {
      textDocument: { uri: app.uri('klis.kli') },
      position: positionOf(klis, 'cups >= 2'),
      newName: 'purchases',
    })) as WorkspaceEdit;
    const edits = edit.changes?.[app.uri('klis.kli')] ?? [];
    expect(edits.map((e) => e.range.start.line + 1)).toEqual([10, 11, 12]);
  });

  it('refuses keywords, names that are not names, and names already taken', async () => {
    const rename = (newName: string) =>
      client.request(RenameRequest.type, {
        textDocument: { uri: app.uri('klis.kli') },
        position: positionOf(klis, 'kli coffee_lover', 4),
        newName,
      });
    await expect(rename('when')).rejects.toThrow('`when` is a keyword of the language');
    await expect(rename('coffee lover')).rejects.toThrow('is not a name');
    await expect(rename('home_spender')).rejects.toThrow(
      '`home_spender` is already declared in package `app.klis`',
    );
  });
});
