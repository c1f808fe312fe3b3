/**
 * `kli generate`: realistic, reproducible, scalable synthetic bank data. Customers are generated one
 * at a time from their own seeded stream and streamed to four CSV files in ~1 MB chunks with
 * backpressure, so memory stays flat however many rows are written. Files are written under
 * temporary names and renamed at the end: a crash never leaves a half file under a final name.
 */
import { once } from 'node:events';
import { createWriteStream, mkdirSync, renameSync, rmSync, type WriteStream } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { finished } from 'node:stream/promises';
import { Calendar } from './calendar.js';
import { Simulator } from './customer.js';
import { ByteSink } from './sink.js';

export interface GenerateOptions {
  customers: number;
  months: number;
  seed: number;
  /** Folder, created if missing. */
  out: string;
  /** YYYY-MM-DD, the last posted date and the natural as_of; default '2025-06-30'. */
  endDate?: string;
  onProgress?: (customersDone: number, customersTotal: number) => void;
}

export interface GenerateSummary {
  customers: number;
  transactions: number;
  endDate: string;
  /** Absolute paths. */
  files: { customers: string; transactions: string; truth: string; labels: string };
}

export const DEFAULT_END_DATE = '2025-06-30';

const CHUNK = 1 << 20;

/** One output file: a byte sink, written to a temporary name, renamed on success. */
class Output {
  readonly sink = new ByteSink(CHUNK + (CHUNK >> 2));
  private readonly stream: WriteStream;
  private failure: Error | null = null;
  readonly temp: string;

  constructor(
    readonly path: string,
    header: string,
  ) {
    this.temp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}`);
    this.stream = createWriteStream(this.temp);
    this.stream.on('error', (error) => {
      this.failure = error;
    });
    this.sink.ascii(header);
  }

  async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.sink.pos === 0) return;
    if (!this.stream.write(this.sink.take())) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await finished(this.stream);
    if (this.failure) throw this.failure;
  }

  commit(): void {
    renameSync(this.temp, this.path);
  }

  discard(): void {
    this.stream.destroy();
    rmSync(this.temp, { force: true });
  }
}

export async function generate(options: GenerateOptions): Promise<GenerateSummary> {
  const { customers, months, seed } = options;
  if (!Number.isInteger(customers) || customers <= 0)
    throw new Error('customers must be a positive whole number');
  if (!Number.isInteger(months) || months <= 0) throw new Error('months must be a positive whole number');
  if (!Number.isFinite(seed)) throw new Error('seed must be a number');
  const endDate = options.endDate ?? DEFAULT_END_DATE;
  const calendar = new Calendar(endDate, months);

  const out = resolve(options.out);
  mkdirSync(out, { recursive: true });
  const files = {
    customers: join(out, 'customers.csv'),
    transactions: join(out, 'transactions.csv'),
    truth: join(out, 'ground_truth.csv'),
    labels: join(out, 'labels.csv'),
  };
  const outputs = {
    customers: new Output(
      files.customers,
      'customer_id,avg_balance,avg_balance_prior,age,state,tenure_months,products,digital_logins_90d\n',
    ),
    transactions: new Output(files.transactions, 'txn_id,customer_id,posted_date,amount,description,mcc\n'),
    truth: new Output(files.truth, 'customer_id,behaviour\n'),
    labels: new Output(files.labels, 'txn_id,merchant,category\n'),
  };
  const all = [outputs.customers, outputs.transactions, outputs.truth, outputs.labels];

  const simulator = new Simulator(seed, calendar);
  let transactions = 0;
  try {
    for (let i = 0; i < customers; i++) {
      transactions += simulator.run(i, transactions, outputs.transactions.sink, outputs.labels.sink);
      outputs.customers.sink.ascii(simulator.customerLine);
      outputs.truth.sink.ascii(simulator.truthText);
      for (const output of all) if (output.sink.pos >= CHUNK) await output.flush();
      if (options.onProgress && (i + 1) % 1000 === 0 && i + 1 < customers)
        options.onProgress(i + 1, customers);
    }
    for (const output of all) await output.close();
    for (const output of all) output.commit();
  } catch (error) {
    for (const output of all) output.discard();
    throw error;
  }
  options.onProgress?.(customers, customers);
  return { customers, transactions, endDate, files };
}
