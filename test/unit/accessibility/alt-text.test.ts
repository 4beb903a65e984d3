import { describe, expect, it } from 'vitest';
import { altProblem, imagesWithLongAlt, imagesWithWeakAlt } from '../../../src/domain/accessibility.ts';
import { transition } from '../../../src/domain/workflow.ts';
import { renderSaid } from '../../../src/messages/errors.ts';
import { UserFacingError } from '../../../src/domain/errors.ts';
import { comunicadoIn, content, image, JEFE, NOW, RULES } from '../../fixtures/comunicados.ts';
import { accessibilityLines } from '../../../src/render/accessibility.ts';

/** Each alt text with the file it describes, and what the rule says of it. */
const TABLE: Array<[alt: string, file: string, problem: ReturnType<typeof altProblem>]> = [
  ['IMG_2031.jpg', 'IMG_2031.jpg', 'filename'],
  ['img 2031', 'IMG_2031.jpg', 'filename'],
  ['feria-empleo', 'feria-empleo.jpg', 'filename'],
  ['Feria empleo', 'feria_empleo.png', 'filename'],
  ['foto', 'tarima.jpg', 'generic'],
  ['Foto 1', 'tarima.jpg', 'generic'],
  ['Imagen', 'tarima.jpg', 'generic'],
  ['image', 'tarima.jpg', 'generic'],
  ['una fotografía', 'tarima.jpg', 'generic'],
  ['Tarima', 'escenario.jpg', 'short'],
  ['Foto uno', 'escenario.jpg', 'short'],
  ['Foto de la tarima principal', 'tarima.jpg', undefined],
  ['Niños en la biblioteca', 'foto.jpg', undefined],
  ['Alcalde saluda', 'alcalde.jpg', undefined],
];

describe('alt text that describes (Resolución 1519 de 2020)', () => {
  it.each(TABLE)('«%s» for %s: %s', (alt, file, problem) => {
    expect(altProblem(alt, file)).toBe(problem);
  });

  it('an empty alt text is the missing case, not this one', () => {
    expect(altProblem('  ', 'foto.jpg')).toBeUndefined();
  });

  it('lists weak and long alt texts of the images only', () => {
    const long = 'Vista aérea del parque Centenario con el escenario principal, '.repeat(5);
    const c = content({
      attachments: [image({ filename: 'tarima.jpg', alt: 'foto' }), image({ filename: 'parque.jpg', alt: long }), image({ filename: 'ok.jpg' })],
    });
    expect(imagesWithWeakAlt(c)).toEqual([{ file: 'tarima.jpg', alt: 'foto', problem: 'generic' }]);
    expect(imagesWithLongAlt(c)).toEqual([{ file: 'parque.jpg', length: Array.from(long.trim()).length }]);
  });

  it('blocks approval with a Spanish reason per image; a describing alt text approves', () => {
    const blocked = comunicadoIn('pending_approval', {
      content: content({ attachments: [image({ filename: 'tarima.jpg', alt: 'tarima' }), image({ filename: 'b.jpg', alt: 'Imagen' }), image({ filename: 'c.jpg', alt: 'Feria' })] }),
    });
    let err: unknown;
    try {
      transition(blocked, { type: 'approve' }, JEFE, RULES, NOW);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UserFacingError);
    expect((err as UserFacingError).code).toBe('alt_weak');
    const texts = (err as UserFacingError).said.map(renderSaid);
    expect(texts).toEqual([
      'El texto alternativo de «tarima.jpg» («tarima») solo repite el nombre del archivo. Por accesibilidad (Resolución 1519 de 2020) debe decir lo que muestra la imagen. Edite el comunicado y descríbala.',
      'El texto alternativo de «b.jpg» («Imagen») solo dice que es una imagen. Por accesibilidad (Resolución 1519 de 2020) debe decir lo que muestra: quién, qué, dónde. Edite el comunicado y descríbala.',
      'El texto alternativo de «c.jpg» («Feria») es demasiado corto para describir la imagen (mínimo 10 caracteres). Edite el comunicado y descríbala mejor.',
    ]);
    const ok = comunicadoIn('pending_approval', { content: content({ attachments: [image({ filename: 'tarima.jpg', alt: 'Tarima principal del festival en la plaza' })] }) });
    expect(transition(ok, { type: 'approve' }, JEFE, RULES, NOW).comunicado.state).toBe('approved');
  });
});

describe('the preview lines', () => {
  it('warn about a long alt text, block a weak one, and say which video has captions', () => {
    const long = `${'Vista aérea del parque Centenario con el escenario principal y el público '.repeat(4)}`.trim();
    const video = { kind: 'video' as const, filename: 'recorrido.mp4', mime: 'video/mp4', size: 1, sha256: 'b'.repeat(64), path: 'files/x/recorrido.mp4' };
    const captions = { filename: 'recorrido.srt', format: 'srt' as const, size: 1, sha256: 'c'.repeat(64), path: 'p', vttPath: 'v', vttSha256: 'd'.repeat(64), vttSize: 1, cues: 12 };
    const c = comunicadoIn('pending_approval', {
      content: content({
        attachments: [image({ filename: 'parque.jpg', alt: long }), image({ filename: 'b.jpg', alt: 'imagen' }), { ...video, captions }, { ...video, filename: 'timelapse.mp4', noSpeech: true }, { ...video, filename: 'sin.mp4' }],
      }),
    });
    expect(accessibilityLines(c)).toEqual([
      '⚠️ La imagen «b.jpg» tiene un texto alternativo que no la describe («imagen»): no se puede aprobar hasta que se describa.',
      `⚠️ El texto alternativo de «parque.jpg» tiene ${Array.from(long).length} caracteres: conviene dejarlo en 250 o menos (quien usa lector de pantalla lo escucha completo).`,
      '💬 El video «recorrido.mp4» tiene subtítulos: «recorrido.srt» (12 líneas).',
      '🔇 El video «timelapse.mp4» se declaró sin voz (no necesita subtítulos).',
      '⚠️ El video «sin.mp4» no tiene subtítulos: no se puede aprobar hasta que los tenga (o se declare «sin voz sin.mp4»).',
    ]);
  });
});
