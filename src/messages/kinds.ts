/**
 * Spanish texts of the kinds of submission (comunicado, aviso, convocatoria), link targets,
 * the one pop-up rule, placement images and the convocatorias' life until their deadline.
 */
export const kinds = {
  'kind.comunicado': 'Comunicado de prensa',
  'kind.aviso': 'Aviso',
  'kind.convocatoria': 'Convocatoria',
  'kind.article.comunicado': 'el comunicado',
  'kind.article.aviso': 'el aviso',
  'kind.article.convocatoria': 'la convocatoria',
  'kind.preview.kind': '🏷️ Tipo: {kind}',
  'kind.preview.cierre': '⏳ Cierre de la convocatoria: {when}',
  'kind.preview.inscripciones': '📝 Inscripciones: {url}',
  'kind.preview.target': '🔗 El slider, el banner y el pop-up llevan a: {target}',
  'kind.preview.target_noticia': 'la noticia de este comunicado',
  'kind.estado.kind': 'Tipo: {kind}',
  'kind.estado.cierre': 'Cierre de la convocatoria: {when}',
  'kind.link.more': 'Más información',
  'kind.link.convocatoria': 'Inscríbase aquí',
  'kind.body.cierre': 'Inscripciones hasta el {when} (hora de Colombia).',
} as const;
