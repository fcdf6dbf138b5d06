/** The OpenScan Cloud client and what comes with it. */
export { createCloudClient } from './client.js';
export { normaliseBaseUrl, checkToken } from './validate.js';
export { checkAgainstLimits, limitError, limitReportError } from './limits.js';
export type { LimitCheckProblem, LimitReport, TokenLimits } from './limits.js';
export { unwrapDownloadLink } from './download-link.js';
export { parseMissingParts } from './classify.js';
export * from './types.js';
