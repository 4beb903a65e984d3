/** Spanish texts of what the bot posts in the chat (previews, statuses, replies). */
export const chat = {
  'destination.portal:noticia': 'Portal · noticia',
  'destination.portal:slider_principal': 'Portal · slider principal',
  'destination.portal:slider_contacto': 'Portal · slider de contacto',
  'destination.portal:banner_aviso': 'Portal · banner de avisos',
  'destination.portal:popup': 'Portal · pop-up',
  'network.facebook': 'Facebook',
  'network.instagram': 'Instagram',
  'network.x': 'X',
  'network.youtube': 'YouTube',
  'network.email': 'Correo',
  'account.alcaldia': 'Alcaldía',
  'account.alcalde': 'Alcalde',
  'account.todos': 'todos los medios',

  'preview.heading': '📰 Nuevo comunicado para aprobación: {id}',
  'preview.edited_heading': '📝 Comunicado {id} editado (versión {version}): necesita aprobación de nuevo',
  'preview.by': 'Enviado por {author}',
  'preview.destinations': 'Destinos',
  'preview.schedule': 'Programado para {when} (hora de Colombia)',
  'preview.vigencia': 'Vigente hasta {date}',
  'preview.attachments': 'Adjuntos: {list}',
  'preview.dry_run': 'simulación: {reason}',
  'preview.length': '{length}/{limit} caracteres',
  'preview.needs_unchecked': 'No se pudo comprobar en {destination} lo que esta publicación necesita: {detail} Revise /cuentas antes de aprobar.',
  'preview.needs_timeout': 'no respondió a tiempo.',
  'preview.how': 'Aprobar: reaccione con ✅ o use el botón. Rechazar: ❌. Pedir cambios: ✏️.',
  'preview.approvers': 'Aprobadores: {list}',
  'preview.review_needed': 'Necesita primero la revisión de un profesional o técnico (botón Revisado).',
  'preview.superseded': '🔁 Reemplazado por la versión {version} de {id}. Esta vista previa ya no se aprueba: use la nueva.',
  'preview.superseded_link': 'Ver la versión {version}',
  'preview.superseded_note': 'Esa vista previa de {id} es de una versión anterior. La versión vigente es la {version}: apruebe o rechace en su vista previa.',
  'preview.alt_missing': '⚠️ La imagen «{file}» no tiene texto alternativo: no se puede aprobar hasta que se describa.',

  'button.approve': 'Aprobar',
  'button.reject': 'Rechazar',
  'button.changes': 'Pedir cambios',
  'button.review': 'Revisado',
  'button.confirm_yes': 'Sí quedó publicado',
  'button.confirm_no': 'No quedó publicado',
  'button.retry': 'Reintentar fallidos',

  'reply.received': '✅ Recibido: {id} «{title}». Lo envié a aprobación.',
  'reply.received_draft': 'Recibido: {id}.',
  'reply.ask_reason': '{name}, ¿cuál es el motivo del rechazo de {id}? Responda a este mensaje (en el hilo) con el motivo.',
  'reply.ask_changes': '{name}, escriba en este hilo qué cambios necesita {id}; se los haré llegar al autor.',
  'reply.approved_by': '✅ {id} aprobado por {name}.',
  'reply.reviewed_by': '👀 {id} revisado por {name}. Falta la aprobación del Jefe.',
  'reply.rejected': '❌ {id} fue rechazado por {name}. Motivo: {reason}',
  'reply.withdrawn': '🗑️ {id} retirado por {name}. Motivo: {reason}',
  'reply.withdraw_result': '{destination}: {outcome}',
  'reply.withdraw_manual': 'Debe retirarse a mano en {destination}: {detail}',
  'reply.retrying': '🔁 Reintentando los destinos fallidos de {id}.',
  'reply.confirmed': 'Listo: {destination} de {id} quedó como {state}.',
  'reply.late_files_added': '📎 Llegó tarde {files} del álbum de {id}: se agregó como versión {version}, que vuelve a aprobación.',
  'reply.late_files_not_added': '📎 Llegó tarde {files} del álbum de {id} y no se agregó: el comunicado ya está {state}. Si hace falta, envíelo en un comunicado nuevo.',
  'reply.edited': '📝 {id} actualizado a la versión {version}.',
  // What the author hears, in the place they submitted from: one sentence per outcome.
  'reply.author_approved': 'Su comunicado {id} fue aprobado por {name}. Le avisaré aquí cuando quede publicado.',
  'reply.author_scheduled': '🕒 Su comunicado {id} fue aprobado por {name}; se publicará el {when} (hora de Colombia). Le avisaré aquí cuando quede publicado.',
  'reply.author_rejected': '❌ Su comunicado {id} fue rechazado por {name}. Motivo: {reason}',
  'reply.author_changes': '✏️ {name} pidió cambios en su comunicado {id}: {note}',
  'reply.author_changes_no_note': '✏️ {name} pidió cambios en su comunicado {id}.',
  'reply.author_changes_how': 'Para corregirlo, envíe /comunicado editar {id} con el texto corregido, o solo con las líneas que cambian (por ejemplo «alt foto-1.jpg: descripción de la imagen»).',
  'reply.author_published': '✅ Su comunicado {id} «{title}» quedó publicado en todos sus destinos.',
  'reply.author_partial': '⚠️ Su comunicado {id} «{title}» quedó publicado solo en parte.',
  'reply.author_failed': '❌ Su comunicado {id} «{title}» no se pudo publicar en ningún destino.',
  'reply.author_withdrawn': '🗑️ Su comunicado {id} fue retirado por {name}. Motivo: {reason}',
  'reply.author_links': 'Enlaces',
  'reply.author_not_published': 'No se publicó en',
  'reply.author_failed_line': '{destination}: {reason}',
  'reply.author_unknown_line': '{destination}: todavía no se sabe si quedó publicado; la oficina lo está verificando.',
  'reply.author_retry_hint': 'Un aprobador puede volver a intentar los destinos que fallaron con /reintentar {id}.',
  'reply.alt_missing_one': '⚠️ La imagen «{file}» no tiene texto alternativo (la descripción que escuchan quienes no pueden verla). No se puede aprobar hasta que la tenga. Envíe este mensaje, con su propia descripción:',
  'reply.alt_missing_many': '⚠️ Estas imágenes no tienen texto alternativo (la descripción que escuchan quienes no pueden verlas): {files}. No se puede aprobar hasta que cada una la tenga. Envíe este mensaje, con sus propias descripciones:',
  'reply.alt_edit_command': '/comunicado editar {id}',
  'reply.alt_line': 'alt {file}: descripción de la imagen',

  'status.heading': 'Publicación de {id}: {state}',
  'status.final': '📣 {id} «{title}»: {state}',
  'status.links': 'Enlaces',
  'status.dry_run_note': '(simulación)',
  'status.unknown_hint': 'Revise la cuenta y confirme con los botones si quedó publicado.',

  'estado.none': 'No hay comunicados en curso.',
  'estado.list_heading': 'Comunicados en curso',
  'estado.item': '{id} · {state} · «{title}»',
  'estado.detail_heading': '{id} · {state}',
  'estado.version': 'Versión {version} · autor {author} · creado {created}',
  'estado.scheduled': 'Programado para {when} (hora de Colombia)',
  'estado.rejection': 'Motivo del rechazo: {reason}',
  'estado.history': 'Últimos movimientos',
  'estado.recent_heading': 'Comunicados cerrados recientemente',
  'estado.recent_none': 'No hay comunicados cerrados todavía.',

  'error.generic': 'Algo salió mal al procesar su mensaje ({code}). No se perdió nada de lo guardado; intente de nuevo o avise al administrador.',
  'error.unknown_command': 'No conozco el comando «{name}». Escriba /ayuda para ver los disponibles.',
  'error.usage': 'Uso: {usage}',
  'error.not_found': 'No encuentro el comunicado {id}.',
  'error.not_heard': 'Este chat no está configurado para comunicados.',
  'error.not_allowed': 'Solo los aprobadores pueden usar {command}.',

  'ayuda.text':
    'Comandos del bot de comunicados:\n' +
    '• /comunicado — envía un comunicado. Primera línea: título; siguiente párrafo: entradilla; el resto: cuerpo. #hashtags en cualquier parte. Líneas opcionales al final: «destinos: portal, facebook, x:alcalde, correo», «programar: AAAA-MM-DD HH:MM», «vigencia: AAAA-MM-DD», «alt foto.jpg: descripción» (una por imagen), «tipo: aviso» o «tipo: convocatoria» (con «cierre: AAAA-MM-DD HH:MM» e «inscripciones: https://…»), «enlace: https://…» (a dónde llevan slider, banner y pop-up).\n' +
    '• /comunicado editar ID — corrige un comunicado: el formulario completo, o solo las líneas que cambian (alt, destinos, programar, vigencia).\n' +
    '• /estado [ID] — en qué va un comunicado, o la lista de los que están en curso; /estado recientes, los últimos cerrados.\n' +
    '• /reintentar ID — vuelve a publicar solo los destinos que fallaron.\n' +
    '• /confirmar ID destino si|no — dice si quedó publicado un destino que el bot no pudo verificar (❓), p. ej. «/confirmar C-2026-0142 facebook:alcaldia si».\n' +
    '• /retirar ID motivo — retira el comunicado del portal y de las redes que lo permiten.\n' +
    '• /cuentas — revisa el acceso a cada cuenta.\n' +
    '• /digest — el resumen del día.\n' +
    '• /medios — la lista de medios para el correo; los aprobadores la cambian con /medios agregar, /medios quitar, /medios baja.\n' +
    '• /ayuda — esta ayuda.\n' +
    '{approval}',
  'ayuda.approval.slack': 'Aprobación: el Jefe reacciona a la vista previa con ✅ (aprobar), ❌ (rechazar) o ✏️ (pedir cambios), o usa los botones.',
  'ayuda.approval.telegram': 'Aprobación: el Jefe reacciona a la vista previa con 👍 (aprobar), 👎 (rechazar) o ✍ (pedir cambios), o usa los botones.',
  'ayuda.approval.console':
    'Aprobación: el Jefe escribe /boton aprobar ID, /boton rechazar ID o /boton cambios ID (son los botones de la vista previa), o /aprobar ID, /rechazar ID motivo, /cambios ID nota.',

  'cuentas.heading': 'Estado de las cuentas',
  'cuentas.dry_run': '{destination}: ⚪ simulación ({reason})',
  'cuentas.ok': '{destination}: ✅ {detail}',
  'cuentas.bad': '{destination}: ❌ {detail}',
  'cuentas.expires': ' (el acceso vence el {date})',
} as const;
