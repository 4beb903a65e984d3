/**
 * Spanish (es-CO) texts of the core: workflow, store, commands, console.
 * Every text a person reads comes from a catalogue file in this folder.
 */
export const core = {
  'state.draft': 'Borrador',
  'state.pending_approval': 'Pendiente de aprobación',
  'state.changes_requested': 'Cambios solicitados',
  'state.approved': 'Aprobado',
  'state.scheduled': 'Programado',
  'state.publishing': 'Publicando',
  'state.published': 'Publicado',
  'state.partially_published': 'Publicado parcialmente',
  'state.failed': 'Falló la publicación',
  'state.rejected': 'Rechazado',
  'state.withdrawn': 'Retirado',

  'delivery.pending': '⏳ pendiente',
  'delivery.in_flight': '🔄 publicando',
  'delivery.done': '✅ publicado',
  'delivery.failed': '❌ falló',
  'delivery.unknown': '❓ desconocido',
  'delivery.withdrawn': '🗑️ retirado',

  'workflow.illegal': 'No se puede {action} el comunicado {id} porque está en estado «{state}».',
  'workflow.not_approver': '{name}, usted no está configurado como aprobador. Solo el Jefe de Oficina (o quien esté en la lista de aprobadores) puede aprobar, rechazar o pedir cambios.',
  'workflow.not_reviewer': '{name}, usted no está configurado como revisor de comunicados.',
  'workflow.own_comunicado': 'No puede aprobar su propio comunicado ({id}). Debe aprobarlo otra persona de la lista de aprobadores.',
  'workflow.review_required': 'El comunicado {id} necesita la revisión de un profesional o técnico antes de la aprobación del Jefe.',
  'workflow.alt_missing': 'La imagen «{file}» no tiene texto alternativo. Por accesibilidad (Resolución 1519 de 2020) cada imagen debe describirse antes de aprobar. Edite el comunicado y agregue la descripción.',
  'workflow.reason_required': 'Indique el motivo del rechazo.',
  'workflow.no_destinations': 'El comunicado {id} no tiene destinos. Agregue al menos uno (por ejemplo `destinos: portal, facebook, x`).',
  'workflow.not_author': 'Solo el autor ({author}) o un aprobador puede editar el comunicado {id}.',
  'workflow.nothing_to_retry': 'El comunicado {id} no tiene entregas fallidas para reintentar.',

  'action.submit': 'enviar a aprobación',
  'action.review': 'revisar',
  'action.approve': 'aprobar',
  'action.reject': 'rechazar',
  'action.request_changes': 'pedir cambios a',
  'action.edit': 'editar',
  'action.schedule': 'programar',
  'action.start_publishing': 'publicar',
  'action.finish_publishing': 'cerrar la publicación de',
  'action.retry': 'reintentar',
  'action.withdraw': 'retirar',
} as const;
