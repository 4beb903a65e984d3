/** Spanish texts of the publishing engine. */
export const publish = {
  // A retryable failure: the publisher says what happened ({message}), the engine what comes next.
  'engine.waiting': '{message} La plataforma pidió esperar {seconds} s; el bot lo intentará de nuevo por su cuenta (intento {attempt} de {max}).',
  'engine.backoff': '{message} El bot lo intentará de nuevo por su cuenta en {seconds} s (intento {attempt} de {max}).',
  'engine.gave_up': '{message} Se intentó {attempts} veces sin éxito y el bot ya no lo intentará por su cuenta. Use /reintentar {id} cuando el servicio se recupere.',
  'engine.wait_too_long': '{message} La plataforma pide esperar {minutes} min, más de lo que el bot espera por su cuenta, así que no lo intentará solo. Use /reintentar {id} más tarde.',
  'engine.retry_later': '{message} El bot no lo intentará de nuevo por su cuenta. Use /reintentar {id} más tarde.',
  'engine.unexpected': 'Error inesperado al publicar ({detail}). No se sabe si la publicación alcanzó a crearse: revise la cuenta y confirme.',
  'engine.unexpected_before_send': 'Error inesperado al preparar la publicación ({detail}); no se alcanzó a enviar nada a la plataforma. Use /reintentar {id}.',
  'engine.interrupted': 'El bot se reinició mientras publicaba aquí. No se sabe si la publicación se creó: revise la cuenta y confirme si quedó publicada.',
  'engine.reconciled_absent': 'El bot se reinició mientras publicaba aquí y, al buscarlo, no se encontró en {where}. Revise {where} y, si no está, use /reintentar {id}.',
  'engine.verifying': 'El bot se reinició mientras publicaba aquí. Todavía no aparece en {where}, que puede tardar en mostrarlo; el bot vuelve a buscarlo solo hasta las {until}.',
  'engine.lookup_failed': 'El bot se reinició mientras publicaba aquí y no pudo consultar {where} para saber si quedó publicado: revise la cuenta y confirme.',
  'engine.resumed': 'El bot se reinició mientras preparaba esta publicación, antes de enviarla; la retoma solo.',
  // Where a lookup after a restart searched ({where}); a network is named by its own name.
  'engine.where.portal': 'el portal',
  'engine.where.other': 'la plataforma',
  'engine.confirmed_by': 'Confirmado por {name}.',
  'engine.confirmed_absent': '{name} confirmó que no quedó publicado. Use /reintentar {id}.',
  'engine.still_verifying': 'El bot todavía está verificando si {destination} de {id} quedó publicado; no hace falta confirmar. Le avisará en el hilo cuando lo sepa.',
  'engine.not_unknown': 'El destino {destination} del comunicado {id} no está en estado desconocido.',
  'dryrun.no_credentials': 'sin credenciales configuradas',
  'dryrun.console': 'modo consola (simulación)',
  'dryrun.generic': 'simulación',
  'dryrun.withdrawn': 'simulación: no había nada publicado',
  'engine.no_delete_api': 'esta plataforma no permite borrar por API',
  'engine.already_running': 'El comunicado {id} ya se está publicando.',
} as const;
