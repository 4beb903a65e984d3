/** Spanish texts of file handling. */
export const files = {
  'files.too_big': 'El archivo «{file}» pesa más de {limit}, el máximo permitido. Redúzcalo (o comprímalo) y vuelva a enviarlo.',
  'files.type_unknown': 'No reconozco el contenido de «{file}». Se aceptan imágenes (JPEG, PNG, WebP, GIF), video (MP4, MOV, WebM) y documentos (PDF, Word, Excel, PowerPoint, OpenDocument).',
  'files.type_refused': 'El archivo «{file}» es en realidad {detected}, y ese tipo no se acepta. Se aceptan imágenes, videos y documentos PDF u Office.',
  'files.type_mismatch': 'El archivo «{file}» dice ser {claimed} por su nombre, pero su contenido es {detected}. Por seguridad no se acepta: envíe el archivo original.',
  'files.download_failed': 'No pude descargar «{file}» ({detail}). Vuelva a enviarlo.',
  'files.too_many_pixels': 'La imagen «{file}» tiene {megapixels} megapíxeles y el máximo permitido es {limit}. Redúzcala (por ejemplo, expórtela a menor resolución) y vuelva a enviarla.',
  'files.image_damaged': 'No pude leer la imagen «{file}»: parece dañada o incompleta. Vuelva a exportarla y envíela de nuevo.',
  'files.trailing_data': 'El archivo «{file}» tiene datos ocultos después del final del documento. Por seguridad no se acepta: guárdelo o expórtelo de nuevo desde el programa original y vuelva a enviarlo.',
  'files.too_many': 'Un comunicado admite hasta {max} archivos.',
} as const;
