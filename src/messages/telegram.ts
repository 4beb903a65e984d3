/** Spanish texts of the Telegram adapter: start-up problems, files, the step-by-step form. */
export const telegram = {
  'telegram.webhook_secret_missing':
    'TELEGRAM_WEBHOOK_URL está definida pero falta TELEGRAM_WEBHOOK_SECRET. Sin ese secreto cualquiera podría enviarle al bot mensajes falsos: defina TELEGRAM_WEBHOOK_SECRET (de 1 a 256 caracteres: letras, números, _ y -) o quite TELEGRAM_WEBHOOK_URL para usar long polling.',
  'telegram.webhook_secret_invalid':
    'TELEGRAM_WEBHOOK_SECRET solo puede tener letras sin tilde, números, _ y - (de 1 a 256 caracteres), como exige Telegram.',
  'telegram.webhook_url_invalid': 'TELEGRAM_WEBHOOK_URL no es una dirección válida ({url}). Debe ser la URL pública https:// por la que Telegram llega al bot.',
  'telegram.token_refused': 'Telegram rechazó TELEGRAM_BOT_TOKEN ({detail}). Revise el token que le entregó @BotFather.',
  'telegram.unreachable': 'No pude conectarme con la Bot API de Telegram ({detail}). Revise la conexión a internet y TELEGRAM_API_ROOT.',

  'telegram.file_too_big_public':
    'El archivo «{file}» pesa {size} y Telegram solo deja a los bots descargar archivos de hasta 20 MB. Envíelo más liviano (comprimido o en menor resolución) o compártalo como enlace. Si la oficina usa un servidor propio de la Bot API (TELEGRAM_API_ROOT), ese límite no aplica.',
  'telegram.file_unavailable': 'Telegram no entregó el archivo «{file}» ({detail}). Vuelva a enviarlo.',

  // Telegram only offers a fixed set of reactions: 👍 👎 ✍ are in it, ✅ ❌ ✏️ are not.
  'preview.how.telegram': 'Aprobar: reaccione con 👍 o use el botón. Rechazar: 👎. Pedir cambios: ✍.',

  'telegram.mention_fallback': 'usuario {id}',
  'telegram.anonymous_admin':
    'No puedo saber quién escribe cuando se publica como administrador anónimo. Desactive «Permanecer anónimo» en sus permisos de administrador del grupo para enviar comunicados.',
  'telegram.button_expired': 'Este botón ya no es válido. Use /estado para ver el comunicado.',
  'telegram.dm_blocked': 'No puedo escribirle en privado a {user}: esa persona debe abrir un chat con el bot y pulsar «Iniciar».',
  'telegram.migrated':
    'Este grupo pasó a ser un supergrupo y Telegram le dio un id nuevo: {to} (antes {from}). El bot ya lo usa; actualice chats.telegram en la configuración con el id nuevo para que quede permanente.',

  'telegram.form.titulo': '{name}, armemos el comunicado paso a paso (escriba /cancelar para salir).\n1/5 · ¿Cuál es el título? Responda a este mensaje.',
  'telegram.form.entradilla': '2/5 · Escriba la entradilla: el párrafo que resume la noticia.',
  'telegram.form.cuerpo': '3/5 · Escriba el cuerpo del comunicado (puede tener varios párrafos y #hashtags). Si no lleva cuerpo, responda «-».',
  'telegram.form.destinos': '4/5 · ¿Dónde se publica? Por ejemplo: portal, facebook, x:alcalde, instagram, correo. Responda «-» para los destinos de siempre ({defaults}).',
  'telegram.form.fotos':
    '5/5 · Envíe las fotos, videos o documentos. El pie de cada foto es su descripción (texto alternativo), obligatoria para publicar. Cuando termine, escriba «listo».',
  'telegram.form.files_received': 'Recibí {count} archivo(s) en total. Envíe más o escriba «listo».',
  'telegram.form.files_kept': 'Guardé {count} archivo(s) para el final. Ahora responda la pregunta anterior.',
  'telegram.form.need_text': 'Necesito un texto para seguir: responda la pregunta anterior, o escriba /cancelar.',
  'telegram.form.fotos_hint': 'Envíe fotos o documentos, o escriba «listo» para mandar el comunicado a aprobación.',
  'telegram.form.title_too_long': 'El título tiene {length} caracteres y el máximo es {max}. Escríbalo más corto.',
  'telegram.form.bad_destinations': 'No reconozco estos destinos: {list}. Use por ejemplo: portal, facebook, x:alcalde, instagram, youtube, correo.',
  'telegram.form.titulo_kind': '{name}, armemos {kind} paso a paso (escriba /cancelar para salir).\n1/5 · ¿Cuál es el título? Responda a este mensaje.',
  'telegram.form.cierre': 'Convocatoria · ¿Cuándo se cierra? Escriba la fecha y la hora de Colombia como AAAA-MM-DD HH:MM, por ejemplo 2026-12-15 17:00.',
  'telegram.form.inscripciones': 'Convocatoria · ¿Dónde se inscriben? Escriba la dirección (https) del formulario o la página de inscripción, o «-» si no hay.',
  'telegram.form.enlace': '¿A dónde lleva el slider, el banner o el pop-up? Escriba una dirección https de un dominio permitido (un trámite, un formulario), o «-» para que lleve a la noticia.',
  'telegram.form.cancelled': 'Listo, descarté el comunicado que estaba armando.',
  'telegram.form.nothing_to_cancel': 'No hay ningún comunicado en curso para cancelar.',

  'telegram.cmd.comunicado': 'Enviar un comunicado a aprobación',
  'telegram.cmd.estado': 'Ver el estado de los comunicados',
  'telegram.cmd.cancelar': 'Cancelar el comunicado que está armando',
  'telegram.cmd.aprobar': 'Aprobar un comunicado: /aprobar ID',
  'telegram.cmd.rechazar': 'Rechazar un comunicado: /rechazar ID motivo',
  'telegram.cmd.cambios': 'Pedir cambios: /cambios ID nota',
  'telegram.cmd.reintentar': 'Reintentar los destinos fallidos: /reintentar ID',
  'telegram.cmd.retirar': 'Retirar un comunicado publicado: /retirar ID motivo',
  'telegram.cmd.cuentas': 'Revisar el acceso a las cuentas',
  'telegram.cmd.digest': 'Ver el resumen del día',
  'telegram.cmd.ayuda': 'Ver la ayuda',
} as const;
