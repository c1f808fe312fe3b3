import type { KliFile } from '../language/ast.js';
import { emptyRange, type Position } from '../language/position.js';
import { parseSource, type SourceFile } from '../language/workspace.js';

/**
 * Parsing that reuses what did not change. A file is cut into chunks at lines that start a top-level
 * declaration (with the comments right above it); each chunk is parsed on its own and kept, so an
 * edit re-parses a few declarations instead of a 20,000-line file.
 *
 * The result equals a parse of the whole file: a chunk is used only when it parsed without an
 * error, so the parser of the whole file would also have been back at the top level at its end.
 * From the first chunk with an error on, the rest of the file is parsed in one piece, and error
 * recovery sees exactly what it sees in a whole-file parse. `test/lsp/incremental-parse.test.ts`
 * compares the two on every `.kli` file of the repository and on random edits.
 */

const declarationStart =
  /^(?:category|list|cleanse|merchant|mcc|source|customer|let|kli|segmentation|segment|test)\b/;
const commentLine = /^\s*\/\//;

/** Files shorter than this are parsed whole: the bookkeeping would cost more than it saves. */
const smallFileLines = 200;

export interface Chunk {
  text: string;
  startLine: number;
  startOffset: number;
}

/**
 * Chunks of about eight declarations. Where a chunk ends depends only on the text of the line that
 * starts the next one (content-defined, as in rsync), so an edit leaves the other chunks as they were.
 */
export function splitIntoChunks(text: string): Chunk[] {
  const lines = text.split('\n');
  const starts = [0];
  for (let line = 1; line < lines.length; line++) {
    const lineText = lines[line] ?? '';
    if (!declarationStart.test(lineText) || (hash(lineText) & 7) !== 0) continue;
    let start = line;
    const previousStart = starts[starts.length - 1] ?? 0;
    while (start - 1 > previousStart && commentLine.test(lines[start - 1] ?? '')) start--;
    if (start > previousStart) starts.push(start);
  }
  const chunks: Chunk[] = [];
  let offset = 0;
  let line = 0;
  for (let index = 0; index < starts.length; index++) {
    const startLine = starts[index] ?? 0;
    const endLine = starts[index + 1] ?? lines.length;
    while (line < startLine) offset += (lines[line++] ?? '').length + 1;
    let endOffset = offset;
    for (let l = startLine; l < endLine; l++) endOffset += (lines[l] ?? '').length + 1;
    chunks.push({
      text: text.slice(offset, Math.min(endOffset, text.length)),
      startLine,
      startOffset: offset,
    });
  }
  return chunks;
}

/** FNV-1a: a cheap, stable hash of a line. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A parsed chunk and every position in it, so moving it to another line is a loop over numbers. */
interface ParsedChunk {
  source: SourceFile;
  line: number;
  positions: Position[];
}

interface FileCache {
  text: string;
  library: string;
  isDependency: boolean;
  source: SourceFile;
  chunks: Map<string, ParsedChunk[]>;
}

export class ParseCache {
  private readonly files = new Map<string, FileCache>();

  /** The same contract as `parseSource`, so it can be handed to `loadWorkspace` as `parse`. */
  parse = (path: string, text: string, library: string, isDependency: boolean): SourceFile => {
    const cached = this.files.get(path);
    const sameLibrary = cached?.library === library && cached.isDependency === isDependency;
    if (cached && sameLibrary && cached.text === text) return cached.source;
    const previous = cached && sameLibrary ? cached.chunks : new Map<string, ParsedChunk[]>();
    const chunks = new Map<string, ParsedChunk[]>();
    const source = this.parseFile(path, text, library, isDependency, previous, chunks);
    this.files.set(path, { text, library, isDependency, source, chunks });
    return source;
  };

  /** Forgets files that are no longer part of any workspace, so memory follows what is open. */
  retain(paths: ReadonlySet<string>): void {
    for (const path of this.files.keys()) if (!paths.has(path)) this.files.delete(path);
  }

  private parseFile(
    path: string,
    text: string,
    library: string,
    isDependency: boolean,
    previous: Map<string, ParsedChunk[]>,
    next: Map<string, ParsedChunk[]>,
  ): SourceFile {
    const chunks = countLines(text, smallFileLines) >= smallFileLines ? splitIntoChunks(text) : [];
    if (chunks.length < 2) return parseSource(path, text, library, isDependency);
    const parts: SourceFile[] = [];
    const keep = (text: string, parsed: ParsedChunk) => next.set(text, [...(next.get(text) ?? []), parsed]);
    for (const [index, chunk] of chunks.entries()) {
      const parsed =
        takeCached(previous, chunk) ?? parsedChunk(parseSource(path, chunk.text, library, isDependency));
      moveTo(parsed, chunk.startLine);
      if (parsed.source.diagnostics.length === 0) {
        keep(chunk.text, parsed);
        parts.push(parsed.source);
        continue;
      }
      // From the first chunk with a syntax error on, parse the rest in one piece, as a whole-file parse
      // would; the chunks below stay cached for when the error is fixed.
      const rest = parsedChunk(parseSource(path, text.slice(chunk.startOffset), library, isDependency));
      moveTo(rest, chunk.startLine);
      parts.push(rest.source);
      for (const later of chunks.slice(index + 1)) {
        const cached = takeCached(previous, later);
        if (cached) keep(later.text, cached);
      }
      break;
    }
    return assemble(path, text, library, isDependency, parts);
  }
}

/** A cached parse of the same text, preferably already at the right line; each is used once. */
function takeCached(cache: Map<string, ParsedChunk[]>, chunk: Chunk): ParsedChunk | undefined {
  const candidates = cache.get(chunk.text);
  if (!candidates?.length) return undefined;
  const index = Math.max(
    0,
    candidates.findIndex((c) => c.line === chunk.startLine),
  );
  return candidates.splice(index, 1)[0];
}

function parsedChunk(source: SourceFile): ParsedChunk {
  const positions = new Set<Position>();
  collectPositions(source.ast, positions);
  collectPositions(source.diagnostics, positions);
  return { source, line: 0, positions: [...positions] };
}

function collectPositions(value: unknown, into: Set<Position>): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) collectPositions(item, into);
    return;
  }
  const record = value as Record<string, unknown>;
  if (typeof record['line'] === 'number' && typeof record['character'] === 'number') {
    // `emptyRange` is a shared constant: it marks "no position" and must never move.
    if (value !== emptyRange.start && value !== emptyRange.end) into.add(value as Position);
    return;
  }
  for (const key in record) collectPositions(record[key], into);
}

/**
 * Moves a chunk's positions in place. The previous analysis shares these objects; it is replaced by
 * the one being built, and until then its positions simply describe the new text.
 */
function moveTo(chunk: ParsedChunk, line: number): void {
  const delta = line - chunk.line;
  if (delta === 0) return;
  for (const position of chunk.positions) position.line += delta;
  chunk.line = line;
}

function countLines(text: string, atLeast: number): number {
  let lines = 1;
  for (let index = text.indexOf('\n'); index !== -1 && lines < atLeast; index = text.indexOf('\n', index + 1))
    lines++;
  return lines;
}

function assemble(
  path: string,
  text: string,
  library: string,
  isDependency: boolean,
  parts: SourceFile[],
): SourceFile {
  const [header] = parts;
  const withTokens = parts.filter((p) => p.ast.decls.length > 0 || p.ast.packageName || p.ast.imports.length);
  const first = withTokens[0];
  const last = withTokens[withTokens.length - 1];
  const ast: KliFile = {
    path,
    imports: header?.ast.imports ?? [],
    decls: parts.flatMap((p) => p.ast.decls),
    range: first && last ? { start: first.ast.range.start, end: last.ast.range.end } : emptyRange,
  };
  if (header?.ast.packageName) ast.packageName = header.ast.packageName;
  return { path, text, ast, diagnostics: parts.flatMap((p) => p.diagnostics), library, isDependency };
}
