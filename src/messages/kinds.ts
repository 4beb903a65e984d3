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
  'kind.image.preview': '🖼️ Imagen ajustada a {width}×{height} px, con relleno {background} y sin recortes, a partir de {file}. Texto alternativo: {alt}',
  'kind.image.no_alt': '(falta; agréguelo con «alt nombre: descripción»)',
  'kind.image.uploading': 'Subiendo la imagen ajustada a {width}×{height} para {placement}…',
  'kind.image.fit_failed': 'No pude ajustar la imagen {file} al tamaño de {placement}. Revise que el archivo sea una imagen válida o quite el tamaño de la configuración.',
  'kind.image.dropped': 'Se borraron de la biblioteca de medios {count} archivo(s) que solo usaba esta ubicación.',
} as const;
