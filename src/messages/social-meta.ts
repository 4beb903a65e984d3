/**
 * Spanish (es-CO) texts of the Facebook and Instagram publishers (Meta Graph API):
 * rendered posts, preview warnings, classified errors, withdrawals and /cuentas lines.
 */
export const socialMeta = {
  // --- Rendering -------------------------------------------------------------------------
  'social_meta.more_info': 'Más información: {url}',
  'social_meta.link_placeholder': '[enlace de la noticia en el portal]',
  'social_meta.no_credentials': 'sin credenciales (falta la variable {variable})',
  'social_meta.dry_run_warning': 'Simulación: {reason}. No se publicará de verdad en {network}.',

  // --- Preview warnings ------------------------------------------------------------------
  'social_meta.warn.no_link': 'El comunicado no va al portal: la publicación no llevará enlace a la noticia.',
  'social_meta.warn.videos_ignored': 'Los videos adjuntos ({count}) no se publican en {network}; van a YouTube si está entre los destinos.',
  'social_meta.warn.too_many_images': '{network} admite hasta {max} imágenes por publicación: se publicarán las primeras {max} de {count}.',
  'social_meta.warn.ig_no_image': 'Instagram necesita al menos una imagen: sin imagen esta entrega fallará.',
  'social_meta.warn.ig_image_fit': 'Las imágenes se convierten a JPEG y se ajustan a la proporción que admite Instagram (entre 4:5 y 1,91:1) agregando franjas blancas; no se recortan.',
  'social_meta.warn.ig_caption_trimmed': 'El texto para Instagram supera {limit} caracteres: la entradilla se recortó ({removed} caracteres menos).',
  'social_meta.warn.ig_hashtags_trimmed': 'Instagram admite {max} hashtags: se quitaron {count} ({tags}).',
  'social_meta.warn.ig_mentions_trimmed': 'Instagram admite {max} menciones: se quitaron {count} ({mentions}).',
  'social_meta.warn.ig_inline_hashtags': 'El texto tiene más de {max} hashtags: a partir del número {max} se publican como palabras sin «#».',
  'social_meta.warn.ig_inline_mentions': 'El texto tiene más de {max} menciones: a partir de la número {max} se publican sin «@».',

  // --- Progress --------------------------------------------------------------------------
  'social_meta.progress.fb_photo': 'Subiendo foto {n} de {total} a Facebook…',
  'social_meta.progress.ig_image': 'Preparando imagen {n} de {total} para Instagram…',
  'social_meta.progress.ig_waiting': 'Instagram está procesando las imágenes…',

  // --- Errors (what happened and what to do) ---------------------------------------------
  'social_meta.error.auth':
    'El token de {account} venció o fue revocado ({why}). Reconecte la cuenta: genere un token nuevo y guárdelo en la variable {variable}; luego use /reintentar.',
  'social_meta.error.auth.expired': 'sesión vencida',
  'social_meta.error.auth.password': 'se cambió la contraseña de la cuenta',
  'social_meta.error.auth.app_removed': 'se quitó el permiso de la aplicación',
  'social_meta.error.auth.invalid': 'token no válido',
  'social_meta.error.permission':
    '{account} no tiene permiso para publicar ({detail}). Reconecte la cuenta concediendo los permisos de publicación y use /reintentar.',
  'social_meta.error.rate_limited': '{network} pidió bajar el ritmo de publicación (límite de solicitudes); no se publicó nada.',
  'social_meta.error.duplicate':
    '{network} respondió que esta publicación ya existe (contenido duplicado). No se publica dos veces: revise {account} y, si la publicación está, márquela como hecha.',
  'social_meta.error.blocked': '{network} bloqueó temporalmente las publicaciones de {account} por sus normas comunitarias ({detail}). Revise la cuenta en {network}.',
  'social_meta.error.refused': '{network} rechazó la publicación: {detail}. Revise el contenido y use /reintentar.',
  'social_meta.error.server': '{network} tuvo un error interno ({detail}); no se publicó nada.',
  'social_meta.error.server_unknown':
    '{network} tuvo un error interno justo al publicar ({detail}). La publicación pudo haberse creado: revise {account} antes de reintentar.',
  'social_meta.error.unreachable': 'No se pudo conectar con {network} ({code}); no se envió nada.',
  'social_meta.error.network': 'Se cortó la conexión con {network} antes de terminar ({code}); no se había publicado nada.',
  'social_meta.error.timeout_after_send':
    'Se perdió la respuesta de {network} después de enviar la publicación ({code}). Pudo haberse publicado: revise {account} antes de reintentar.',
  'social_meta.error.ig_no_image': 'Instagram necesita al menos una imagen. Agregue una imagen al comunicado (con su texto alternativo) y use /reintentar.',
  'social_meta.error.ig_no_media_host':
    'Instagram necesita la imagen en una dirección pública, y el portal no está configurado para alojarla (portal.type). Configure el portal o quite Instagram de los destinos.',
  'social_meta.error.ig_media_host': 'No se pudo subir la imagen «{file}» al portal para Instagram ({detail}); no se publicó nada.',
  'social_meta.error.ig_image_invalid': 'La imagen «{file}» no se pudo convertir para Instagram ({detail}). Reemplácela por un JPEG o PNG válido.',
  'social_meta.error.ig_media_fetch': 'Instagram no pudo descargar la imagen desde el portal ({detail}). No se creó nada.',
  'social_meta.error.ig_media_refused': 'Instagram rechazó la imagen: {detail}. Revise la imagen y use /reintentar.',
  'social_meta.error.ig_container_error': 'Instagram no pudo procesar la imagen ({detail}). Revise la imagen y use /reintentar.',
  'social_meta.error.ig_container_timeout': 'Instagram tardó demasiado en procesar las imágenes ({minutes} min). No se publicó nada.',
  'social_meta.error.ig_container_expired': 'El contenedor de Instagram venció antes de publicarse. No se publicó nada.',
  'social_meta.error.file_missing': 'No encuentro el archivo «{file}» del comunicado en la carpeta de datos. Vuelva a adjuntarlo y use /reintentar.',
  'social_meta.error.ig_quota':
    'La cuenta {account} ya usó las {total} publicaciones por API que Instagram permite en 24 horas ({usage} usadas). No se publicó nada.',
  'social_meta.error.ig_quota_refused':
    'La cuenta {account} llegó al máximo de publicaciones por API que Instagram permite en 24 horas. No se publicó nada.',
  'social_meta.error.ig_restricted': 'Instagram restringió la cuenta {account} ({detail}). Entre a la app de Instagram, resuelva el aviso y use /reintentar.',
  'social_meta.error.detail': 'código {code}{subcode}{trace}',

  // --- Withdraw --------------------------------------------------------------------------
  'social_meta.withdraw.removed': 'Publicación de Facebook borrada en {account}.',
  'social_meta.withdraw.not_found': 'La publicación ya no existe en Facebook ({account}).',
  'social_meta.withdraw.nothing': 'No hay publicación registrada en {network} para este comunicado.',
  'social_meta.withdraw.ig_manual':
    'Instagram no permite borrar publicaciones por la API. Bórrela a mano: abra {url} con la cuenta {account}, toque «⋯» y elija «Eliminar».',

  // --- /cuentas --------------------------------------------------------------------------
  'social_meta.access.fb_ok': 'Facebook {account}: la página «{name}» puede publicar. {expiry}',
  'social_meta.access.ig_ok': 'Instagram {account}: @{username} puede publicar. {expiry}',
  'social_meta.access.wrong_page': 'Facebook {account}: el token es de «{name}» ({id}), no de la página {pageId}. Use un token de página de la página correcta.',
  'social_meta.access.wrong_ig_user': 'Instagram {account}: la cuenta es @{username}, pero la configuración espera @{expected}. Revise accounts en la configuración.',
  'social_meta.access.missing_scopes': '{network} {account}: al token le faltan permisos ({scopes}). Reconecte la cuenta concediéndolos.',
  'social_meta.access.failed': '{network} {account}: {message}',
  'social_meta.access.never_expires': 'El token no vence.',
  'social_meta.access.expires': 'El token vence el {date}.',
  'social_meta.access.data_access': 'El acceso a datos vence el {date}.',
  'social_meta.access.expiry_unknown': 'No se pudo consultar el vencimiento del token.',
} as const;
