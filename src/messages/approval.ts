/**
 * Spanish (es-CO) texts of the approval rules: groups, restricted periods, approval by
 * signed link (email, DM and the web page) and the reminders.
 */
export const approval = {
  'workflow.not_required': '{name}, su aprobación no se requiere para el comunicado {id}: ninguno de sus destinos la pide.',
  'workflow.blocked': 'El comunicado {id} no se puede aprobar ahora: {destination} está en un periodo restringido hasta el {to} ({reason}).',
  'workflow.already_approved': '{name}, usted ya aprobó esta versión del comunicado {id}.',

  // Preview and /estado: who still has to approve, for which destinations.
  'approval.missing_heading': 'Aprobaciones pendientes:',
  'approval.missing_line': '• {group}: falta {missing} de {need} ({who}) para {destinations}',
  'approval.done_line': '• {group}: aprobado por {names} para {destinations}',
  'approval.period_line': '⚖️ Periodo restringido del {from} al {to}: {reason}. {requirement}',
  'approval.period_requires': 'Se requiere además la aprobación de {groups} para {destinations}.',
  'approval.period_blocks': 'No se puede publicar en {destinations} mientras dure el periodo.',
  'approval.blocked_line': '⛔ {destinations}: bloqueado hasta el {to} ({reason}).',
  'approval.by_link': 'por enlace',
  'approval.progress': '✅ {name} aprobó {id}. Todavía falta: {missing}',
  'approval.progress_item': '{group} para {destinations}',
  'approval.nobody': 'nadie configurado',

  // The link, sent by email or by DM.
  'approval.link.dm': 'Se requiere su aprobación del comunicado {id} «{title}» para {destinations}. Revíselo y decida aquí (el enlace vence el {until} y sirve una sola vez): {url}',
  'approval.link.email_subject': 'Aprobación requerida: {id} «{title}»',
  'approval.link.email_text':
    'Buen día, {name}:\n\nLa {office} le pide aprobar el comunicado {id} «{title}» para {destinations}.\n\nRevíselo y decida en esta página (sirve una sola vez y vence el {until}):\n{url}\n\nSi el comunicado se edita, este enlace deja de servir y usted recibirá uno nuevo.\n\n{office} — {entity}',
  'approval.link.email_button': 'Revisar y decidir',
  'approval.link.reminder_subject': 'Recordatorio: falta su aprobación de {id} «{title}»',
  'approval.link.sent': '✉️ Se envió el enlace de aprobación de {id} a {name} ({how}).',
  'approval.link.send_failed': '⚠️ No se pudo enviar el enlace de aprobación de {id} a {name}: {detail}',
  'approval.link.how_email': 'correo',
  'approval.link.how_dm': 'mensaje directo',

  // The page.
  'approval.page.title': 'Aprobación del comunicado {id}',
  'approval.page.intro': '{name}, la {office} le pide revisar este comunicado. Se requiere su aprobación para: {destinations}.',
  'approval.page.version': 'Versión {version}, enviada por {author}.',
  'approval.page.schedule': 'Programado para: {when}',
  'approval.page.destinations': 'Cómo se verá en cada destino',
  'approval.page.images': 'Imágenes',
  'approval.page.alt': 'Texto alternativo: {alt}',
  'approval.page.no_alt': 'Esta imagen no tiene texto alternativo.',
  'approval.page.approve': 'Aprobar',
  'approval.page.reject': 'Rechazar',
  'approval.page.reject_label': 'Motivo del rechazo (obligatorio para rechazar)',
  'approval.page.changes': 'Pedir cambios',
  'approval.page.changes_label': 'Cambios que pide (opcional)',
  'approval.page.once': 'El enlace sirve una sola vez y vence el {until}.',
  'approval.page.reason_required': 'Para rechazar escriba el motivo.',
  'approval.page.approved_title': 'Aprobación registrada',
  'approval.page.approved': 'Gracias, {name}. Su aprobación del comunicado {id} quedó registrada.',
  'approval.page.rejected_title': 'Rechazo registrado',
  'approval.page.rejected': 'Su rechazo del comunicado {id} quedó registrado y se le informó a la autora o al autor.',
  'approval.page.changes_title': 'Solicitud de cambios registrada',
  'approval.page.changes_done': 'Su solicitud de cambios del comunicado {id} quedó registrada y se le envió a la autora o al autor.',
  'approval.page.invalid_title': 'Enlace no válido',
  'approval.page.invalid': 'Este enlace de aprobación no es válido. Revise que lo haya copiado completo o pida uno nuevo a la Oficina de Comunicaciones.',
  'approval.page.expired_title': 'Enlace vencido',
  'approval.page.expired': 'Este enlace de aprobación venció el {until}. Pida uno nuevo a la Oficina de Comunicaciones.',
  'approval.page.used_title': 'Enlace ya usado',
  'approval.page.used': 'Este enlace ya se usó el {when}: sirve una sola vez. Si necesita cambiar su decisión, comuníquese con la Oficina de Comunicaciones.',
  'approval.page.voided_title': 'El comunicado cambió',
  'approval.page.voided': 'El comunicado {id} se editó después de enviarle este enlace, así que el enlace ya no sirve. Recibirá un enlace nuevo con la versión actual.',
  'approval.page.closed_title': 'Ya no está pendiente',
  'approval.page.closed': 'El comunicado {id} ya no espera aprobación (estado: {state}). No hace falta que haga nada más.',
  'approval.page.forbidden_title': 'Solicitud rechazada',
  'approval.page.forbidden': 'El formulario no se pudo verificar. Abra de nuevo el enlace que recibió y decida desde esa página.',
  'approval.page.refused_title': 'No se pudo registrar su decisión',
  'approval.page.error_title': 'Algo falló',
  'approval.page.error': 'No se pudo registrar su decisión por un problema del servidor. Intente de nuevo en unos minutos.',
  'approval.page.footer': '{office} — {entity}',

  // Reminders.
  'approval.reminder': '⏰ Recordatorio: el comunicado {id} «{title}» espera aprobación desde hace {age}. Falta: {missing}',
  'audit.release': 'publicación de los destinos ya aprobados',
  'audit.approval_reminder': 'recordatorio de aprobación',
  'approval.schedule_warning': '⚠️ El comunicado {id} está programado para el {when} y todavía no tiene todas las aprobaciones. Falta: {missing}. Si no se aprueba a tiempo, no se publicará a esa hora.',
} as const;
