/** Spanish texts of the console chat (npm start without chat tokens). */
export const consoleTexts = {
  'console.welcome':
    'Bot de comunicados — chat de consola (sin Slack ni Telegram; todo se publica en simulación bajo {outbox}).\n' +
    'Usted escribe como «{user}». Cambie de persona con /como jefe. Escriba /ayuda para ver los comandos.\n' +
    'Un comunicado: /comunicado, luego el texto en varias líneas, y una línea con solo un punto (.) para enviarlo.\n' +
    'Adjunte archivos con líneas «adjunto: ruta/al/archivo.jpg | descripción de la imagen».',
  'console.welcome_real':
    'Bot de comunicados — chat de consola. ATENCIÓN: DRY_RUN=0, los destinos con credenciales se publican DE VERDAD.\n' +
    'Usted escribe como «{user}». Cambie de persona con /como jefe. Escriba /ayuda para ver los comandos.\n' +
    'Un comunicado: /comunicado, luego el texto en varias líneas, y una línea con solo un punto (.) para enviarlo.',
  'console.file': 'archivo «{title}» ({file}, {bytes} bytes)',
  'console.as': 'Ahora escribe como «{user}».',
  'console.health.stopped': 'consola detenida',
  'console.bye': 'Fin de la entrada: el bot terminó lo pendiente y se detiene.',
  'console.only_for': 'solo para {user}',
  'console.edited': 'editado',
  'console.buttons': 'Botones',
  'console.usage_react': 'Uso: /reaccionar m3 ✅  (el número del mensaje del bot y el emoji)',
  'console.usage_button': 'Uso: /boton aprobar C-2026-0001',
  'console.no_message': 'No hay un mensaje {ref}.',
  'console.file_missing': 'No encuentro el archivo «{path}».',
} as const;
