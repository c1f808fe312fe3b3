import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CodeActionKind,
  CodeActionRequest,
  DocumentFormattingRequest,
  InlayHintRequest,
  SignatureHelpRequest,
  type CodeAction,
  type Diagnostic,
} from 'vscode-languageserver-protocol';
import { applyEdits, LspClient, marked } from './client.js';
import { klis, libraryAndApp } from './fixtures.js';

const { app } = libraryAndApp();
let client: LspClient;

beforeAll(async () => {
  client = await LspClient.start({ rootUri: `file://${app.root}` });
  await client.open(app.uri('klis.kli'), klis);
});
afterAll(() => client.stop());

let documentCount = 0;

async function actionsAt(source: string, diagnosticsFilter: (d: Diagnostic) => boolean = () => true) {
  const { text, cursor } = marked(source);
  const uri = app.uri(`edit-${++documentCount}.kli`);
  const diagnostics = await client.open(uri, text);
  const actions = (await client.request(CodeActionRequest.type, {
    textDocument: { uri },
    range: { start: cursor, end: cursor },
    context: { diagnostics: diagnostics.filter(diagnosticsFilter) },
  })) as CodeAction[];
  return { uri, text, actions, diagnostics };
}

describe('formatting', () => {
  it('formats the document as `kli fmt` does, and leaves text with syntax errors alone', async () => {
    const uri = app.uri('format-me.kli');
    const messy =
      'package app.fmt\nkli fmt_a { when 1>0 }\nkli fmt_b {\n\n\n  window 3 months\n    when fmt_a }\n';
    await client.open(uri, messy);
    const edits = await client.request(DocumentFormattingRequest.type, {
      textDocument: { uri },
      options: { tabSize: 2, insertSpaces: true },
    });
    expect(applyEdits(messy, edits ?? [])).toBe(
      'package app.fmt\n\nkli fmt_a {\n  when 1 > 0\n}\n\nkli fmt_b {\n  window 3 months\n  when fmt_a\n}\n',
    );
    const broken = app.uri('format-broken.kli');
    await client.open(broken, 'package app.fmt2\nkli fmt_c { when 1>  }\n');
    expect(
      await client.request(DocumentFormattingRequest.type, {
        textDocument: { uri: broken },
        options: { tabSize: 2, insertSpaces: true },
      }),
    ).toEqual([]);
  });
});

describe('code actions', () => {
  it('offers the "did you mean" fix from the diagnostic', async () => {
    const { text, actions } = await actionsAt(
      'package app.fix\nimport app.klis\n\nsegment fix_one {\n  when coffee_lovr<|>\n}\n',
    );
    const fix = actions.find((a) => a.kind === CodeActionKind.QuickFix);
    expect(fix?.title).toBe('Change to `coffee_lover`');
    expect(fix?.isPreferred).toBe(true);
    const fixed = applyEdits(text, Object.values(fix!.edit!.changes!)[0]!);
    expect(fixed).toContain('when coffee_lover\n');
  });

  it('adds a missing import', async () => {
    const { uri, text, actions } = await actionsAt(
      'package app.fix2\n\nsegment fix_two {\n  when coffee_lover<|>\n}\n',
    );
    const fix = actions.find((a) => a.title === 'Add `import app.klis`');
    expect(fix).toBeDefined();
    const fixed = applyEdits(text, fix!.edit!.changes![uri]!);
    expect(fixed.startsWith('package app.fix2\nimport app.klis\n\nsegment fix_two')).toBe(true);
    expect(await client.replace(uri, fixed)).toEqual([]);
  });

  it('extracts a filter repeated across a KLI into a local let; the result checks clean', async () => {
    const source = `package app.extract
import bank.taxonomy

kli home_spike {
  window 90 days
  let recent = sum(amount where (category is home.hardware or merchant is home_depot) and amount > 0)
  let before = sum(amount where (category is home.hardware or merchant is home_depot)   and amount > 0<|>) between 365 days ago and 91 days ago
  when recent > 2 * before
}
`;
    const { uri, text, actions } = await actionsAt(source);
    const extract = actions.find((a) => a.kind === CodeActionKind.RefactorExtract);
    expect(extract?.title).toBe('Extract the repeated filter into `let hardware_txns` (2 uses)');
    const extracted = applyEdits(text, extract!.edit!.changes![uri]!);
    expect(extracted).toContain(
      '  let hardware_txns = (category is home.hardware or merchant is home_depot) and amount > 0\n  let recent = sum(amount where hardware_txns)\n',
    );
    expect(extracted).toContain('let before = sum(amount where hardware_txns) between 365 days ago');
    expect(await client.replace(uri, extracted)).toEqual([]);
  });

  it('extracts a filter repeated across declarations into a top-level let', async () => {
    const source = `package app.extract2
import bank.taxonomy

kli dining_count {
  when count(where category under food_and_drink<|>) > 2
}

/// Doc of dining_spend.
kli dining_spend {
  when sum(amount where category under food_and_drink) > 100
}
`;
    const { uri, text, actions } = await actionsAt(source);
    const extract = actions.find((a) => a.kind === CodeActionKind.RefactorExtract)!;
    const extracted = applyEdits(text, extract.edit!.changes![uri]!);
    expect(extracted).toContain(
      'let food_and_drink_txns = category under food_and_drink\n\nkli dining_count {\n  when count(where food_and_drink_txns) > 2',
    );
    expect(extracted).toContain(
      '/// Doc of dining_spend.\nkli dining_spend {\n  when sum(amount where food_and_drink_txns) > 100',
    );
    expect(await client.replace(uri, extracted)).toEqual([]);
  });

  it('offers no extraction for a filter written once', async () => {
    const { actions } = await actionsAt(
      'package app.once\n\nkli once {\n  when count(where amount > 0<|>) > 2\n}\n',
    );
    expect(actions.filter((a) => a.kind === CodeActionKind.RefactorExtract)).toEqual([]);
  });
});

describe('signature help', () => {
  it('shows the aggregate form and moves to the filter after `where`', async () => {
    const { text, at } = marked(
      'package app.sig\n\nkli signature {\n  when sum(<|argument|>amount where <|filter|>amount > 0) > min(1, <|second|>2)\n}\n',
    );
    const uri = app.uri('signature.kli');
    await client.open(uri, text);
    const help = (name: string) =>
      client.request(SignatureHelpRequest.type, { textDocument: { uri }, position: at[name]! });
    const atArgument = await help('argument');
    expect(atArgument?.signatures.map((s) => s.label)).toEqual([
      'sum(amount where filter) → money or number, like its argument',
    ]);
    expect(atArgument?.activeParameter).toBe(0);
    expect((await help('filter'))?.activeParameter).toBe(1);
    const scalar = await help('second');
    expect(scalar?.activeSignature).toBe(1);
    expect(scalar?.signatures[1]?.label).toBe('min(a, b) → money or number, like its argument');
    expect(scalar?.activeParameter).toBe(1);
  });
});

describe('inlay hints', () => {
  it('shows windows in days where they are written otherwise, and what each let holds', async () => {
    const hints = await client.request(InlayHintRequest.type, {
      textDocument: { uri: app.uri('klis.kli') },
      range: { start: { line: 0, character: 0 }, end: { line: 40, character: 0 } },
    });
    const shown = (hints ?? []).map(
      (h) => `${h.position.line + 1}:${h.position.character + 1} ${String(h.label)}`,
    );
    expect(shown).toEqual(['10:11 : number', '16:18 = 90 days', '17:12 : money']);
  });
});
