import type { Comunicado } from '../domain/comunicado.ts';
import { kindOf, type Kind } from '../domain/kinds.ts';
import { t } from '../messages/index.ts';
import { formatWhen } from './time.ts';

/** Where the slider, banner and pop-up lead, in words: the `enlace:`, the noticia, or nowhere (no noticia). */
export function targetWords(c: Pick<Comunicado, 'content'>): string {
  if (c.content.linkTarget) return c.content.linkTarget;
  return c.content.destinations.includes('portal:noticia') ? t('kind.preview.target_noticia') : t('kind.preview.target_none');
}

/** Placements that point somewhere (the noticia is the article itself). */
export function pointingPlacements(c: Pick<Comunicado, 'content'>): string[] {
  return c.content.destinations.filter((d) => d.startsWith('portal:') && d !== 'portal:noticia');
}

/** «Aviso: Corte de agua…» for lists; a comunicado (the usual kind) keeps its bare title. */
export function titleWithKind(title: string, kind: Kind | undefined): string {
  return kind && kind !== 'comunicado' ? `${t(`kind.${kind}`)}: ${title}` : title;
}

/**
 * The facts of the kind for the approval preview: the kind itself, a convocatoria's deadline
 * and sign-up link, and where the slider, banner or pop-up lead (when it has one).
 */
export function kindFacts(c: Pick<Comunicado, 'content'>, zone: string): string[] {
  const out = [t('kind.preview.kind', { kind: t(`kind.${kindOf(c.content)}`) })];
  if (c.content.closesAt) out.push(t('kind.preview.cierre', { when: formatWhen(c.content.closesAt, zone) }));
  if (c.content.registrationUrl) out.push(t('kind.preview.inscripciones', { url: c.content.registrationUrl }));
  if (pointingPlacements(c).length) out.push(t('kind.preview.target', { target: targetWords(c) }));
  return out;
}

/** The kind and deadline lines of `/estado C-…`. */
export function kindEstadoLines(c: Pick<Comunicado, 'content'>, zone: string): string[] {
  const out = [t('kind.estado.kind', { kind: t(`kind.${kindOf(c.content)}`) })];
  if (c.content.closesAt) out.push(t('kind.estado.cierre', { when: formatWhen(c.content.closesAt, zone) }));
  if (c.content.linkTarget) out.push(t('kind.preview.target', { target: c.content.linkTarget }));
  return out;
}
