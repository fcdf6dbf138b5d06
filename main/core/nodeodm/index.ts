/** NodeODM / ClusterODM: client, option validation, uploader, download + safe extraction, backend. */
export { createNodeOdmBackend, type NodeOdmBackendDeps, type NodeOdmHandle } from './backend.js';
export {
  createNodeOdmClient,
  TASK_STATUS,
  type AuthInfo,
  type NodeInfo,
  type NodeOdmClient,
  type NodeOdmClientOptions,
  type NodeOption,
  type TaskInfo,
} from './client.js';
export { downloadAsset } from './download.js';
export { InvalidOptionsError, TaskNotFoundError, type OptionProblem } from './errors.js';
export {
  DEFAULT_EXTRACT_LIMITS,
  safeExtractZip,
  unsafeEntryReason,
  type ExtractLimits,
} from '../archive/safe-extract.js';
export { multipartPhotos, uploadNames, type UploadItem } from './multipart.js';
export { checkValue, parseDomain, validateOptions, type Domain, type NodeOdmOptionValue } from './options.js';
export { followTask, isTerminal, toBackendStatus } from './status.js';
export { planBatches, uploadPhotos, type UploadOptions, type UploadSummary } from './upload.js';
export { checkNodeHealth, type NodeHealth } from './health.js';
