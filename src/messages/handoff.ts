/**
 * Spanish (es-CO) texts of the WhatsApp hand-off: the direct message each team member gets
 * after a publication, the reminder, confirmations and the summary in the thread.
 */
export const handoff = {
  'handoff.heading': '📲 Para sus listas de difusión de WhatsApp: {id}',
  'handoff.intro': 'Hola, {name}. Se publicó «{title}». Este es el texto listo para reenviar; el enlace del portal va marcado con su nombre para saber cuántas personas llegan por sus listas.',
  'handoff.text_heading': 'Texto para WhatsApp',
  'handoff.open_whatsapp': 'Abrir WhatsApp con el texto',
  'handoff.portal_link': 'Enlace del portal (marcado para usted)',
  'handoff.how_confirm': 'Cuando lo haya compartido, pulse «Ya lo compartí» o reaccione con ✅ a este mensaje.',
  'handoff.button_shared': 'Ya lo compartí',
  'handoff.shared_mark': '✅ Compartido ({when}). ¡Gracias!',

  'handoff.reminder_heading': '⏰ Recordatorio amable: {id}',
  'handoff.reminder': 'Hola, {name}. ¿Ya pudo compartir «{title}» en sus listas de difusión? Si ya lo hizo, pulse «Ya lo compartí» o reaccione con ✅ a este mensaje. Si todavía no, el enlace abre WhatsApp con el texto listo.',
  'handoff.reminder_resend': 'Por si el mensaje anterior no le llegó, aquí va otra vez el texto:',

  'handoff.confirmed': '¡Gracias, {name}! Quedó registrado que compartió {id}.',
  'handoff.already_confirmed': '{name}, ya estaba registrado que compartió {id}. ¡Gracias!',
  'handoff.not_member': 'Usted no está en el equipo de difusión (sección team: de la configuración): no hay nada que registrar.',
  'handoff.not_yours': 'Ese botón de {id} es de otra persona del equipo: solo se registra lo que cada quien compartió desde su propio mensaje.',
  'handoff.no_handoff': 'No hay un envío de WhatsApp del comunicado {id} para usted.',
  'handoff.closed': 'El comunicado {id} fue retirado: ya no hace falta compartirlo.',
  'handoff.usage': 'Indique el comunicado: por ejemplo «/boton compartido C-2026-0001».',

  'handoff.withdrawn_notice': '🛑 El comunicado {id} «{title}» fue retirado. Por favor no lo siga compartiendo y, si puede, bórrelo de sus listas de difusión.',

  'handoff.summary': '📲 Difusión por WhatsApp de {id}: mensaje enviado a {sent} de {total} integrantes del equipo.',
  'handoff.summary_failed': '⚠️ No se pudo enviar a: {list}. Compártales el texto por otro medio.',
  'handoff.summary_unknown': '❓ No se sabe si les llegó a: {list} (el bot se detuvo mientras enviaba). Pregúnteles antes de reenviar.',

  'handoff.error.no_chat': 'no tiene id de chat en una plataforma activa (agregue su id de Slack o Telegram en team:)',
  'handoff.error.rate_limited': 'el chat siguió pidiendo esperar por más de {minutes} min',
  'handoff.error.refused': 'el chat rechazó el mensaje ({detail})',
  'handoff.error.interrupted': 'el bot se detuvo mientras enviaba',
} as const;
