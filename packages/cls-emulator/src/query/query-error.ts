/** A query the emulator does not understand; `position` is the 0-based character offset. */
export class QuerySyntaxError extends Error {
  /** 0-based offset in the query where the problem starts. */
  readonly position: number;

  /**
   * @param message - what is wrong
   * @param position - 0-based character offset of the problem
   */
  constructor(message: string, position: number) {
    super(`${message} (at position ${position})`);
    this.name = "QuerySyntaxError";
    this.position = position;
  }
}
