import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { listKliFiles, parseSource } from '../../language/workspace.js';
import { ParseCache, splitIntoChunks } from '../../lsp/incremental-parse.js';
import { random, seeded } from './random.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));

const asJson = (file: { ast: unknown; diagnostics: unknown }) =>
  JSON.stringify({ ast: file.ast, diagnostics: file.diagnostics });

/** A generated file of merchants and KLIs, about `lines` long. */
export function generatedFile(lines: number): string {
  const out = ['package big', 'import bank.taxonomy', ''];
  for (let i = 1; out.length < lines; i++) {
    out.push(
      `/// Merchant ${i}.`,
      `merchant m${i} "M ${i}" {`,
      `  match prefix "M${i} STORE", "MM${i}"`,
      '  category food_and_drink.coffee',
      '}',
      '',
    );
    if (i % 5 === 0)
      out.push(
        `kli k${i} "K ${i}" {`,
        '  window 90 days',
        `  let spend = sum(amount where merchant is m${i} and amount > 0)`,
        `  when spend > ${i} and count(where category under food_and_drink) >= 2`,
        '  score min(spend / 1000, 1)',
        '}',
        '',
      );
  }
  return out.join('\n');
}

describe('incremental parsing', () => {
  it('cuts a file at declarations, keeping doc comments with theirs', () => {
    const chunks = splitIntoChunks(generatedFile(2000));
    expect(chunks.length).toBeGreaterThan(10);
    expect(chunks.map((c) => c.text).join('')).toBe(generatedFile(2000));
    for (const chunk of chunks.slice(1)) expect(chunk.text).toMatch(/^(\/\/\/|merchant|kli)/);
  });

  it('parses every .kli file of the repository exactly as a whole-file parse does', () => {
    const files = [...listKliFiles(repo).map((path) => readFileSync(path, 'utf8')), generatedFile(3000)];
    for (const text of files) {
      expect(asJson(new ParseCache().parse('/f.kli', text, 'lib', false))).toBe(
        asJson(parseSource('/f.kli', text, 'lib', false)),
      );
    }
  });

  it('stays equal to a whole-file parse through random edits, broken text and undos included', () => {
    const cache = new ParseCache();
    const next = seeded(7);
    let text = generatedFile(500);
    const broken = ['}', '{', '"', 'kli x { when ', ' and ', '/*', '(', '=> ', 'merchant'];
    /** The start of a line that starts a top-level declaration, where a whole new line keeps the file valid. */
    const topLevelLine = () => {
      const from = Math.floor(next() * text.length);
      const match = /\n(merchant|kli|\/\/\/)/g;
      match.lastIndex = from;
      return (match.exec(text)?.index ?? -1) + 1;
    };
    for (let step = 0; step < 150; step++) {
      const roll = next();
      let undo: string | undefined;
      if (roll < 0.4) {
        const at = topLevelLine();
        const lines = [
          '\n',
          `let v${step} = ${step}\n\n`,
          `// note ${step}\n`,
          `mcc ${step} => food_and_drink\n\n`,
        ];
        text = text.slice(0, at) + random(next, lines) + text.slice(at);
      } else {
        undo = text;
        const at = Math.floor(next() * text.length);
        text =
          roll < 0.8
            ? text.slice(0, at) + random(next, broken) + text.slice(at)
            : text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 10));
      }
      const check = (label: string) =>
        expect(asJson(cache.parse('/f.kli', text, 'lib', false)), label).toBe(
          asJson(parseSource('/f.kli', text, 'lib', false)),
        );
      check(`step ${step}`);
      if (undo !== undefined) {
        text = undo;
        check(`undo of step ${step}`);
      }
    }
    expect(parseSource('/f.kli', text, 'lib', false).diagnostics).toEqual([]);
  });
});
