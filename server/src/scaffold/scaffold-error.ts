/** Why `create-plugin` refused to scaffold: a stable reason, for tests and callers. */
export type ScaffoldRefusal = 'invalid-id' | 'id-taken' | 'target-exists' | 'invalid-option';

/**
 * A refusal to scaffold (bad id, id already used, target folder not empty, bad option). The CLI
 * prints the message and exits with code 2; nothing was written.
 *
 * @example
 * ```ts
 * try { await scaffoldPlugin({ id: 'Bad_Id' }); } catch (e) { if (e instanceof ScaffoldError) e.reason; } // 'invalid-id'
 * ```
 */
export class ScaffoldError extends Error {
  constructor(readonly reason: ScaffoldRefusal, message: string) {
    super(message);
    this.name = 'ScaffoldError';
  }
}
