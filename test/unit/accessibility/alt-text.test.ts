import { describe, expect, it } from 'vitest';
import { altProblem, imagesWithLongAlt, imagesWithWeakAlt } from '../../../src/domain/accessibility.ts';
import { transition } from '../../../src/domain/workflow.ts';
import { renderSaid } from '../../../src/messages/errors.ts';
import { UserFacingError } from '../../../src/domain/errors.ts';
import { comunicadoIn, content, image, JEFE, NOW, RULES } from '../../fixtures/comunicados.ts';

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
