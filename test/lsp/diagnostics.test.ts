import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-protocol';
import { LspClient, marked } from './client.js';
import { klis, libraryAndApp, taxonomy } from './fixtures.js';

const uses = `package app.uses
import app.klis

segment loyal {
  when coffee_lover or home_spender
}
`;
const { app, lib } = libraryAndApp({ 'klis.kli': klis, 'uses.kli': uses });
let client: LspClient;

beforeAll(async () => {
  client = await LspClient.start({ rootUri: `file://${app.root}` });
});
afterAll(() => client.stop());

const summary = (diagnostics: Diagnostic[]) =>
  diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code}`);

describe('diagnostics', () => {
  it("publishes the checker's diagnostics with their codes, ranges and severities", async () => {
    const { text, ranges } = marked(`package app.diag
import app.klis

kli k {
  window 30 days
  let unused = 1
  when <|unknown:coffee_lovr|> and count(where <|level:customer.avg_balance|> > 1) > 1
}
`);
    const diagnostics = await client.open(app.uri('diag.kli'), text);
    const unknown = diagnostics.find((d) => d.code === 'unknown-name');
    expect(unknown).toMatchObject({
      range: ranges['unknown'],
      severity: DiagnosticSeverity.Error,
      source: 'kli',
      message: 'unknown `coffee_lovr`; did you mean `coffee_lover`?',
      data: { suggestion: 'coffee_lover' },
    });
    expect(diagnostics.find((d) => d.code === 'wrong-level')?.range).toEqual(ranges['level']);
    expect(diagnostics.find((d) => d.code === 'unused-let')).toMatchObject({
      severity: DiagnosticSeverity.Warning,
      tags: [1],
    });
  });

  it('recovers from syntax errors: one typo does not hide the rest', async () => {
    const diagnostics = await client.open(
      app.uri('typos.kli'),
      `package app.typos

kli a {
  when count(where amount >) > 1
}

merchant m "M" {
  match prefix
  category nowhere
}

kli b {
  when no_such_kli
}
`,
    );
    expect(summary(diagnostics)).toEqual(
      expect.arrayContaining([
        '4:28 syntax-error',
        '9:3 syntax-error',
        '9:12 unknown-name',
        '13:8 unknown-name',
      ]),
    );
  });

  it('re-checks the files that depend on an edited file, open or not', async () => {
    await client.open(app.uri('klis.kli'), klis);
    const usesUri = app.uri('uses.kli');
    const broken = client.nextDiagnostics(usesUri);
    await client.replace(app.uri('klis.kli'), klis.replace('kli coffee_lover', 'kli coffee_fan'));
    expect(summary(await broken)).toEqual(['5:8 unknown-name']);
    const fixed = client.nextDiagnostics(usesUri);
    await client.replace(app.uri('klis.kli'), klis);
    expect(await fixed).toEqual([]);
  });

  it("re-checks the workspaces that depend on a library when the library's buffer changes", async () => {
    await client.open(app.uri('klis.kli'), klis);
    await client.open(lib.uri('taxonomy.kli'), taxonomy);
    const dependent = client.nextDiagnostics(app.uri('klis.kli'));
    await client.replace(
      lib.uri('taxonomy.kli'),
      taxonomy.replace('category coffee "Coffee shops"', 'category tea "Tea"'),
    );
    const diagnostics = await dependent;
    expect(diagnostics.map((d) => d.message)).toContain(
      'category `food_and_drink` has no subcategory `coffee`',
    );
    const restored = client.nextDiagnostics(app.uri('klis.kli'));
    await client.replace(lib.uri('taxonomy.kli'), taxonomy);
    expect(await restored).toEqual([]);
  });

  it('checks once the typing stops, not on every keystroke', async () => {
    const slow = await LspClient.start({
      rootUri: `file://${app.root}`,
      initializationOptions: { diagnosticsDelayMs: 150 },
    });
    try {
      const uri = app.uri('typing.kli');
      await slow.open(uri, 'package app.typing\n\nkli k { when 1 > 0 }\n');
      const before = slow.publishCounts.get(uri) ?? 0;
      const published = slow.nextDiagnostics(uri);
      const word = 'no_such_kli';
      for (let i = 0; i < word.length; i++)
        await slow.edit(
          uri,
          { start: { line: 2, character: 13 + i }, end: { line: 2, character: 13 + i } },
          word[i]!,
        );
      const diagnostics = await published;
      await sleep(300);
      expect(slow.publishCounts.get(uri)).toBe(before + 1);
      expect(diagnostics.map((d) => d.message)).toEqual(['unknown `no_such_kli1`']);
    } finally {
      await slow.stop();
    }
  });

  it('reports manifest problems on kli.json', async () => {
    const { app: mismatched } = libraryAndApp(
      { 'a.kli': 'package a\n' },
      { 't.kli': taxonomy },
      {
        dependencies: { rules: { path: '../rules', version: '^2.0.0' } },
      },
    );
    const manifest = client.nextDiagnostics(mismatched.uri('kli.json'));
    await client.open(mismatched.uri('a.kli'), 'package a\n');
    expect((await manifest).map((d) => [d.code, d.message])).toEqual([
      ['manifest-error', 'dependency "rules" is version 1.2.0, which does not satisfy "^2.0.0"'],
    ]);
  });
});
