import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
// vscode-jsonrpc's connection, through the protocol package's re-export: the protocol's request
// types are declared against its own copy of vscode-jsonrpc, so both must come from there.
import * as P from 'vscode-languageserver-protocol/node.js';
import { TextDocument } from 'vscode-languageserver-textdocument';

/** The text after the server's edits, applied the way an editor applies them. */
export function applyEdits(text: string, edits: P.TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///edited.kli', 'kli', 0, text), edits);
}

const bin = fileURLToPath(new URL('../../bin/kli.js', import.meta.url));

/**
 * Text with cursor markers: `<|>` is the cursor, `<|name|>` a named position, `<|name:text|>` a
 * named range around `text`. Returns the clean text and the 0-based positions and ranges.
 */
export function marked(source: string): {
  text: string;
  cursor: P.Position;
  at: Record<string, P.Position>;
  ranges: Record<string, P.Range>;
} {
  const at: Record<string, P.Position> = {};
  const ranges: Record<string, P.Range> = {};
  const open: { name: string; position: P.Position }[] = [];
  let text = '';
  let line = 0;
  let character = 0;
  for (let i = 0; i < source.length;) {
    const rest = source.slice(i);
    const point = /^<\|([a-z0-9_]*)\|>/.exec(rest) ?? /^<\|>/.exec(rest);
    if (point) {
      at[point[1] || 'cursor'] = { line, character };
      i += point[0].length;
      continue;
    }
    const start = /^<\|([a-z0-9_]+):/.exec(rest);
    if (start) {
      open.push({ name: start[1]!, position: { line, character } });
      i += start[0].length;
      continue;
    }
    if (rest.startsWith('|>') && open.length) {
      const begin = open.pop()!;
      ranges[begin.name] = { start: begin.position, end: { line, character } };
      i += 2;
      continue;
    }
    const char = source[i]!;
    text += char;
    if (char === '\n') {
      line++;
      character = 0;
    } else character++;
    i++;
  }
  return { text, cursor: at['cursor'] ?? { line: 0, character: 0 }, at, ranges };
}

/** A workspace folder on disk; returns its path and a `uri(file)` helper. */
export function workspaceOnDisk(
  files: Record<string, string>,
  manifest: object = { name: 'ws', version: '1.0.0' },
  root = mkdtempSync(join(tmpdir(), 'kli-lsp-')),
): { root: string; uri: (file: string) => string; path: (file: string) => string } {
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, 'kli.json'), JSON.stringify(manifest));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  return { root, uri: (file) => pathToFileURL(join(root, file)).href, path: (file) => join(root, file) };
}

/**
 * The real server (`kli lsp --stdio`, the compiled CLI) behind a JSON-RPC connection: requests go
 * over stdio exactly as an editor sends them. Each request fails after `timeoutMs`.
 */
export class LspClient {
  private readonly diagnostics = new Map<string, P.Diagnostic[]>();
  private readonly waiters: { uri: string; resolve: (d: P.Diagnostic[]) => void }[] = [];
  private readonly versions = new Map<string, number>();
  /** How many times diagnostics were published, per URI. */
  readonly publishCounts = new Map<string, number>();
  readonly messages: P.ShowMessageParams[] = [];
  stderr = '';

  private constructor(
    readonly process: ChildProcess,
    readonly connection: P.MessageConnection,
    readonly timeoutMs: number,
  ) {
    connection.onNotification(P.PublishDiagnosticsNotification.type, (params) => {
      this.diagnostics.set(params.uri, params.diagnostics);
      this.publishCounts.set(params.uri, (this.publishCounts.get(params.uri) ?? 0) + 1);
      for (const waiter of this.waiters.filter((w) => w.uri === params.uri)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(params.diagnostics);
      }
    });
    connection.onNotification(P.ShowMessageNotification.type, (params) => this.messages.push(params));
    connection.onNotification(P.LogMessageNotification.type, () => undefined);
    connection.onRequest(P.RegistrationRequest.type, () => undefined);
  }

  static async start(
    options: { rootUri?: string; initializationOptions?: object; timeoutMs?: number } = {},
  ): Promise<LspClient> {
    const child = spawn(process.execPath, [bin, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = P.createMessageConnection(
      new P.StreamMessageReader(child.stdout!),
      new P.StreamMessageWriter(child.stdin!),
    );
    const client = new LspClient(child, connection, options.timeoutMs ?? 20_000);
    child.stderr!.on('data', (chunk: Buffer) => (client.stderr += chunk.toString()));
    connection.listen();
    await client.request(P.InitializeRequest.type, {
      processId: process.pid,
      rootUri: options.rootUri ?? null,
      capabilities: {
        textDocument: {
          completion: { completionItem: { snippetSupport: true } },
          synchronization: { didSave: true },
        },
        workspace: { didChangeWatchedFiles: { dynamicRegistration: true } },
      },
      initializationOptions: { diagnosticsDelayMs: 20, ...options.initializationOptions },
    });
    await connection.sendNotification(P.InitializedNotification.type, {});
    return client;
  }

  /** A request that fails the test instead of hanging it. */
  async request<Params, Result>(
    type: P.RequestType<Params, Result, unknown>,
    params: Params,
  ): Promise<Result> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`${type.method} did not answer in ${this.timeoutMs} ms`)),
        this.timeoutMs,
      );
    });
    try {
      return await Promise.race([this.connection.sendRequest(type, params), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Resolves with the next diagnostics published for the file (register before the change that causes them). */
  nextDiagnostics(uri: string): Promise<P.Diagnostic[]> {
    return new Promise((resolve, reject) => {
      const waiter = { uri, resolve };
      this.waiters.push(waiter);
      setTimeout(() => {
        const index = this.waiters.indexOf(waiter);
        if (index === -1) return;
        this.waiters.splice(index, 1);
        reject(new Error(`no diagnostics for ${uri} in ${this.timeoutMs} ms`));
      }, this.timeoutMs);
    });
  }

  latestDiagnostics(uri: string): P.Diagnostic[] | undefined {
    return this.diagnostics.get(uri);
  }

  /** Opens a document and waits for its first diagnostics. */
  async open(uri: string, text: string): Promise<P.Diagnostic[]> {
    const published = this.nextDiagnostics(uri);
    this.versions.set(uri, 1);
    await this.connection.sendNotification(P.DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'kli', version: 1, text },
    });
    return published;
  }

  /** Replaces a range of a document, as an editor does when the user types. */
  async edit(uri: string, range: P.Range, text: string): Promise<void> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(P.DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ range, text }],
    });
  }

  /** Replaces the whole document and waits for the diagnostics of the new text. */
  async replace(uri: string, text: string): Promise<P.Diagnostic[]> {
    const published = this.nextDiagnostics(uri);
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(P.DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
    return published;
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(P.DidCloseTextDocumentNotification.type, {
      textDocument: { uri },
    });
  }

  completion(uri: string, position: P.Position): Promise<P.CompletionItem[]> {
    return this.request(P.CompletionRequest.type, { textDocument: { uri }, position }).then((result) =>
      Array.isArray(result) ? result : (result?.items ?? []),
    );
  }

  hover(uri: string, position: P.Position): Promise<P.Hover | null> {
    return this.request(P.HoverRequest.type, { textDocument: { uri }, position });
  }

  async definition(uri: string, position: P.Position): Promise<P.Location[]> {
    const result = await this.request(P.DefinitionRequest.type, { textDocument: { uri }, position });
    if (!result) return [];
    return (Array.isArray(result) ? result : [result]) as P.Location[];
  }

  async references(uri: string, position: P.Position, includeDeclaration = true): Promise<P.Location[]> {
    return (
      (await this.request(P.ReferencesRequest.type, {
        textDocument: { uri },
        position,
        context: { includeDeclaration },
      })) ?? []
    );
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([
        this.connection.sendRequest(P.ShutdownRequest.type),
        new Promise((resolve) => setTimeout(resolve, 2000)),
      ]);
      await this.connection.sendNotification(P.ExitNotification.type);
    } catch {
      // Already gone.
    }
    this.connection.dispose();
    if (this.process.exitCode === null) this.process.kill();
  }
}
