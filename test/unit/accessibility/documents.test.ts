import { describe, expect, it } from 'vitest';
import { checkPdf } from '../../../src/accessibility/documents.ts';
import { scannedPdf, textPdf } from '../../fixtures/accessible-files.ts';

describe('PDF accessibility, read with PDF.js', () => {
  it('a text PDF has a text layer and its title', async () => {
    expect(await checkPdf(new Uint8Array(await textPdf()))).toEqual({ pages: 1, pagesWithText: 1, title: 'Informe de gestión 2026' });
  });

  it('a text PDF without title metadata has no title', async () => {
    expect((await checkPdf(new Uint8Array(await textPdf(null)))).title).toBeUndefined();
  });

  it('a scanned PDF (a picture of a page) has no text layer', async () => {
    expect(await checkPdf(new Uint8Array(await scannedPdf()))).toEqual({ pages: 1, pagesWithText: 0, title: 'Resolución escaneada' });
  });
});
