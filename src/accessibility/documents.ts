import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Attachment } from '../domain/comunicado.ts';
import { t } from '../messages/index.ts';
import type { Logger } from '../util/logger.ts';

/**
 * What a screen reader can do with a PDF (Resolución 1519 de 2020, Anexo 1: accessible
 * documents), read with Mozilla's PDF.js (pdfjs-dist, legacy build for Node): whether any
 * page has a text layer (a scan has none: only pictures of pages), and whether the
 * document has a title in its metadata (what a reader announces first).
 */
export interface PdfCheck {
  pages: number;
  /** Pages with at least one character of text. */
  pagesWithText: number;
  title: string | undefined;
}

/** Pages read for text at most: a long report is judged by its first pages. */
const MAX_PAGES = 20;

export async function checkPdf(bytes: Uint8Array): Promise<PdfCheck> {
  // Loaded on first use: PDF.js is large, and most comunicados carry no PDF.
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const pdf = await getDocument({ data: bytes, useSystemFonts: false, verbosity: 0, stopAtErrors: false }).promise;
  try {
    const meta = await pdf.getMetadata().catch(() => undefined);
    const info = (meta?.info ?? {}) as { Title?: unknown };
    const xmpTitle = meta?.metadata?.get('dc:title');
    const title = [info.Title, xmpTitle].find((v): v is string => typeof v === 'string' && v.trim().length > 0)?.trim();
    let pagesWithText = 0;
    const pages = Math.min(pdf.numPages, MAX_PAGES);
    for (let n = 1; n <= pages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      if (content.items.some((i) => 'str' in i && i.str.trim().length > 0)) pagesWithText++;
      page.cleanup();
    }
    return { pages: pdf.numPages, pagesWithText, title };
  } finally {
    await pdf.destroy();
  }
}

export async function checkPdfFile(path: string): Promise<PdfCheck> {
  return checkPdf(new Uint8Array(await readFile(path)));
}

/** Largest PDF read for the preview (PDF.js holds it in memory). */
export const MAX_CHECKED_PDF_BYTES = 50 * 1024 * 1024;

/**
 * The preview's lines about the comunicado's PDFs: a scan (no text layer) gets a warning, a
 * PDF without a title in its metadata a hint. A PDF that cannot be read says so.
 */
export async function documentHints(attachments: Attachment[], dataDir: string, logger?: Logger): Promise<string[]> {
  const lines: string[] = [];
  for (const a of attachments) {
    if (a.kind !== 'document' || a.mime !== 'application/pdf') continue;
    if (a.size > MAX_CHECKED_PDF_BYTES) {
      lines.push(t('a11y.doc.not_checked', { file: a.filename, reason: t('a11y.doc.too_big') }));
      continue;
    }
    let check: PdfCheck;
    try {
      check = await checkPdfFile(join(dataDir, a.path));
    } catch (err) {
      logger?.warn({ err: String(err), file: a.filename }, 'pdf not checked for accessibility');
      lines.push(t('a11y.doc.not_checked', { file: a.filename, reason: t('a11y.doc.unreadable') }));
      continue;
    }
    if (check.pagesWithText === 0) lines.push(t('a11y.doc.no_text', { file: a.filename }));
    if (!check.title) lines.push(t('a11y.doc.no_title', { file: a.filename }));
  }
  return lines;
}
