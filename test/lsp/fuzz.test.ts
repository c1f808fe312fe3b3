import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as P from 'vscode-languageserver-protocol';
import { LspClient } from './client.js';
import { klis, libraryAndApp, taxonomy } from './fixtures.js';
import { random, seeded } from './random.js';

const operations = 3000;
const { app } = libraryAndApp({
  'klis.kli': klis,
  'local.kli': taxonomy.replace('package bank.taxonomy', 'package app.local'),
});
let client: LspClient;
const errors: string[] = [];

beforeAll(async () => {
  client = await LspClient.start({ rootUri: `file://${app.root}`, timeoutMs: 10_000 });
  client.connection.onNotification(P.LogMessageNotification.type, (params) => {
    if (params.type === P.MessageType.Error) errors.push(params.message);
  });
});
afterAll(() => client.stop());

/** Pieces of kli and of garbage: what a person half-types, pastes or deletes. */
const pieces = [
  'kli',
  'segment',
  'merchant',
  'category',
  'when',
  'where',
  'let',
  'window',
  'score',
  'test',
  'expect',
  'match prefix',
  'coffee_lover',
  'food_and_drink',
  '.',
  '.coffee',
  'customer.',
  'sum(',
  'count(where ',
  ')',
  '(',
  '{',
  '}',
  '[',
  ']',
  ',',
  ' = ',
  ' => ',
  ' > ',
  ' and ',
  ' or ',
  ' not ',
  ' is ',
  ' under ',
  '"STARBUCKS"',
  '"',
  '/#\\d+/',
  '/',
  '42',
  '2025-06-30',
  '5811..5814',
  '// note',
  '/// doc',
  '/*',
  '*/',
  '\n',
  '\n\n',
  '  ',
  '\t',
  'é',
  '€',
  '🙂',
  '\\',
  '§',
  'between 30 days ago and 1 days ago',
  'over 3 months',
  'has_product("heloc")',
  'min(',
  'x.score',
];

function offsetAt(text: string, position: P.Position): number {
  const lines = text.split('\n');
  let offset = 0;
  for (let line = 0; line < position.line && line < lines.length; line++) offset += lines[line]!.length + 1;
  return Math.min(text.length, offset + Math.min(position.character, lines[position.line]?.length ?? 0));
}

function positionAt(text: string, offset: number): P.Position {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1]!.length };
}

describe('fuzz', () => {
  it(`answers every request through ${operations} random edits and requests, and stays alive`, async () => {
    const next = seeded(20251123);
    const documents = new Map([
      [app.uri('klis.kli'), klis],
      [app.uri('local.kli'), taxonomy.replace('package bank.taxonomy', 'package app.local')],
      // Small and odd: blank lines and comments before anything, where edge cases live.
      [app.uri('top.kli'), '\n\n  \n// a note\n\npackage app.top\n\n'],
    ]);
    for (const [uri, text] of documents) await client.open(uri, text);
    const answered: Record<string, number> = {};

    for (let step = 0; step < operations; step++) {
      const uri = random(next, [...documents.keys()]);
      const text = documents.get(uri)!;
      const position = positionAt(text, Math.floor(next() * (text.length + 1)));
      if (next() < 0.45) {
        const start = Math.floor(next() * (text.length + 1));
        const end = next() < 0.4 ? Math.min(text.length, start + Math.floor(next() * 15)) : start;
        const inserted = end > start && next() < 0.5 ? '' : random(next, pieces);
        await client.edit(uri, { start: positionAt(text, start), end: positionAt(text, end) }, inserted);
        documents.set(uri, text.slice(0, start) + inserted + text.slice(end));
        continue;
      }
      const document = { textDocument: { uri } };
      const requests: [string, () => Promise<unknown>][] = [
        ['completion', () => client.completion(uri, position)],
        ['hover', () => client.hover(uri, position)],
        ['definition', () => client.definition(uri, position)],
        ['references', () => client.references(uri, position)],
        ['highlight', () => client.request(P.DocumentHighlightRequest.type, { ...document, position })],
        ['prepareRename', () => client.request(P.PrepareRenameRequest.type, { ...document, position })],
        [
          'rename',
          () =>
            client.request(P.RenameRequest.type, {
              ...document,
              position,
              newName: random(next, ['renamed', 'when', 'x y']),
            }),
        ],
        ['symbols', () => client.request(P.DocumentSymbolRequest.type, document)],
        [
          'workspaceSymbols',
          () => client.request(P.WorkspaceSymbolRequest.type, { query: random(next, ['', 'co', 'zz']) }),
        ],
        ['folding', () => client.request(P.FoldingRangeRequest.type, document)],
        ['semanticTokens', () => client.request(P.SemanticTokensRequest.type, document)],
        [
          'formatting',
          () =>
            client.request(P.DocumentFormattingRequest.type, {
              ...document,
              options: { tabSize: 2, insertSpaces: true },
            }),
        ],
        [
          'codeAction',
          () =>
            client.request(P.CodeActionRequest.type, {
              ...document,
              range: { start: position, end: position },
              context: { diagnostics: client.latestDiagnostics(uri) ?? [] },
            }),
        ],
        ['codeLens', () => client.request(P.CodeLensRequest.type, document)],
        ['signatureHelp', () => client.request(P.SignatureHelpRequest.type, { ...document, position })],
        [
          'inlayHints',
          () =>
            client.request(P.InlayHintRequest.type, {
              ...document,
              range: { start: { line: 0, character: 0 }, end: position },
            }),
        ],
      ];
      const [name, send] = random(next, requests);
      try {
        await send();
      } catch (error) {
        // A refused rename is an answer; a timeout or an internal error is not.
        const refused =
          error instanceof P.ResponseError &&
          (error.code === P.ErrorCodes.InvalidParams || error.code === P.ErrorCodes.InvalidRequest);
        if (!refused)
          throw new Error(`step ${step}: ${name} at ${JSON.stringify(position)} failed: ${String(error)}`, {
            cause: error,
          });
      }
      answered[name] = (answered[name] ?? 0) + 1;
      expect(offsetAt(text, position)).toBeLessThanOrEqual(text.length);
    }

    // Still checking, still answering, still running.
    for (const [uri, text] of documents) {
      const published = client.nextDiagnostics(uri);
      await client.edit(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, ' ');
      documents.set(uri, ' ' + text);
      expect(Array.isArray(await published)).toBe(true);
    }
    expect(await client.hover(app.uri('klis.kli'), { line: 0, character: 0 })).toBeDefined();
    expect(client.process.exitCode).toBeNull();
    expect(errors).toEqual([]);
    expect(Object.keys(answered).length).toBe(16);
  }, 120_000);
});
