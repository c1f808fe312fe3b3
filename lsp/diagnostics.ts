import {
  DiagnosticSeverity,
  DiagnosticTag,
  type Connection,
  type Diagnostic as LspDiagnostic,
} from 'vscode-languageserver/node.js';
import type { Diagnostic } from '../language/diagnostics.js';
import { uriToPath, type Analysis, type WorkspaceIndex } from './workspace-index.js';

const severities = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
} as const;

/** The checker's diagnostic as the protocol spells it; `data` carries what the quick fixes need. */
export function toLspDiagnostic(diagnostic: Diagnostic, uriFor: (path: string) => string): LspDiagnostic {
  const converted: LspDiagnostic = {
    range: diagnostic.range,
    severity: severities[diagnostic.severity],
    code: diagnostic.code,
    source: 'kli',
    message: diagnostic.message,
  };
  if (diagnostic.code === 'unused-let') converted.tags = [DiagnosticTag.Unnecessary];
  if (diagnostic.code === 'deprecated-use') converted.tags = [DiagnosticTag.Deprecated];
  if (diagnostic.related?.length)
    converted.relatedInformation = diagnostic.related.map((related) => ({
      location: { uri: uriFor(related.file), range: related.range },
      message: related.message,
    }));
  if (diagnostic.data) converted.data = diagnostic.data;
  return converted;
}

/**
 * Publishes each analysis's diagnostics for its own files and its manifest, and clears the files
 * that no longer have any. Checks run after the user pauses (`delayMs`), so fast typing costs one
 * check, not one per keystroke.
 */
export class DiagnosticsPublisher {
  /** Per analysis: what each URI was last sent, so unchanged closed files are not sent again. */
  private readonly published = new Map<string, Map<string, string>>();
  private readonly lastPublished = new Map<string, Analysis>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly index: WorkspaceIndex,
    private readonly delayMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      try {
        this.publishAll();
      } catch (error) {
        this.onError(error);
      }
    }, this.delayMs);
  }

  /** Recomputes stale analyses and publishes every one that changed since it was last published. */
  publishAll(): void {
    this.index.refreshStale();
    for (const analysis of this.index.allAnalyses()) {
      if (this.lastPublished.get(analysis.key) === analysis) continue;
      this.publish(analysis);
    }
  }

  private publish(analysis: Analysis): void {
    this.lastPublished.set(analysis.key, analysis);
    const byUri = new Map<string, LspDiagnostic[]>();
    const uriFor = (path: string) => this.index.uriFor(path);
    for (const diagnostic of analysis.diagnostics) {
      const own = analysis.ownFiles.has(diagnostic.file) || diagnostic.file === analysis.manifestPath;
      if (!own) continue;
      const uri = uriFor(diagnostic.file);
      const list = byUri.get(uri) ?? [];
      list.push(toLspDiagnostic(diagnostic, uriFor));
      byUri.set(uri, list);
    }
    // Open files always hear back, even when clean, so an editor knows the check has run.
    for (const path of analysis.ownFiles)
      if (this.index.document(path)) byUri.set(uriFor(path), byUri.get(uriFor(path)) ?? []);
    const previous = this.published.get(analysis.key) ?? new Map<string, string>();
    const now = new Map<string, string>();
    for (const [uri, diagnostics] of byUri) {
      const json = JSON.stringify(diagnostics);
      now.set(uri, json);
      const path = uriToPath(uri);
      const version = analysis.documentVersions.get(path);
      if (this.index.document(path) || previous.get(uri) !== json)
        void this.connection.sendDiagnostics({
          uri,
          diagnostics,
          ...(version !== undefined ? { version } : {}),
        });
    }
    for (const uri of previous.keys())
      if (!now.has(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    this.published.set(analysis.key, now);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}
