/**
 * Spanish (es-CO) texts of the morning digest and the weekly chart.
 */
export const digest = {
  'digest.heading': '☀️ Resumen de la mañana · {date}',
  'digest.heading_on_demand': '📋 Resumen a pedido · {date}',
  'digest.missed_note': 'Este resumen debía salir el {when}; el bot estaba detenido a esa hora.',
  'digest.all_clear': 'Todo en orden: nada publicado, pendiente ni fallido desde el último resumen.',
  'digest.busy': 'Ya se está preparando un resumen; llegará en un momento.',

  'digest.published': 'Publicado desde {since}',
  'digest.published_item': '• {id} «{title}» — {state}',
  'digest.link': '    {destination}: {url}',
  'digest.simulated': '(simulación)',

  'digest.pending': 'Esperando aprobación',
  'digest.pending_item': '• {id} «{title}» de {author}, hace {age}',

  'digest.attention': 'Entregas que necesitan a una persona',
  'digest.attention_item': '• {id} {destination}: {state} — {message}',
  'digest.attention_hint': 'Use /estado ID para ver el detalle y /reintentar ID para los fallidos.',

  'digest.scheduled': 'Programado para hoy',
  'digest.scheduled_item': '• {time} · {id} «{title}»',

  'digest.vigencia': 'Vigencias que terminan',
  'digest.vigencia_item': '• {id} «{title}»: {placements}, hasta el final de {day}',
  'digest.today': 'hoy',
  'digest.tomorrow': 'mañana',

  'digest.accounts': 'Cuentas con problemas de acceso',
  'digest.account_failed': '• {destination}: falló el acceso ({when}) — {message}',
  'digest.account_expires': '• {destination}: el acceso vence el {when}. Renueve el token antes de esa fecha.',

  'digest.coverage': 'Difusión por WhatsApp',
  'digest.coverage_item': '• {id} «{title}»: compartieron {shared} de {total}',
  'digest.coverage_shared': '    Compartieron: {names}',
  'digest.coverage_missing': '    Falta: {names}',
  'digest.coverage_not_sent': '    Sin mensaje: {names}',

  'digest.age.minutes': '{m} min',
  'digest.age.hours': '{h} h',
  'digest.age.days': '{d} d {h} h',

  'digest.chart_title': 'Publicaciones por día y destino (últimas 4 semanas) y difusión por WhatsApp',
  'digest.chart_file': 'semana-{date}.png',
  'digest.usage': 'Uso: /digest (resumen ahora) o /digest semana (con el gráfico de las últimas 4 semanas).',

  'chart.title': 'Publicaciones por día y destino · últimas 4 semanas',
  'chart.subtitle': '{from} a {to} · {total} publicaciones',
  'chart.subtitle_simulated': '{from} a {to} · {total} publicaciones (incluye simulaciones)',
  'chart.coverage_title': 'Difusión por WhatsApp: integrantes que confirmaron',
  'chart.week': 'Semana del {date}',
  'chart.coverage_value': '{pct} % ({shared} de {sent})',
  'chart.coverage_none': 'sin envíos',
  'chart.network.portal': 'Portal',
  'chart.network.facebook': 'Facebook',
  'chart.network.instagram': 'Instagram',
  'chart.network.x': 'X',
  'chart.network.youtube': 'YouTube',
  'chart.network.email': 'Correo',
} as const;
