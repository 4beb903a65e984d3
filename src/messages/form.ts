/** Spanish texts of the plain-text form (`/comunicado` with text). */
export const form = {
  'form.empty': 'El comunicado está vacío. Escriba el título en la primera línea, la entradilla en el siguiente párrafo y el cuerpo después. Escriba /ayuda para ver un ejemplo.',
  'form.title_too_long': 'El título tiene {length} caracteres; el máximo es {max}. Acórtelo.',
  'form.lead_too_long': 'La entradilla tiene {length} caracteres; el máximo es {max}.',
  'form.body_too_long': 'El cuerpo tiene {length} caracteres; el máximo es {max}.',
  'form.bad_destination': 'No reconozco el destino «{value}». Use por ejemplo: portal, slider, banner, popup, facebook, instagram, x, youtube (con :alcalde para las cuentas del alcalde), correo o correo:radio.',
  'form.bad_schedule': 'La fecha de «programar» debe tener la forma AAAA-MM-DD HH:MM (hora de Colombia), por ejemplo 2026-12-01 08:30. Recibí «{value}».',
  'form.schedule_past': 'La fecha de «programar» ({value}) ya pasó. Indique una hora futura o quite la línea para publicar al aprobar.',
  'form.bad_vigencia': 'La fecha de «vigencia» debe tener la forma AAAA-MM-DD, por ejemplo 2026-12-31. Recibí «{value}».',
  'form.vigencia_past': 'La «vigencia» ({value}) ya pasó.',
  'form.bad_hashtag': 'El hashtag «#{value}» no es válido (solo letras, números y guion bajo, máximo 100).',
  'form.too_many_hashtags': 'Hay {count} hashtags; el máximo es {max}.',
  'form.edit_nothing': 'El mensaje no cambia nada de {id}. Envíe el texto corregido, o solo las líneas que cambian, por ejemplo «alt foto-1.jpg: descripción de la imagen», «destinos: portal, facebook», «programar: 2026-12-01 08:30» o «vigencia: 2026-12-31».',
  'form.alt_unknown_file': 'La descripción «alt {file}» no corresponde a ninguna imagen adjunta.',
} as const;
