import { describe, expect, it } from 'vitest';
import { parseForm } from '../../../src/domain/form.ts';
import { t } from '../../../src/messages/index.ts';
import { answerForm, FormStore, startForm, type FormState } from '../../../src/service/form-conversation.ts';
import { MemoryStore } from '../../../src/store/memory-store.ts';

/** A chat's own description of a file: the engine only keeps it. */
interface File {
  name: string;
}

const NOW = new Date('2026-03-02T15:00:00Z');
const DEFAULTS = ['portal', 'facebook'];

function answer(state: FormState<File>, text: string, files: File[] = []) {
  return answerForm(state, { text, files }, DEFAULTS);
}

describe('step-by-step form (chat-neutral)', () => {
  it('asks title, lead, body, destinations and photos in turn, then gives the plain-text form', () => {
    let s = startForm<File>('chat-1', 'ana', 'm1', [], NOW);
    expect(s.step).toBe('titulo');

    let out = answer(s, '  Vacunación   en la vereda ');
    expect(out).toMatchObject({ kind: 'ask', text: t('telegram.form.entradilla') });
    s = out.state;
    expect(s.titulo).toBe('Vacunación en la vereda');

    out = answer(s, 'La Secretaría de Salud vacuna el sábado.\n\nSin segundo párrafo.');
    expect(out.text).toBe(t('telegram.form.cuerpo'));
    s = out.state;
    expect(s.entradilla).toBe('La Secretaría de Salud vacuna el sábado.\nSin segundo párrafo.');

    out = answer(s, 'Puestos en la escuela y el salón comunal. #Salud');
    expect(out.text).toBe(t('telegram.form.destinos', { defaults: 'portal, facebook' }));
    s = out.state;

    out = answer(s, 'portal\nx:alcalde');
    expect(out.text).toBe(t('telegram.form.fotos'));
    s = out.state;
    expect(s.destinos).toBe('portal, x:alcalde');

    out = answer(s, '', [{ name: 'afiche.jpg' }]);
    expect(out.text).toBe(t('telegram.form.files_received', { count: 1 }));
    s = out.state;

    out = answer(s, 'listo');
    expect(out.kind).toBe('done');
    expect(out.state.files).toEqual([{ name: 'afiche.jpg' }]);
    const parsed = parseForm(out.text, NOW, { timezone: 'America/Bogota' });
    expect(parsed.content.title).toBe('Vacunación en la vereda');
    expect(parsed.content.body).toContain('#Salud');
    expect(parsed.destinationsGiven).toBe(true);
    expect(parsed.content.destinations).toEqual(['portal:noticia', 'x:alcalde']);
  });

  it('stays on the question when the answer cannot be used, and keeps files sent early', () => {
    const s = startForm<File>('chat-1', 'ana', 'm1', [], NOW);
    expect(answer(s, '   ')).toMatchObject({ kind: 'ask', text: t('telegram.form.need_text'), state: { step: 'titulo' } });
    const long = 'T'.repeat(301);
    expect(answer(s, long)).toMatchObject({ text: t('telegram.form.title_too_long', { length: 301, max: 300 }), state: { step: 'titulo' } });

    const early = answer(s, '', [{ name: 'a.pdf' }]);
    expect(early).toMatchObject({ text: t('telegram.form.files_kept', { count: 1 }), state: { step: 'titulo', files: [{ name: 'a.pdf' }] } });
    expect(s.files).toEqual([]); // the input state is never mutated

    const atDest = { ...s, step: 'destinos' as const, titulo: 'T', entradilla: 'E' };
    expect(answer(atDest, 'portal, tiktok')).toMatchObject({ text: t('telegram.form.bad_destinations', { list: 'tiktok' }), state: { step: 'destinos' } });
    const skipped = answer(atDest, '-');
    expect(skipped.state).toMatchObject({ step: 'fotos', destinos: '' });
    expect(answer(skipped.state, 'ya casi')).toMatchObject({ kind: 'ask', text: t('telegram.form.fotos_hint') });
  });

  it('keeps open forms in the store per chat and person, and forgets them after a day', async () => {
    let now = NOW;
    const store = new MemoryStore(() => now);
    const forms = new FormStore<File>(store, () => now);
    await forms.put(startForm<File>('chat-1', 'ana', 'm1', [{ name: 'x.jpg' }], now));
    expect(await forms.get('chat-1', 'ana')).toMatchObject({ step: 'titulo', files: [{ name: 'x.jpg' }] });
    expect(await forms.get('chat-1', 'luis')).toBeUndefined();

    now = new Date(NOW.getTime() + 25 * 3600_000);
    expect(await forms.get('chat-1', 'ana')).toBeUndefined();

    await forms.put(startForm<File>('chat-2', 'luis', 'm9', [], now));
    expect(await forms.remove('chat-2', 'luis')).toBe(true);
    expect(await forms.remove('chat-2', 'luis')).toBe(false);
  });
});
