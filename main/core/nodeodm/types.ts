/**
 * What a NodeODM node says and takes, as plain types: a leaf every nodeodm file can import without
 * pulling in the client (client, replies and options used to import each other for these).
 */
import type { Readable } from 'node:stream';

export interface NodeInfo {
  version: string;
  taskQueueCount: number;
  /** null when the node sets no limit. */
  maxImages: number | null;
  maxParallelTasks?: number;
  cpuCores?: number;
  totalMemory?: number;
  availableMemory?: number;
  engine?: string;
  engineVersion?: string;
}

export interface NodeOption {
  name: string;
  type: string;
  value: string;
  /** A description ("positive integer", "float: 0 <= x <= 1") or the list of allowed values. */
  domain: string | string[];
  help: string;
}

export interface AuthInfo {
  message: string;
  loginUrl: string | null;
  registerUrl: string | null;
}

export const TASK_STATUS = { QUEUED: 10, RUNNING: 20, FAILED: 30, COMPLETED: 40, CANCELED: 50 } as const;

export interface TaskInfo {
  uuid: string;
  name: string;
  dateCreated: number;
  processingTime: number;
  status: { code: number; errorMessage?: string };
  imagesCount: number;
  /** 0..100 */
  progress: number;
  options: { name: string; value: unknown }[];
}

export interface NodeOdmOptionValue {
  name: string;
  value: string | number | boolean;
}

export interface UploadBody {
  headers: Record<string, string | number>;
  stream: () => Readable;
}
