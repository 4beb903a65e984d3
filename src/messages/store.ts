/** Spanish texts of the store (start-up refusals, write failures). */
export const store = {
  'store.health.lock_lost': 'se perdió el bloqueo de la carpeta de datos (comunicados.lock falta o es de otro proceso): otro proceso podría estar escribiendo en ella',
  'store.health.closed': 'el almacén está cerrado',
  'store.locked':
    'Otra instancia del bot ya está usando la carpeta de datos {dir} (proceso {pid} en {host}, desde {since}). Detenga esa instancia antes de iniciar otra; si está seguro de que no hay ninguna, borre {lock}.',
  'store.corrupt':
    'El archivo de datos {file} está dañado o incompleto ({why}). El bot no arranca para no perder información y no lo ha modificado. Copia de seguridad más reciente: {backup}. Revise el archivo o restaure la copia antes de volver a iniciar.',
  'store.corrupt.nobackup': 'no hay copia de seguridad',
  'store.write_failed.nospace':
    'No se pudo guardar: el disco del servidor está lleno. No se perdió nada de lo que ya estaba guardado, pero este cambio no quedó registrado. Avise al administrador y vuelva a intentarlo.',
  'store.write_failed.readonly':
    'No se pudo guardar: la carpeta de datos del bot es de solo lectura. Este cambio no quedó registrado. Avise al administrador.',
  'store.write_failed.other':
    'No se pudo guardar el cambio ({code}). No quedó nada a medio escribir; vuelva a intentarlo o avise al administrador.',
  'config.unknown_key': '{path}: clave desconocida; el bot la ignoraría. ¿Quiso decir «{suggestion}»?',
  'config.unknown_key.nohint': '{path}: clave desconocida; el bot la ignoraría. Bórrela o revise config/comunicados.example.yaml.',
  'config.secret_value':
    '{path}: parece una credencial (token o contraseña). Las credenciales no van en el archivo de configuración: bórrela de aquí, póngala en la variable de entorno {variable} (archivo .env) y cámbiela si este archivo se compartió.',
  'config.secret_value.novar':
    '{path}: parece una credencial (token o contraseña). Las credenciales no van en el archivo de configuración: bórrela de aquí, póngala en una variable de entorno (archivo .env) y escriba en la configuración solo el nombre de la variable (campos que terminan en «Env»).',
  'store.start_failed.nospace':
    'El bot no puede iniciar: el disco donde está la carpeta de datos {dir} está lleno. No se modificó nada. Libere espacio en el servidor y vuelva a iniciarlo.',
  'store.start_failed.readonly':
    'El bot no puede iniciar: no tiene permiso para escribir en la carpeta de datos {dir} ({code}). No se modificó nada. Revise los permisos del volumen y vuelva a iniciarlo.',
  'startup.missing_credentials':
    'DRY_RUN=0 pide publicar de verdad, pero faltan credenciales:\n{list}\nEl bot no inicia, para no dejar esos destinos en simulación sin que nadie lo note. Defina esas variables de entorno (archivo .env) o, si quiere trabajar en simulación, quite DRY_RUN=0.',
  'startup.missing_credentials.item': '  - {destination}: falta {variables}',
  'startup.bad_port': 'PORT debe ser un número de puerto entre 0 y 65535, pero vale «{value}». Corríjalo en el archivo .env o en el entorno del bot.',
  'startup.port_in_use': 'El puerto {port} (variable PORT) ya está en uso por otro programa. Detenga ese programa o elija otro valor para PORT.',
  'startup.port_denied': 'El bot no tiene permiso para escuchar en el puerto {port} (variable PORT). Use un puerto mayor que 1023 o revise los permisos del servidor.',
  'startup.unexpected': 'Error inesperado al iniciar el bot. Avise a quien lo mantiene y comparta el detalle técnico que sigue:',
  'store.not_found': 'No encuentro el comunicado {id}. Revise el identificador (por ejemplo C-2026-0142).',
} as const;
