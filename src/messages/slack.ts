/** Spanish texts of the Slack adapter: the /comunicado modal, refusals and start-up errors. */
export const slack = {
  // The modal (title, submit and close are limited by Slack to 24 characters).
  'slack.modal.title': 'Nuevo comunicado',
  'slack.modal.submit': 'Enviar a aprobación',
  'slack.modal.close': 'Cancelar',
  'slack.modal.intro':
    'Complete el comunicado de prensa. Antes de publicarse pasa por la aprobación del Jefe de Oficina; usted verá la vista previa en el canal.',
  'slack.modal.title_label': 'Título (titular)',
  'slack.modal.title_placeholder': 'Ej.: Jornada de vacunación gratuita en la comuna 7',
  'slack.modal.lead_label': 'Entradilla',
  'slack.modal.lead_hint': 'El primer párrafo: qué pasa, quién, cuándo y dónde.',
  'slack.modal.body_label': 'Cuerpo',
  'slack.modal.body_hint':
    'Hasta 3.000 caracteres en este formulario. Para un texto más largo escriba el comunicado como mensaje en el canal, empezando por «comunicado:».',
  'slack.modal.hashtags_label': 'Hashtags',
  'slack.modal.hashtags_placeholder': '#Ibagué #Salud',
  'slack.modal.hashtags_hint': 'Separados por espacios o comas; el # es opcional.',
  'slack.modal.portal_label': 'Portal web',
  'slack.modal.social_label': 'Redes sociales',
  'slack.modal.email_label': 'Correo a medios',
  'slack.modal.destinations_hint': 'Vienen marcados los destinos habituales de la oficina.',
  'slack.modal.schedule_label': 'Programar publicación',
  'slack.modal.schedule_hint': 'Hora de Colombia. Déjelo vacío para publicar apenas se apruebe.',
  'slack.modal.vigencia_label': 'Vigencia (último día)',
  'slack.modal.vigencia_hint': 'Para slider, banner o pop-up: hasta qué día se muestra.',
  'slack.modal.files_label': 'Fotos, video y documentos',
  'slack.modal.files_hint':
    'Hasta 10 archivos de 10 MB cada uno (límite de Slack en formularios). Para un video más pesado envíelo como mensaje en el canal con «comunicado:».',
  'slack.modal.alt_label': 'Descripción de cada imagen (texto alternativo)',
  'slack.modal.alt_placeholder': 'foto1.jpg: Niños de la comuna 7 reciben la vacuna en el parque',
  'slack.modal.alt_hint':
    'Una línea por imagen: «nombre del archivo: lo que se ve». Es obligatoria para publicar (accesibilidad, Resolución 1519 de 2020).',

  // Validation errors shown on the modal's fields.
  'slack.modal.kind_label': 'Tipo',
  'slack.modal.kind_hint': 'Comunicado de prensa, aviso (corte de agua, cierre de vía) o convocatoria (empleos, concursos, becas). Si deja los destinos como vienen, un aviso o una convocatoria va a los destinos propios de su tipo.',
  'slack.modal.cierre_label': 'Cierre de la convocatoria',
  'slack.modal.cierre_hint': 'Solo para convocatorias (obligatorio para ellas): fecha y hora de Colombia en que se cierra. El slider y el banner se quitan a esa hora.',
  'slack.modal.inscripciones_label': 'Dirección de inscripción',
  'slack.modal.inscripciones_hint': 'Para convocatorias: el formulario o la página donde se inscriben (https, de un dominio permitido).',
  'slack.modal.enlace_label': 'Enlace del slider, banner o pop-up',
  'slack.modal.enlace_hint': 'Opcional: a dónde lleva al hacer clic (un trámite, un formulario). Vacío: a la noticia. Solo https y dominios permitidos.',
  'slack.modal.no_destination': 'Elija al menos un destino (portal, redes o correo).',
  'slack.modal.alt_missing': 'Falta la descripción de: {files}. Escriba una línea «nombre: lo que se ve» por imagen.',
  'slack.modal.alt_unknown': 'No hay un archivo «{file}» entre los adjuntos.',
  'slack.modal.alt_extra': 'Hay más descripciones que imágenes; indique a qué archivo corresponde cada una («nombre: descripción»).',
  'slack.modal.schedule_past': 'Esa hora ya pasó. Elija una hora futura o deje el campo vacío.',
  'slack.modal.failed': 'No pude abrir el formulario ({error}). Puede enviar el comunicado como texto: /comunicado seguido del texto.',

  // Refusals, answered only to the person.
  'slack.config.team_required':
    'chats.slack.teamId es obligatorio cuando el bot usa Slack: es el id del espacio de trabajo (empieza por T, lo da auth.test o la URL de Slack). Sin él no se puede comprobar de dónde viene cada petición.',
  'slack.not_configured':
    'El bot todavía no tiene configurados los canales de Slack (chats.slack en la configuración). Avise al administrador.',
  'slack.not_heard': 'Use {command} en el canal de comunicados ({channel}).',
  'slack.other_team': 'Este bot atiende solo el espacio de trabajo de la oficina.',
  'slack.file_no_url': 'Slack no dio el enlace de descarga de «{file}». Vuelva a adjuntarlo.',
  'slack.file_untrusted_host': 'El enlace de «{file}» no es de Slack; por seguridad no se descarga.',
  'slack.file_login_page':
    'Slack no entregó «{file}» (respondió con una página de inicio de sesión). Revise que la app tenga el permiso files:read y que el bot esté en el canal.',

  // Start-up (read by whoever runs the bot).
  'slack.start.bad_token': 'Slack rechazó SLACK_BOT_TOKEN ({error}). Revise el token del bot (xoxb-…) en el archivo .env.',
  'slack.start.no_secret':
    'Para Slack falta SLACK_APP_TOKEN (Socket Mode, xapp-…) o SLACK_SIGNING_SECRET (modo HTTP en /slack/events). Vea docs/slack.md.',
  'slack.start.unreachable': 'No pude conectar con Slack en {url} ({error}). Revise la red o SLACK_API_URL.',
  'slack.health.socket': 'Slack (Socket Mode) como @{bot}',
  'slack.health.http': 'Slack (HTTP en /slack/events) como @{bot}',
  'slack.health.socket_down': 'Slack (Socket Mode) como @{bot}: sin conexión ({state}); se reconecta solo',
  'slack.health.stopped': 'Slack detenido',
  'slack.truncated': '… (texto recortado)',
} as const;
