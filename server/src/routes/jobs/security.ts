/** OpenAPI `security` of routes that need a session (Bearer token or the site's cookie). */
export const SESSION_SECURITY: { [scheme: string]: string[] }[] = [{ bearer: [] }, { cookie: [] }];

/** Routes anyone may call, where a session changes what they see (`{}` = anonymous allowed). */
export const OPTIONAL_SESSION_SECURITY: { [scheme: string]: string[] }[] = [{}, { bearer: [] }, { cookie: [] }];
