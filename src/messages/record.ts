/** Spanish texts of the record (registro): start-up notices, verification, exports, /registro, open data. */
export const record = {
  'record.torn':
    'Registro: la última línea de {file} quedó cortada por una interrupción ({bytes} bytes). No se borró: se guardó en {saved} y el registro anota el hecho con su huella SHA-256. La cadena sigue íntegra desde la última línea completa.',
  'record.not_saved': 'la acción de la línea {n} no se guardó en el almacén ({code})',
  'record.not_approver': 'Solo quienes aprueban comunicados pueden consultar el registro.',
  'record.usage': 'Uso: /registro C-2026-0001 (el historial registrado de un comunicado).',
  'record.sent_dm': '📬 Le envié el historial por mensaje directo.',
  'record.history_empty': 'El registro no tiene eventos de {id}.',
  'record.history_heading': '🧾 Registro de {id} ({count} eventos, del más antiguo al más reciente):',
  'record.history_more': '… y {n} eventos anteriores. El historial completo: npm run registro -- expediente {id}',
  'record.via.reaccion': 'con una reacción',
  'record.via.boton': 'con un botón',
  'record.via.comando': 'con un comando',
  'record.via.mensaje': 'con un mensaje en el hilo',
  'record.via.enlace': 'con un enlace firmado',
  'record.via.cli': 'desde la línea de comandos',
  'record.action.config.start': 'bot iniciado',
  'record.action.registro.torn_line': 'línea cortada apartada al iniciar',
  'record.action.registro.not_saved': 'la acción anterior no se guardó',
  'record.action.medios.add': 'contacto agregado a la lista de medios',
  'record.action.medios.remove': 'contacto quitado de la lista de medios',
  'record.action.medios.unsubscribe': 'contacto dado de baja',
  'record.action.medios.reactivate': 'contacto reactivado',
  'record.action.medios.failing': 'correo del contacto rechazado por su servidor',
  'record.action.medios.import': 'contactos importados',
  'record.action.medios.forget': 'datos de una persona suprimidos (solo queda su huella)',
  'record.digest_heading': '🔗 Registro',
  'record.digest_line': 'Última huella del registro: {hash} (evento {n}). Esta copia, fuera del servidor, permite comprobar después que el registro no se alteró (npm run registro -- verificar).',
  'record.cli.usage':
    'Uso:\n' +
    '  npm run registro -- verificar                                   recorre la cadena y dice si está íntegra\n' +
    '  npm run registro -- exportar --desde 2026-11-01 --hasta 2026-11-30 [--formato csv|json] [--salida archivo]\n' +
    '  npm run registro -- expediente C-2026-0001 [--salida carpeta]  escribe el expediente del comunicado para archivo\n' +
    'Se puede usar con el bot en marcha: solo lee.\n',
  'record.cli.intact': 'Registro íntegro: {count} eventos encadenados ({files}). Última huella: {hash}',
  'record.cli.empty': 'El registro está vacío (no hay eventos en {dir}).',
  'record.cli.broken': 'Registro ROTO en {file}, línea {line}: {how}. Las {count} líneas anteriores están íntegras. Conserve los archivos tal como están y avise al administrador: no los corrija a mano.',
  'record.cli.problem.not_a_line': 'la línea no es un evento del registro (está dañada o fue editada)',
  'record.cli.problem.broken_link': 'la huella de la línea anterior no coincide (la línea anterior fue modificada, o falta una línea entre las dos); esperada {expected}, encontrada {found}',
  'record.cli.problem.wrong_number': 'el número de evento salta (esperado {expected}, encontrado {found}): falta o sobra una línea',
  'record.cli.problem.unterminated': 'la última línea está incompleta (cortada); el bot la aparta al iniciar',
  'record.cli.exported': 'Exportados {count} eventos del {from} al {to} en {file}',
  'record.cli.dossier': 'Expediente de {id} escrito en {folder} ({files} archivos). Compruébelo con: cd {folder} && sha256sum -c SHA256SUMS',
  'record.cli.dossier_mismatch': '⚠️ Estos adjuntos ya no coinciden con la huella tomada al recibirlos: {files}',
  'record.cli.dossier_missing': '⚠️ Estos adjuntos no están en la carpeta de datos: {files}',
  'record.cli.folder_not_empty': 'La carpeta {folder} ya existe y no está vacía. Elija otra con --salida.',
};
