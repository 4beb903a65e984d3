/**
 * Spanish texts of the accessibility checks (Resolución 1519 de 2020, Anexo 1) and the
 * plain-language hints (Circular DAFP 100-010 de 2021).
 */
export const accesibilidad = {
  'workflow.alt_weak.filename':
    'El texto alternativo de «{file}» («{alt}») solo repite el nombre del archivo. Por accesibilidad (Resolución 1519 de 2020) debe decir lo que muestra la imagen. Edite el comunicado y descríbala.',
  'workflow.alt_weak.generic':
    'El texto alternativo de «{file}» («{alt}») solo dice que es una imagen. Por accesibilidad (Resolución 1519 de 2020) debe decir lo que muestra: quién, qué, dónde. Edite el comunicado y descríbala.',
  'workflow.alt_weak.short':
    'El texto alternativo de «{file}» («{alt}») es demasiado corto para describir la imagen (mínimo {min} caracteres). Edite el comunicado y descríbala mejor.',
  'workflow.captions_missing':
    'El video «{file}» no tiene subtítulos. Por accesibilidad (Resolución 1519 de 2020) cada video debe tenerlos antes de aprobar: adjunte un archivo .srt o .vtt con el mismo nombre, o escriba «subtítulos {file}: archivo.srt»; si el video no tiene voz, escriba «sin voz {file}».',

  'a11y.preview.alt_weak': '⚠️ La imagen «{file}» tiene un texto alternativo que no la describe («{alt}»): no se puede aprobar hasta que se describa.',
  'a11y.preview.alt_long': '⚠️ El texto alternativo de «{file}» tiene {length} caracteres: conviene dejarlo en {max} o menos (quien usa lector de pantalla lo escucha completo).',
  'a11y.preview.captions': '💬 El video «{file}» tiene subtítulos: «{captions}» ({cues} líneas).',
  'a11y.preview.no_speech': '🔇 El video «{file}» se declaró sin voz (no necesita subtítulos).',
  'a11y.preview.captions_missing': '⚠️ El video «{file}» no tiene subtítulos: no se puede aprobar hasta que los tenga (o se declare «sin voz {file}»).',

  'a11y.notice.alt_weak_intro': '⚠️ Estas imágenes tienen un texto alternativo que no las describe: {files}. No se puede aprobar hasta que cada una tenga una descripción de lo que muestra (mínimo {min} caracteres, sin repetir el nombre del archivo). Envíe este mensaje, con sus propias descripciones:',
  'a11y.notice.captions_intro': '⚠️ Estos videos no tienen subtítulos: {files}. No se puede aprobar hasta que los tengan. Envíe el archivo .srt o .vtt con este mensaje (o, si el video no tiene voz, «sin voz» y su nombre):',
  'a11y.notice.captions_line': 'subtítulos {file}: {captions}',

  'a11y.captions_bad.timestamp': 'Los subtítulos «{file}» tienen un tiempo mal escrito en la línea {line}: «{text}». El formato es 00:00:01,000 --> 00:00:03,500 (SRT) o 00:00:01.000 --> 00:00:03.500 (VTT). Corríjalo y envíe el archivo de nuevo.',
  'a11y.captions_bad.no_timing': 'Los subtítulos «{file}» no tienen la línea de tiempos donde se espera, en la línea {line}: «{text}». Cada subtítulo lleva su número, la línea «00:00:01,000 --> 00:00:03,500» y el texto. Corríjalo y envíe el archivo de nuevo.',
  'a11y.captions_bad.range': 'Los subtítulos «{file}» tienen en la línea {line} un subtítulo que termina antes de empezar: «{text}». Corríjalo y envíe el archivo de nuevo.',
  'a11y.captions_bad.header': 'Los subtítulos «{file}» no empiezan con «WEBVTT» (línea {line}), como exige el formato VTT. Corríjalo y envíe el archivo de nuevo.',
  'a11y.captions_bad.empty': 'Los subtítulos «{file}» no tienen ningún subtítulo. Envíe el archivo completo.',
  'a11y.captions_bad.encoding': 'Los subtítulos «{file}» no están guardados en UTF-8 (la línea {line} tiene caracteres que no se leerían bien). Guárdelos como UTF-8 y envíelos de nuevo.',
  'a11y.captions_bad_more': 'Hay {count} problemas más en las líneas {lines}.',
  'a11y.captions_no_video': 'Los subtítulos «{file}» no corresponden a ningún video: deben tener el mismo nombre del video (por ejemplo «recorrido.mp4» y «recorrido.srt») o indicarse con «subtítulos video.mp4: {file}».',
  'a11y.captions_unknown_video': 'La línea «subtítulos {video}: {file}» nombra un video que no está adjunto.',
  'a11y.captions_unknown_file': 'La línea «subtítulos {video}: {file}» nombra un archivo de subtítulos que no está adjunto. Envíelo con el mensaje.',
  'a11y.no_speech_unknown_video': 'La línea «sin voz {video}» nombra un video que no está adjunto.',

  'youtube.captions_name': 'Español',
  'youtube.captions_failed': 'el video quedó publicado pero sus subtítulos «{file}» no se subieron ({detail}). Súbalos en YouTube Studio (Subtítulos) para cumplir la Resolución 1519 de 2020.',

  'portal.kind.video': 'video',
  'portal.kind.captions': 'subtítulos',

  'a11y.plain.heading': 'Lenguaje claro (Circular DAFP 100-010 de 2021): sugerencias, no impiden aprobar.',
  'a11y.plain.readability': '📖 Legibilidad INFLESZ (fórmula de Szigriszt-Pazos): {score} de 100, «{level}».',
  'a11y.plain.readability_low': '⚠️ Legibilidad INFLESZ (fórmula de Szigriszt-Pazos): {score} de 100, «{level}», por debajo de {min}. Use frases más cortas y palabras más sencillas.',
  'a11y.plain.level.muy_dificil': 'muy difícil',
  'a11y.plain.level.algo_dificil': 'algo difícil',
  'a11y.plain.level.normal': 'normal',
  'a11y.plain.level.bastante_facil': 'bastante fácil',
  'a11y.plain.level.muy_facil': 'muy fácil',
  'a11y.plain.long_sentence': '⚠️ Frase de {words} palabras (más de {max}): «{start}». Divídala en frases más cortas.',
  'a11y.plain.passive': '⚠️ Voz pasiva: «{phrase}». Diga quién hace qué (por ejemplo «La Universidad realizó el estudio»).',
  'a11y.plain.all_caps': '⚠️ Mayúsculas sostenidas: «{words}». Cuestan más de leer y suenan a grito: escríbalas en minúscula.',
  'a11y.plain.acronym': '⚠️ Sigla sin explicar la primera vez: «{acronym}». Escriba el nombre completo y la sigla entre paréntesis.',
  'a11y.plain.long_paragraph': '⚠️ Párrafo de {sentences} frases (más de {max}): «{start}». Divídalo.',
  'a11y.plain.more': '   … y {count} más.',

  'a11y.doc.no_text': '⚠️ El documento «{file}» no tiene texto, solo imágenes de páginas (parece escaneado): un lector de pantalla no puede leerlo. Adjunte el PDF exportado desde el procesador de textos, o páselo por reconocimiento de texto (OCR).',
  'a11y.doc.no_title': '💡 El documento «{file}» no tiene título en sus propiedades: el lector de pantalla anuncia el nombre del archivo. Póngale título (Archivo › Propiedades) antes de exportarlo.',
  'a11y.doc.not_checked': 'ℹ️ No se revisó la accesibilidad de «{file}»: {reason}.',
  'a11y.doc.too_big': 'es demasiado grande para revisarlo aquí',
  'a11y.doc.unreadable': 'no se pudo leer como PDF',

  'cuentas.no_speech': '🔇 Comunicados publicados con un video «sin voz» (sin subtítulos por declaración) en los últimos 30 días: {count} ({ids}).',
  'cuentas.no_speech_none': '🔇 Comunicados publicados con un video «sin voz» (sin subtítulos por declaración) en los últimos 30 días: ninguno.',
  'digest.no_speech': 'Videos «sin voz»',
  'digest.no_speech_item': '🔇 Comunicados publicados con un video declarado «sin voz», sin subtítulos: {count} ({ids}).',
} as const;
