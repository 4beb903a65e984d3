/**
 * Spanish (es-CO) texts of the figures (rendición de cuentas): /estado, /cuentas, the
 * digest, the monthly report and its charts.
 */
export const figures = {
  'figures.heading': 'Cifras por destino',
  'figures.line': '• {destination}: {metrics} (lectura del {when})',
  'figures.none_yet': '• {destination}: sin cifras todavía; primera lectura {when}',
  'figures.gone': '• {destination}: la publicación ya no existe en la red; no se leen más cifras',
  'figures.no_permission': '• {destination}: sin cifras: a la cuenta le falta el permiso {permission} (vea /cuentas)',
  'figures.partial_permission': '    sin alcance ni vistas: a la cuenta le falta el permiso {permission}',
  'figures.missing_metrics': '    la red ya no ofrece: {metrics}',
  'figures.next': '    próxima lectura {when}',
  'figures.clicks': 'Clics en los enlaces del bot: {total}',
  'figures.clicks_network': '    {network}: {count}',
  'figures.clicks_members': '    por integrante (WhatsApp): {list}',
  'figures.metric.reach': 'alcance',
  'figures.metric.views': 'vistas',
  'figures.metric.reactions': 'reacciones',
  'figures.metric.likes': 'me gusta',
  'figures.metric.comments': 'comentarios',
  'figures.metric.shares': 'compartidos',
  'figures.metric.saved': 'guardados',
  'figures.metric.quotes': 'citas',
  'figures.metric.clicks': 'clics',
  'figures.network.whatsapp': 'WhatsApp',

  'figures.cuentas_heading': 'Cifras (rendición de cuentas)',
  'figures.cuentas_permission': '⚠️ {destination}: falta el permiso {permission} para leer las cifras ({detail}). La publicación sigue funcionando; agregue el permiso al token para tener las cifras.',
  'figures.cuentas_wait': '⏳ {destination}: la red pidió esperar; las cifras se leen de nuevo {when}.',
  'figures.cuentas_gone_metrics': 'ℹ️ {destination}: la red ya no ofrece {metrics}; se leen las demás cifras.',

  'figures.digest_top': 'Lo más visto de ayer',
  'figures.digest_top_item': '• {id} «{title}»: alcance {reach} · clics {clicks}',

  'figures.chart_reach_title': 'Alcance por red · últimas 4 semanas',
  'figures.chart_reach_none': 'sin cifras todavía',
} as const;
