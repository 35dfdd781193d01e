/**
 * The engine's and the API's stable error codes. Clients branch on `code`, never on the message,
 * so a code, once published, keeps its meaning. `docs/errors.md` lists every code (a test checks it).
 * The SDK's own codes (politeness, manifests, parsing) live in `@pathfinder/sdk`'s `ErrorCodes`.
 */
export const CoreErrorCodes = {
  PF_ERR_CONFIG: 'An environment variable has a value the app cannot use; the message names it.',
  PF_ERR_DATA_DIR_LOCKED: 'Another process holds the embedded Postgres data folder and it could not be reused.',
  PF_ERR_EMBEDDED_POSTGRES: 'The embedded Postgres server could not be initialised or started.',
  PF_ERR_DB_UNAVAILABLE: 'The database did not answer; the API answers 503 with Retry-After until it is back.',
  PF_ERR_VALIDATION: 'The request is malformed or a field has a wrong value.',
  PF_ERR_MALFORMED_JSON: 'The request body is not valid JSON.',
  PF_ERR_NOT_FOUND: 'The resource or route does not exist.',
  PF_ERR_CONFLICT: 'The request conflicts with existing data (e.g. a duplicate unique value).',
  PF_ERR_UNAUTHENTICATED: 'The request needs a valid session.',
  PF_ERR_FORBIDDEN: 'The session is valid but its role may not do this.',
  PF_ERR_RATE_LIMITED: 'Too many attempts; retry after the Retry-After header.',
  PF_ERR_PAYLOAD_TOO_LARGE: 'The request body is larger than the server accepts.',
  PF_ERR_UNSUPPORTED_MEDIA_TYPE: "The request body's Content-Type is not one the operation reads (send application/json).",
  PF_ERR_PLUGIN_LOAD: 'A plugin package could not be imported or has no valid default export.',
  PF_ERR_PLUGIN_NOT_FOUND: 'No plugin with that id is registered.',
  PF_ERR_PLUGIN_DUPLICATE_ID: 'Two plugin packages declare the same source id.',
  PF_ERR_PLUGIN_CRASHED: 'The plugin threw an error that is not one of the SDK\'s; its run failed and will be retried.',
  PF_ERR_CRAWL_TIMEOUT: 'A crawl made no progress within the configured timeout and was aborted.',
  PF_ERR_CRAWL_RUNNING: 'A crawl of that source is already running.',
  PF_ERR_PLUGIN_DISABLED: 'The plugin is disabled.',
  PF_ERR_CRAWL_QUEUED: 'A crawl of that source is already queued and waiting for a worker.',
  PF_ERR_SCHEDULER_UNAVAILABLE: 'The scheduler (pg-boss) is not running in this process.',
  PF_ERR_BAD_CURSOR: 'A list cursor is malformed, forged, or belongs to another sort.',
  PF_ERR_SENIOR_ROLE: 'Pathfinder lists co-op, internship and new-grad roles only; the posting reads as a senior role.',
  PF_ERR_DEADLINE_PASSED: "The job's application deadline has already passed.",
  PF_ERR_CONTENT_TOO_COMPLEX: 'Cleaning the posting (its HTML description) took longer than the server allows; simplify the markup.',
  PF_ERR_DUPLICATE_JOB: 'The same job (company, title, location) is already listed by the same source (another source\'s copy is kept and grouped with it).',
  PF_ERR_UPDATE_PROHIBITED: 'The job is marked update-prohibited; only an admin may change it.',
  PF_ERR_MANIFEST_FIELD: "The field comes from the plugin's manifest and cannot be edited here.",
  PF_ERR_PLUGIN_SOURCE: 'Plugin sources cannot be deleted (disable them instead).',
  PF_ERR_READ_ONLY: 'The resource is read-only (e.g. the provinces table).',
  PF_ERR_MFA_REQUIRED: 'Admin and superuser accounts must turn MFA on before anything else: only MFA setup, sign-out and `GET /users/me` answer until then.',
  PF_ERR_REAUTH_REQUIRED: 'The action needs proof it is the owner: send the current password (or, with MFA on, a fresh code).',
  PF_ERR_REAUTH_FAILED: 'The password or code sent to confirm the action is wrong.',
  PF_ERR_TOKEN_INVALID: 'The token of an emailed link is malformed, forged or expired; ask for a new link.',
} as const;

export type CoreErrorCode = keyof typeof CoreErrorCodes;

/**
 * An error the engine or API raises on purpose. `statusCode` is the HTTP status the API maps it to
 * (the one place that mapping happens is the server's error handler).
 */
export class CoreError extends Error {
  readonly code: CoreErrorCode;
  readonly statusCode: number;
  readonly details?: Record<string, unknown>;

  constructor(code: CoreErrorCode, message: string, options: { statusCode?: number; cause?: unknown; details?: Record<string, unknown> } = {}) {
    super(message, { cause: options.cause });
    this.name = 'CoreError';
    this.code = code;
    this.statusCode = options.statusCode ?? 500;
    this.details = options.details;
  }
}
