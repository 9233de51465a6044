/**
 * A SQL text whose parameters are named where they are used and numbered by the statement
 * itself, in order of first use: fragments written apart (a CTE from another domain, say)
 * combine without one of them knowing how many parameters the other takes. Built once; the
 * text is constant, so it can be a prepared statement.
 */
export class Statement<Name extends string> {
  readonly text: string;
  private readonly names: Name[] = [];

  constructor(build: (param: (name: Name) => string) => string) {
    this.text = build((name) => {
      let index = this.names.indexOf(name);
      if (index < 0) index = this.names.push(name) - 1;
      return `$${index + 1}`;
    });
  }

  /** The values in the statement's own parameter order. */
  values(bound: Readonly<Record<Name, unknown>>): unknown[] {
    return this.names.map((name) => {
      if (!(name in bound)) throw new Error(`No value for parameter ${name}`);
      return bound[name];
    });
  }
}

/** A parameter reference inside a fragment: what Statement's `param` answers. */
export type Param<Name extends string> = (name: Name) => string;
