/**
 * Spanish (es-CO) texts of the scheduler: late publications after downtime and the
 * take-down of portal placements at the end of their vigencia.
 */
export const schedule = {
  'schedule.late': '⏰ {id} se publica con {late} de retraso: el bot estaba detenido a la hora programada ({when}).',
  'schedule.late_detail': '{late} tarde (programado para {when})',

  'schedule.duration.minutes': '{m} min',
  'schedule.duration.hours': '{h} h',
  'schedule.duration.hours_minutes': '{h} h {m} min',
  'schedule.duration.days': '{d} d',
  'schedule.duration.days_hours': '{d} d {h} h',

  'schedule.takedown_done': '📅 Terminó la vigencia de {id} ({date}). {destination}: {detail}',
  'schedule.takedown_simulated': 'simulación: se daría de baja del portal',
  'schedule.takedown_manual': '📅 Terminó la vigencia de {id} ({date}). {destination} no se puede retirar desde el bot: quítelo a mano en el portal.',
  'schedule.takedown_failed': '⚠️ No se pudo retirar {destination} de {id} al terminar su vigencia: {detail} El bot lo volverá a intentar ({attempt} de {max}).',
  'schedule.takedown_gave_up': '⚠️ El bot no logró retirar {destination} de {id} tras {attempts} intentos: {detail} Quítelo a mano en el portal.',

  'audit.vigencia_takedown': 'retirado del portal al terminar la vigencia',
  'audit.vigencia_takedown_failed': 'no se pudo retirar al terminar la vigencia',
  'audit.vigencia_takedown_manual': 'vigencia terminada: hay que retirarlo a mano',
} as const;
