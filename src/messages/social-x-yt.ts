/** Spanish texts of the X and YouTube publishers (preview warnings, errors, /cuentas, /retirar). */
export const socialXYt = {
  'xyt.no_credentials.one': 'sin credenciales (falta la variable {names})',
  'xyt.no_credentials.many': 'sin credenciales (faltan las variables {names})',
  'xyt.bad_base_url': 'la dirección {name} ({url}) no es válida: debe empezar por https://',

  'x.link_placeholder': '«enlace del portal»',
  'x.warn.lead_shortened': 'el texto para X se recortará: la entradilla se acorta con «…» para caber en {limit} caracteres',
  'x.warn.lead_omitted': 'el texto para X se recortará: la entradilla no cabe en {limit} caracteres y se omite',
  'x.warn.title_shortened': 'el texto para X se recortará: el titular no cabe completo en {limit} caracteres y se acorta',
  'x.warn.hashtags_dropped': 'no caben todas las etiquetas en X: se quitan {tags}',
  'x.warn.hashtags_dropped_many': 'no caben todas las etiquetas en X: se quitan las últimas {count}, de {first} a {last}',
  'x.warn.touches_dropped': 'no cabe la firma o las menciones de la cuenta en X: se omiten',
  'x.warn.too_many_images': 'X admite hasta 4 imágenes por publicación: se publicarán las primeras 4 de {count}',
  'x.warn.video_skipped': 'el video no se sube a X (en X solo se publican las imágenes)',
  'x.warn.image_too_big': 'la imagen «{file}» pesa {size} MB y X acepta hasta 5 MB: la publicación en X fallará',

  'x.error.auth':
    'X rechazó las credenciales de @{handle} (token vencido o revocado). Reconecte la cuenta de X en el portal de desarrolladores, actualice las variables {vars} y use /reintentar.',
  'x.error.rate_limited': 'X limitó temporalmente las publicaciones de @{handle} hasta las {time}; no se publicó nada.',
  'x.error.duplicate':
    'X respondió que @{handle} ya publicó este mismo texto, así que no se publicará otra vez. Revise el perfil y confirme si el post existe.',
  'x.error.forbidden': 'X no permitió publicar en @{handle}: {detail}. Revise que la app de X tenga permiso de lectura y escritura.',
  'x.error.rejected': 'X rechazó la publicación en @{handle}: {detail}. Corrija el comunicado y use /reintentar.',
  'x.error.unreachable': 'No se pudo conectar con X ({code}); no se publicó nada en @{handle}.',
  'x.error.tls': 'La conexión segura con X falló ({code}); no se publicó nada. Revise el certificado del servidor o del proxy (X_API_URL).',
  'x.error.uncertain':
    'Se perdió la conexión con X mientras se publicaba en @{handle} ({code}); no se sabe si el post quedó publicado. Revise el perfil antes de reintentar.',
  'x.error.server_uncertain':
    'X respondió con un error ({status}) al publicar en @{handle}; no se sabe si el post quedó publicado. Revise el perfil antes de reintentar.',
  'x.error.media_server': 'X falló al recibir la imagen «{file}» ({status}); no se publicó nada en @{handle}.',
  'x.error.image_too_big': 'La imagen «{file}» pesa {size} MB y X acepta imágenes de hasta 5 MB. Reduzca la imagen y use /reintentar.',
  'x.error.file_missing': 'No encuentro en el servidor el archivo de la imagen «{file}»; vuelva a adjuntarla.',

  'x.access.ok': 'X @{username} ({name}): puede publicar',
  'x.access.wrong_account': 'X @{handle}: las credenciales ({vars}) son de la cuenta @{username}, no de @{handle}. Corrija las variables.',
  'x.access.expired': 'X @{handle}: token vencido o revocado. Reconecte la cuenta y actualice las variables {vars}.',
  'x.access.failed': 'X @{handle}: no se pudo comprobar el acceso ({detail})',

  'x.withdraw.removed': 'post de X eliminado de @{handle}',
  'x.withdraw.not_found': 'el post de X ya no existía en @{handle}',
  'x.withdraw.no_id': 'no hay registro del post de X; revise el perfil @{handle} y bórrelo a mano si existe',

  'youtube.progress': 'YouTube ({channel}): subiendo video {pct} %',
  'youtube.no_video':
    'YouTube necesita un video: el comunicado no tiene ningún video adjunto. Adjunte el video o quite el destino {destination}.',
  'youtube.warn.no_video': 'YouTube necesita un video: adjunte uno o quite este destino',
  'youtube.warn.extra_videos': 'YouTube recibe un solo video por comunicado: se sube «{file}» y se omiten {count} más',
  'youtube.warn.title_shortened': 'el título para YouTube se recortará a {limit} caracteres',
  'youtube.warn.description_shortened': 'la descripción para YouTube se recortará a {limit} bytes',
  'youtube.warn.angle_brackets': 'se cambiaron los signos < y > por ‹ y › (YouTube no los acepta en el título ni en la descripción)',
  'youtube.warn.hashtags_dropped': 'YouTube ignora todas las etiquetas de un video que tiene más de {max}: se quitan {tags}',

  'youtube.error.auth':
    'Google rechazó la autorización de YouTube de {channel} (revocada o vencida). Reconecte la cuenta de YouTube (autorice de nuevo la aplicación), actualice la variable {var} y use /reintentar.',
  'youtube.error.client': 'Google rechazó la aplicación de YouTube ({detail}). Revise las variables {vars}.',
  'youtube.error.token_unavailable':
    'No se pudo renovar el acceso a YouTube de {channel} ({detail}); la autorización guardada se conserva.',
  'youtube.error.quota':
    'Se agotó la cuota diaria de la API de YouTube; el video no se subió. Google la restablece a la medianoche del Pacífico ({time} hora de Colombia): use /reintentar después de esa hora.',
  'youtube.error.rate_limited': 'YouTube pidió esperar hasta las {time} antes de subir más videos; no se subió nada.',
  'youtube.error.upload_limit': 'El canal de YouTube de {channel} alcanzó por ahora su límite de videos subidos; intente más tarde.',
  'youtube.error.rejected': 'YouTube rechazó el video: {detail}. Corrija el comunicado y use /reintentar.',
  'youtube.error.forbidden': 'YouTube no permitió subir el video a {channel}: {detail}.',
  'youtube.error.unreachable': 'No se pudo conectar con YouTube ({code}); no se subió nada.',
  'youtube.error.server': 'YouTube respondió con un error ({status}); el video no quedó publicado.',
  'youtube.error.upload_broken':
    'La subida del video a YouTube se interrumpió {attempts} veces seguidas ({code}); el video no quedó publicado.',
  'youtube.error.upload_uncertain':
    'Se perdió la conexión con YouTube justo al terminar de subir el video ({code}); no se sabe si quedó publicado. Revise el canal antes de reintentar.',
  'youtube.error.wrong_channel':
    'La autorización de YouTube de {channel} es del canal «{title}», no del configurado ({expected}); el video no se subió. Reconecte la cuenta con el canal correcto y actualice la variable {var}.',
  'youtube.error.file_missing': 'No encuentro en el servidor el archivo del video «{file}»; vuelva a adjuntarlo.',

  'youtube.access.ok': 'YouTube «{title}»: puede subir videos',
  'youtube.access.wrong_channel':
    'YouTube ({channel}): la autorización es del canal «{title}», no del configurado ({expected}). Autorice la aplicación con la cuenta correcta.',
  'youtube.access.no_channel': 'YouTube ({channel}): la cuenta autorizada no tiene canal de YouTube',
  'youtube.access.expired': 'YouTube ({channel}): autorización revocada o vencida. Reconecte la cuenta y actualice la variable {var}.',
  'youtube.access.failed': 'YouTube ({channel}): no se pudo comprobar el acceso ({detail})',

  'youtube.withdraw.removed': 'video de YouTube eliminado del canal de {channel}',
  'youtube.withdraw.not_found': 'el video de YouTube ya no existía en el canal de {channel}',
  'youtube.withdraw.no_id': 'no hay registro del video de YouTube; revise el canal de {channel} y bórrelo a mano si existe',
} as const;
