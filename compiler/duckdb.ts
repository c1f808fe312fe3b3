import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

export interface EngineOptions {
  /** e.g. "4GB"; DuckDB spills to disk beyond it. */
  memoryLimit?: string;
  threads?: number;
  /** Where DuckDB spills; by default its own choice. */
  tempDirectory?: string;
}

/** An in-process DuckDB: the embedded default engine. */
export class Engine {
  private constructor(
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
  ) {}

  static async open(options: EngineOptions = {}): Promise<Engine> {
    const config: Record<string, string> = {};
    if (options.memoryLimit) config['memory_limit'] = options.memoryLimit;
    if (options.threads) config['threads'] = String(options.threads);
    if (options.tempDirectory) config['temp_directory'] = options.tempDirectory;
    const instance = await DuckDBInstance.create(':memory:', config);
    return new Engine(instance, await instance.connect());
  }

  /** Runs `sql`, with `params` as the values of `$1`, `$2`, … when given. */
  async exec(sql: string, params?: string[]): Promise<void> {
    await this.connection.run(sql, params);
  }

  /** Rows as plain JSON-friendly objects (bigints become numbers or strings). */
  async rows<T = Record<string, unknown>>(sql: string): Promise<T[]> {
    const reader = await this.connection.runAndReadAll(sql);
    return reader.getRowObjectsJson() as T[];
  }

  async value<T = unknown>(sql: string): Promise<T | undefined> {
    const rows = await this.rows(sql);
    const first = rows[0];
    return first ? (Object.values(first)[0] as T) : undefined;
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}
