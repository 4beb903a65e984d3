/** Spanish texts of the media list's data duties (Ley 1581 de 2012): provenance, the notice, access and erasure. */
export const dataRights = {
  'media_email.data.legal_basis_default': 'Autorización del titular para recibir información de prensa (Ley 1581 de 2012, art. 9)',
  'media_email.data.source_added': 'agregado en el chat por {by}',
  'media_email.data.source_import': 'importado de un CSV por {by} el {date}',
  'media_email.data.notice_default':
    'Tratamiento de datos personales: la {entity} trata su nombre, medio y correo solo para enviarle información de prensa, según la Ley 1581 de 2012 y su política de tratamiento de datos. Puede conocer, actualizar, rectificar o suprimir sus datos escribiendo a {contact}.',
  'media_email.data.notice_default_nocontact':
    'Tratamiento de datos personales: la {entity} trata su nombre, medio y correo solo para enviarle información de prensa, según la Ley 1581 de 2012 y su política de tratamiento de datos. Puede conocer, actualizar, rectificar o suprimir sus datos respondiendo a este correo.',
  'media_email.data.usage_forget': 'Uso: /medios olvidar correo@medio.com (la persona sale de la lista y de los envíos; el registro solo guarda una huella).',
  'media_email.data.usage_access': 'Uso: /medios datos correo@medio.com (lo que el bot guarda sobre esa persona).',
  'media_email.data.forgotten':
    '🧹 Se suprimieron los datos de {email}: la lista, el historial de envíos, las copias de seguridad y los archivos de simulación ({files} archivos revisados, {changed} modificados, {removed} borrados). El registro guarda solo la huella {hash} como constancia de la supresión.',
  'media_email.data.access_title': 'Datos de una persona en la lista de medios',
  'media_email.data.access_sent_dm': '📬 Le envié por mensaje directo los datos que el bot guarda sobre esa persona (archivo JSON).',
  'media_email.data.access_file': 'Datos escritos en {path} (contienen datos personales: entréguelos a la persona y borre el archivo).',
  'media_email.data.none': 'El bot no guarda ningún dato de {email} (ni en la lista ni en los envíos).',
  'media_email.data.erased_placeholder': '[suprimido]',
  'media_email.data.record_note': 'El registro encadenado nombra a la persona solo por esta huella (SHA-256 de su correo).',
};
