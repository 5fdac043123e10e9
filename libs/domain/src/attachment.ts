/**
 * 附件: which files may be uploaded as evidence, and how a file proves it is what its name says.
 * The media type recorded is the one its extension maps to here (never the client's claim), and the
 * first bytes must carry that format's signature: a renamed executable is refused.
 */

/** The formats an office accepts as evidence: PDF, OFD (the national fixed-layout format), images, Word, Excel, ZIP. */
export const ATTACHMENT_TYPES = {
  pdf: { mediaType: 'application/pdf', label: 'PDF', signature: 'pdf' },
  ofd: { mediaType: 'application/ofd', label: 'OFD', signature: 'zip' },
  png: { mediaType: 'image/png', label: '图片', signature: 'png' },
  jpg: { mediaType: 'image/jpeg', label: '图片', signature: 'jpeg' },
  jpeg: { mediaType: 'image/jpeg', label: '图片', signature: 'jpeg' },
  gif: { mediaType: 'image/gif', label: '图片', signature: 'gif' },
  tif: { mediaType: 'image/tiff', label: '图片', signature: 'tiff' },
  tiff: { mediaType: 'image/tiff', label: '图片', signature: 'tiff' },
  doc: { mediaType: 'application/msword', label: 'Word', signature: 'ole' },
  docx: { mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', label: 'Word', signature: 'zip' },
  xls: { mediaType: 'application/vnd.ms-excel', label: 'Excel', signature: 'ole' },
  xlsx: { mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', label: 'Excel', signature: 'zip' },
  zip: { mediaType: 'application/zip', label: 'ZIP', signature: 'zip' },
} as const;
export type AttachmentExtension = keyof typeof ATTACHMENT_TYPES;

/** For a file picker's `accept`, and for messages: ".pdf,.ofd,…". */
export const ATTACHMENT_ACCEPT = Object.keys(ATTACHMENT_TYPES).map((e) => `.${e}`).join(',');
export const ATTACHMENT_TYPES_TEXT = 'PDF、OFD、图片（PNG/JPG/GIF/TIFF）、Word、Excel、ZIP';

const SIGNATURES: Record<(typeof ATTACHMENT_TYPES)[AttachmentExtension]['signature'], number[][]> = {
  pdf: [[0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
  zip: [[0x50, 0x4b, 0x03, 0x04]], // PK\3\4 (OFD, DOCX, XLSX are ZIP containers)
  png: [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  jpeg: [[0xff, 0xd8, 0xff]],
  gif: [[0x47, 0x49, 0x46, 0x38]], // GIF8
  tiff: [[0x49, 0x49, 0x2a, 0x00], [0x4d, 0x4d, 0x00, 0x2a]],
  ole: [[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]], // .doc, .xls
};

/** Bytes needed to check any signature. */
export const SIGNATURE_BYTES = 8;

/** The accepted type of a file name (by its extension), or undefined. */
export function attachmentTypeOf(fileName: string): (typeof ATTACHMENT_TYPES)[AttachmentExtension] | undefined {
  const ext = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase();
  return ext && Object.hasOwn(ATTACHMENT_TYPES, ext) ? ATTACHMENT_TYPES[ext as AttachmentExtension] : undefined;
}

/** Whether the file's first bytes carry the signature its extension promises. */
export function hasSignatureOf(type: (typeof ATTACHMENT_TYPES)[AttachmentExtension], head: Uint8Array): boolean {
  return SIGNATURES[type.signature].some((sig) => sig.length <= head.length && sig.every((b, i) => head[i] === b));
}

/** 电子卷宗: a drawn case file's scans may be PDF, OFD or images (not Word, Excel or ZIP). */
export const SCAN_MEDIA_TYPES: readonly string[] = ['application/pdf', 'application/ofd', 'image/png', 'image/jpeg', 'image/gif', 'image/tiff'];
export const SCAN_ACCEPT = '.pdf,.ofd,.png,.jpg,.jpeg,.gif,.tif,.tiff';
export const SCAN_TYPES_TEXT = 'PDF、OFD、图片（PNG/JPG/GIF/TIFF）';

/** How a browser shows a scan: PDF and the common images inline; OFD (no built-in viewer) and TIFF are downloaded. */
export function scanViewer(mediaType: string): 'pdf' | 'image' | 'download' {
  if (mediaType === 'application/pdf') return 'pdf';
  if (mediaType === 'image/png' || mediaType === 'image/jpeg' || mediaType === 'image/gif') return 'image';
  return 'download';
}
