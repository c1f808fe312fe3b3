import {
  CodeActionKind,
  createConnection,
  DidChangeWatchedFilesNotification,
  MessageType,
  ProposedFeatures,
  ResponseError,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node.js';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { codeActions } from './code-actions.js';
import { codeLenses, commands, resolveCodeLens } from './code-lens.js';
import { runTest, showSql } from './commands.js';
import { completion, resolveCompletion, type ItemData } from './completion.js';
import { definition } from './definition.js';
import { DiagnosticsPublisher } from './diagnostics.js';
import { foldingRanges } from './folding.js';
import { formatDocument } from './formatting.js';
import { documentHighlights } from './highlights.js';
import { hover } from './hover.js';
import { inlayHints } from './inlay-hints.js';
import { PrevalenceCache } from './prevalence.js';
import { references } from './references.js';
import { prepareRename, rename } from './rename.js';
import { semanticTokens, semanticTokensLegend } from './semantic-tokens.js';
import { signatureHelp } from './signature-help.js';
import { documentSymbols, workspaceSymbols } from './symbols.js';
import { uriToPath, WorkspaceIndex } from './workspace-index.js';

/** Settings a client may pass as `initializationOptions`. */
interface InitializationOptions {
  /** How long to wait after the last keystroke before re-checking (default 150 ms). */
  diagnosticsDelayMs?: number;
}

/**
 * The kli language server. This file only wires protocol requests to the feature modules; they all
 * answer from one `WorkspaceIndex`. Every handler is guarded: a bug in one feature answers with
 * nothing and is logged, it never takes the server down.
 */
export function startServer(
  connection: Connection = createConnection(ProposedFeatures.all, process.stdin, process.stdout),
): void {
  // The protocol owns stdout: anything printed by accident would corrupt it.
  console.log = console.info = console.warn = console.error;

  const documents = new TextDocuments(TextDocument);
  const index = new WorkspaceIndex();
  const prevalence = new PrevalenceCache();
  let snippets = false;
  let watchFiles = false;
  let publisher: DiagnosticsPublisher | undefined;

  const logError = (error: unknown) =>
    connection.console.error(
      `kli: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
  /** Runs a handler; a failure is logged and answered with `fallback`. Protocol errors (a refused rename) pass. */
  const guard = <T>(fallback: T, handler: () => T): T => {
    try {
      return handler();
    } catch (error) {
      if (error instanceof ResponseError) throw error;
      logError(error);
      return fallback;
    }
  };
  const text = (uri: string) => documents.get(uri)?.getText() ?? index.text(uriToPath(uri)) ?? '';
  const offsetOf = (uri: string, position: { line: number; character: number }) =>
    documents.get(uri)?.offsetAt(position) ?? 0;
  const uriFor = (path: string) => index.uriFor(path);
  const analysisOf = (uri: string) => index.analysisFor(uriToPath(uri));

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    snippets = params.capabilities.textDocument?.completion?.completionItem?.snippetSupport === true;
    watchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    publisher = new DiagnosticsPublisher(connection, index, options.diagnosticsDelayMs ?? 150, logError);
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    for (const folder of folders) if (folder.startsWith('file:')) index.addWorkspaceFolder(uriToPath(folder));
    return {
      capabilities: {
        textDocumentSync: {
          openClose: true,
          change: TextDocumentSyncKind.Incremental,
          save: { includeText: false },
        },
        completionProvider: { triggerCharacters: ['.', '(', '['], resolveProvider: true },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentHighlightProvider: true,
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        foldingRangeProvider: true,
        semanticTokensProvider: { legend: semanticTokensLegend, full: true },
        documentFormattingProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorExtract] },
        codeLensProvider: { resolveProvider: true },
        executeCommandProvider: { commands: [commands.runTest, commands.showSql] },
        signatureHelpProvider: { triggerCharacters: ['(', ','], retriggerCharacters: [' '] },
        inlayHintProvider: true,
      },
      serverInfo: { name: 'kli' },
    };
  });

  connection.onInitialized(() => {
    if (watchFiles)
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*.kli' }, { globPattern: '**/kli.json' }],
      });
    publisher?.schedule();
  });

  documents.onDidChangeContent(({ document }) => {
    guard(undefined, () =>
      index.changeDocument({
        uri: document.uri,
        path: uriToPath(document.uri),
        text: document.getText(),
        version: document.version,
      }),
    );
    publisher?.schedule();
  });
  documents.onDidClose((event) => {
    guard(undefined, () => index.closeDocument(uriToPath(event.document.uri)));
    publisher?.schedule();
  });
  documents.onDidSave(() => prevalence.invalidate());
  connection.onDidChangeWatchedFiles(() => {
    index.filesChangedOnDisk();
    prevalence.invalidate();
    publisher?.schedule();
  });

  connection.onCompletion((params) =>
    guard([], () => {
      const path = uriToPath(params.textDocument.uri);
      const { current, lastGood } = index.recentAnalysisFor(path);
      const analyses = lastGood ? [current, lastGood] : [current];
      return completion(
        analyses,
        path,
        text(params.textDocument.uri),
        offsetOf(params.textDocument.uri, params.position),
        {
          snippets,
        },
      );
    }),
  );
  connection.onCompletionResolve((item) =>
    guard(item, () => {
      const document = (item.data as ItemData | undefined)?.document;
      return document ? resolveCompletion(item, index.recentAnalysisFor(document).current) : item;
    }),
  );
  connection.onHover((params) =>
    guard(null, () =>
      hover(analysisOf(params.textDocument.uri), uriToPath(params.textDocument.uri), params.position),
    ),
  );
  connection.onDefinition((params) =>
    guard(null, () =>
      definition(
        analysisOf(params.textDocument.uri),
        uriToPath(params.textDocument.uri),
        params.position,
        uriFor,
      ),
    ),
  );
  connection.onReferences((params) =>
    guard(null, () =>
      references(
        analysisOf(params.textDocument.uri),
        () => index.allAnalyses(),
        uriToPath(params.textDocument.uri),
        params.position,
        params.context.includeDeclaration,
        uriFor,
      ),
    ),
  );
  connection.onDocumentHighlight((params) =>
    guard([], () =>
      documentHighlights(
        analysisOf(params.textDocument.uri),
        uriToPath(params.textDocument.uri),
        params.position,
      ),
    ),
  );
  connection.onPrepareRename((params) =>
    guard(null, () =>
      prepareRename(analysisOf(params.textDocument.uri), uriToPath(params.textDocument.uri), params.position),
    ),
  );
  connection.onRenameRequest((params) =>
    guard(null, () =>
      rename(
        analysisOf(params.textDocument.uri),
        () => index.allAnalyses(),
        uriToPath(params.textDocument.uri),
        params.position,
        params.newName,
        (path) => index.text(path),
        uriFor,
      ),
    ),
  );
  connection.onDocumentSymbol((params) =>
    guard([], () => {
      const path = uriToPath(params.textDocument.uri);
      const file = index.analysisFor(path).file(path);
      return file ? documentSymbols(file) : [];
    }),
  );
  connection.onWorkspaceSymbol((params) =>
    guard([], () => workspaceSymbols(index.allAnalyses(), params.query, uriFor)),
  );
  connection.onFoldingRanges((params) => guard([], () => foldingRanges(text(params.textDocument.uri))));
  connection.languages.semanticTokens.on((params) =>
    guard({ data: [] }, () =>
      semanticTokens(
        analysisOf(params.textDocument.uri),
        uriToPath(params.textDocument.uri),
        text(params.textDocument.uri),
      ),
    ),
  );
  connection.onDocumentFormatting((params) => guard([], () => formatDocument(text(params.textDocument.uri))));
  connection.onCodeAction((params) =>
    guard([], () =>
      codeActions(
        analysisOf(params.textDocument.uri),
        uriToPath(params.textDocument.uri),
        params.textDocument.uri,
        params.range,
        params.context.diagnostics,
      ),
    ),
  );
  connection.onCodeLens((params) =>
    guard([], () =>
      codeLenses(
        analysisOf(params.textDocument.uri),
        uriToPath(params.textDocument.uri),
        params.textDocument.uri,
      ),
    ),
  );
  connection.onCodeLensResolve(async (lens) => {
    try {
      return await resolveCodeLens(lens, prevalence);
    } catch (error) {
      logError(error);
      return { ...lens, command: { title: 'prevalence: unavailable', command: '' } };
    }
  });
  connection.onSignatureHelp((params) =>
    guard(null, () =>
      signatureHelp(
        text(params.textDocument.uri),
        offsetOf(params.textDocument.uri, params.position),
        params.position,
      ),
    ),
  );
  connection.languages.inlayHint.on((params) =>
    guard([], () =>
      inlayHints(analysisOf(params.textDocument.uri), uriToPath(params.textDocument.uri), params.range),
    ),
  );
  connection.onExecuteCommand(async (params) => {
    try {
      const [uri, argument] = (params.arguments ?? []) as [string?, string?];
      if (!uri || argument === undefined)
        return { error: `${params.command} takes a document URI and a name` };
      const analysis = analysisOf(uri);
      if (params.command === commands.showSql) {
        const sql = showSql(analysis, argument);
        void connection.sendNotification(ShowMessageNotification.type, {
          type: MessageType.Info,
          message: sql,
        });
        return sql;
      }
      if (params.command === commands.runTest) {
        const outcome = await runTest(index, analysis, argument);
        const message =
          'error' in outcome
            ? `kli test: ${outcome.error}`
            : `${outcome.passed ? '✓' : '✗'} ${outcome.title}${outcome.failures.map((f) => `\n  line ${f.line}: ${f.message}`).join('')}${outcome.note ? `\n(${outcome.note})` : ''}`;
        const type = 'error' in outcome || !outcome.passed ? MessageType.Error : MessageType.Info;
        void connection.sendNotification(ShowMessageNotification.type, { type, message });
        return outcome;
      }
      return { error: `unknown command ${params.command}` };
    } catch (error) {
      logError(error);
      return { error: (error as Error).message };
    }
  });
  connection.onShutdown(() => publisher?.dispose());

  // A stray exception must not end the session: log it and keep serving.
  process.on('uncaughtException', logError);
  process.on('unhandledRejection', logError);

  documents.listen(connection);
  connection.listen();
}
