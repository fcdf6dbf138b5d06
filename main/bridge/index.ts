export { startBridge, type Bridge, type BridgeOptions, type BridgeService } from './server.js';
export { CSP, SECRET_HEADER, SECRET_QUERY, secretMatches, hostAllowed, originAllowed } from './security.js';
export { resolveStatic } from '../renderer-files/static-files.js';
