/**
 * The one place the renderer gets its API: Electron's preload exposes it as window.scanbridge;
 * in a plain browser (web mode) it is the web client. Everything else imports `api` from here.
 */
import type { ScanBridgeApi } from '../../main/contract/index.js';
import { createWebClient, takeSecretFromUrl } from './web-client.js';

/** Electron's preload may add this (webUtils.getPathForFile) so dropped files have real paths. */
export interface PreloadExtras {
  pathForFile?(file: File): string;
}

declare global {
  interface Window {
    scanbridge?: ScanBridgeApi & PreloadExtras;
  }
}

export const api: ScanBridgeApi & PreloadExtras = window.scanbridge ?? createWebClient(takeSecretFromUrl());
export const isElectron = window.scanbridge !== undefined;
