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
  'store.not_found': 'No encuentro el comunicado {id}. Revise el identificador (por ejemplo C-2026-0142).',
} as const;
