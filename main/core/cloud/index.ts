/** The OpenScan Cloud client and what comes with it. */
export { createCloudClient, normaliseBaseUrl, checkToken, limitProblems, describeLimits } from './client.js';
export { unwrapDownloadLink } from './download-link.js';
export { parseMissingParts } from './classify.js';
export * from './types.js';
