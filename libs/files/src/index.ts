/**
 * Files shared by the API (which receives them) and the worker (which reads them in activities):
 * the attachment storage (local disk or an S3-compatible store) and the safe XLSX reader.
 */
export { createStorage, storageKey, LocalDiskStorage, S3Storage, type AttachmentStorage } from './storage';
export { openXlsx, XlsxArchiveError, XLSX_CAPS, type XlsxCaps } from './xlsx-reader';
export { cellText } from './cell-text';
