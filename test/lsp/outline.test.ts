import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DocumentSymbolRequest,
  FoldingRangeRequest,
  SemanticTokensRequest,
  SymbolKind,
  WorkspaceSymbolRequest,
  type DocumentSymbol,
} from 'vscode-languageserver-protocol';
import { LspClient } from './client.js';
import { klis, libraryAndApp, taxonomy } from './fixtures.js';

const { app } = libraryAndApp();
let client: LspClient;

beforeAll(async () => {
  client = await LspClient.start({ rootUri: `file://${app.root}` });
  await client.open(app.uri('klis.kli'), klis);
});
afterAll(() => client.stop());

const kindNames = new Map(Object.entries(SymbolKind).map(([name, value]) => [value, name]));

function outline(symbols: DocumentSymbol[], depth = 0): string[] {
  return symbols.flatMap((s) => [
    `${'  '.repeat(depth)}${kindNames.get(s.kind)} ${s.name}${s.detail ? ` (${s.detail})` : ''}`,
    ...outline(s.children ?? [], depth + 1),
  ]);
}

describe('document symbols', () => {
  it("outlines a file's declarations, with KLI lets and subcategories inside", async () => {
    const symbols = (await client.request(DocumentSymbolRequest.type, {
      textDocument: { uri: app.uri('klis.kli') },
    })) as DocumentSymbol[];
    expect(outline(symbols)).toEqual([
      'Event coffee_lover (Coffee lover)',
      '  Variable cups',
      'Event home_spender (Home spender)',
      '  Variable spend',
      'Struct caffeinated (Caffeinated)',
    ]);
    const uri = app.uri('outline.kli');
    await client.open(uri, taxonomy.replace('package bank.taxonomy', 'package app.outline'));
    const library = (await client.request(DocumentSymbolRequest.type, {
      textDocument: { uri },
    })) as DocumentSymbol[];
    expect(outline(library).slice(0, 6)).toEqual([
      'Namespace food_and_drink (Food & Drink)',
      '  Namespace coffee (Coffee shops)',
      '  Namespace restaurants (Restaurants)',
      '    Namespace fast_food (Fast food)',
      'Namespace home (Home)',
      '  Namespace hardware (Hardware)',
    ]);
    expect(outline(library).slice(-3)).toEqual([
      'Object customer (customer attributes)',
      '  Field avg_balance (money)',
      '  Field products (products)',
    ]);
  });
});

describe('workspace symbols', () => {
  it('finds declarations across the workspace and its dependencies by the letters of their name', async () => {
    const found = await client.request(WorkspaceSymbolRequest.type, { query: 'cofe' });
    const names = (found ?? []).map((s) => `${s.name} ${s.containerName}`).sort();
    expect(names).toEqual(['coffee_lover app.klis', 'food_and_drink.coffee bank.taxonomy']);
  });
});

describe('folding ranges', () => {
  it('folds blocks, comment runs and imports, also in text that does not parse', async () => {
    const uri = app.uri('folding.kli');
    await client.open(
      uri,
      `// one
// two
package app.folding
import a.b
import c.d

kli k {
  when 1 > (
}

merchant m {
  match prefix "A",
    "B"
}
`,
    );
    const ranges = await client.request(FoldingRangeRequest.type, { textDocument: { uri } });
    expect(
      ranges?.map((r) => `${r.startLine + 1}-${r.endLine + 1}${r.kind ? ` ${r.kind}` : ''}`).sort(),
    ).toEqual(['1-2 comment', '11-13', '4-5 imports', '7-8']);
  });
});

describe('semantic tokens', () => {
  it('tells KLIs, lets, categories, merchants, fields and functions apart, and marks declarations', async () => {
    const tokens = await client.request(SemanticTokensRequest.type, {
      textDocument: { uri: app.uri('klis.kli') },
    });
    const legend = {
      types: [
        'namespace',
        'enum',
        'class',
        'event',
        'struct',
        'variable',
        'property',
        'function',
        'keyword',
        'string',
        'number',
        'regexp',
        'comment',
        'operator',
        'interface',
        'enumMember',
        'type',
      ],
      modifiers: ['declaration', 'deprecated', 'documentation', 'readonly', 'defaultLibrary'],
    };
    const lines = klis.split('\n');
    const decoded: string[] = [];
    let line = 0;
    let character = 0;
    const data = tokens?.data ?? [];
    for (let i = 0; i < data.length; i += 5) {
      line += data[i]!;
      character = data[i] === 0 ? character + data[i + 1]! : data[i + 1]!;
      const text = lines[line]!.slice(character, character + data[i + 2]!);
      const modifiers = legend.modifiers.filter((_, bit) => (data[i + 4]! >> bit) & 1);
      decoded.push(
        `${text}:${legend.types[data[i + 3]!]}${modifiers.length ? `.${modifiers.join('.')}` : ''}`,
      );
    }
    expect(decoded).toEqual(
      expect.arrayContaining([
        'package:keyword',
        'app:namespace',
        'klis:namespace',
        'taxonomy:namespace',
        '/// Buys coffee most weeks.:comment.documentation',
        'coffee_lover:event.declaration',
        '"Coffee lover":string',
        'cups:variable.declaration',
        'count:function.defaultLibrary',
        'category:property.defaultLibrary',
        'food_and_drink:enum',
        'coffee:enum',
        'amount:property.defaultLibrary',
        '>=:operator',
        '2:number',
        'cups:variable',
        'coffee_lover:event',
        'avg_balance:property',
      ]),
    );
  });
});
