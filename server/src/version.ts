import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
/** The server package's version, shown in the OpenAPI document and `pathfinder --version`. */
export const API_VERSION: string = (require('../package.json') as { version: string }).version;
