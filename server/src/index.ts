export { buildApp, type BuildAppOptions } from './app.js';
export type { AppContext, AppServices } from './app-context.js';
export { ApiError } from './http/api-error.js';
export { errorBody, type ErrorBody } from './http/error-handler.js';
export { hashPassword, verifyPassword } from './auth/password.js';
