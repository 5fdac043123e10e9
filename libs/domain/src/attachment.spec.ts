import { attachmentTypeOf, hasSignatureOf, scanViewer, ATTACHMENT_ACCEPT, SCAN_ACCEPT, SCAN_MEDIA_TYPES } from './attachment';

const bytes = (...b: number[]) => Uint8Array.from(b);

describe('attachments', () => {
  it('maps an extension, in any case, to the media type recorded', () => {
    expect(attachmentTypeOf('整改报告.PDF')?.mediaType).toBe('application/pdf');
    expect(attachmentTypeOf('公示截图.jpeg')?.mediaType).toBe('image/jpeg');
    expect(attachmentTypeOf('台账.xlsx')?.label).toBe('Excel');
    expect(attachmentTypeOf('电子卷宗.ofd')?.mediaType).toBe('application/ofd');
  });

  it('refuses what is not on the list, and names without an extension', () => {
    for (const name of ['setup.exe', 'script.js', 'page.html', 'noextension', 'trick.pdf.exe', '.pdf ', 'constructor', 'a.toString']) {
      expect(attachmentTypeOf(name)).toBeUndefined();
    }
    expect(ATTACHMENT_ACCEPT).toContain('.ofd');
  });

  it('checks the first bytes against the format the extension promises', () => {
    const pdf = attachmentTypeOf('a.pdf')!;
    expect(hasSignatureOf(pdf, new TextEncoder().encode('%PDF-1.7\n'))).toBe(true);
    expect(hasSignatureOf(pdf, bytes(0x4d, 0x5a, 0x90, 0x00))).toBe(false); // an executable renamed .pdf
    expect(hasSignatureOf(attachmentTypeOf('a.docx')!, bytes(0x50, 0x4b, 0x03, 0x04, 0x14))).toBe(true);
    expect(hasSignatureOf(attachmentTypeOf('a.doc')!, bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1))).toBe(true);
    expect(hasSignatureOf(attachmentTypeOf('a.tif')!, bytes(0x4d, 0x4d, 0x00, 0x2a))).toBe(true);
    expect(hasSignatureOf(attachmentTypeOf('a.png')!, bytes(0x89, 0x50))).toBe(false); // too short to tell
  });

  it('shows PDF and the common images of a 电子卷宗 in the browser and downloads OFD and TIFF; takes scans only', () => {
    expect(scanViewer('application/pdf')).toBe('pdf');
    expect(scanViewer('image/jpeg')).toBe('image');
    expect(scanViewer('application/ofd')).toBe('download');
    expect(scanViewer('image/tiff')).toBe('download');
    for (const ext of SCAN_ACCEPT.split(',')) expect(SCAN_MEDIA_TYPES).toContain(attachmentTypeOf(`x${ext}`)!.mediaType);
    expect(SCAN_MEDIA_TYPES).not.toContain(attachmentTypeOf('x.docx')!.mediaType);
  });
});
