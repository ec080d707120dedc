// One error class per kind, each with a literal name and a machine-readable code.
// Only the entry point (pipeline/run.ts) turns them into exit codes.

/** Something wrong with an input file: names the file and, where known, the field or line. */
export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(
    readonly code: string,
    readonly file: string,
    message: string,
    readonly field?: string,
    readonly line?: number,
  ) {
    super(message);
  }

  /** One line for a person: `sources/x.meta.json: field "published": not a date ("2014-13")`. */
  describe(): string {
    const where = this.field ? ` field "${this.field}"` : this.line ? ` line ${this.line}` : '';
    return `${this.file}:${where}${where ? ':' : ''} ${this.message}`;
  }
}

/** A row that failed its table's JSON Schema. */
export class RowError extends Error {
  override readonly name = 'RowError';
  readonly code = 'invalid-row';
  constructor(
    readonly table: string,
    readonly id: string,
    readonly field: string,
    message: string,
    readonly file = '',
  ) {
    super(message);
  }

  describe(): string {
    return `${this.file || this.table}: row ${this.id} field "${this.field}": ${this.message}`;
  }
}

/** A bad command line. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  readonly code = 'usage';
}

/** A problem reported in the run summary, whatever its kind. */
export interface Problem {
  code: string;
  file: string;
  /** The row of a table, or the entry of a file (`facts.arms[2]`), the problem is about. */
  row?: string;
  field?: string;
  line?: number;
  message: string;
}

export function toProblem(error: InputError | RowError): Problem {
  const problem: Problem = { code: error.code, file: error instanceof InputError ? error.file : error.file || error.table, message: error.message };
  if (error instanceof RowError) problem.row = error.id;
  if (error.field) problem.field = error.field;
  if (error instanceof InputError && error.line) problem.line = error.line;
  return problem;
}

export function describeProblem(p: Problem): string {
  const row = p.row ? ` row ${p.row}` : '';
  const where = p.field ? `${row} field "${p.field}":` : p.line ? ` line ${p.line}:` : row ? `${row}:` : '';
  return `${p.file}:${where} ${p.message}`;
}
