import { describe, expect, it } from 'vitest';
import { escapeMrkdwn, toSlack } from '../../../src/chat/slack/blocks.ts';
import { readSubmission } from '../../../src/chat/slack/modal.ts';
import { afterPrefix, fromSlackText, withoutMention } from '../../../src/chat/slack/mrkdwn.ts';
import type { OutMessage } from '../../../src/chat/port.ts';
import { validateBlocks } from '../../fakes/slack/block-rules.ts';

type Block = Record<string, any>;

/** The payload with blocks typed loosely, to read them in assertions. */
function render(message: OutMessage, nonce?: string): { text: string; blocks: Block[] } {
  const r = toSlack(message, nonce);
  return { text: r.text, blocks: r.blocks as Block[] };
}

describe('OutMessage -> Block Kit', () => {
  it('escapes &, < and > in every mrkdwn text, so a person’s text cannot ping @channel or forge a link', () => {
    const msg: OutMessage = {
      text: 'Título <!channel> & <https://malo.example|banco>',
      sections: [{ heading: 'A <b> & C', body: 'Cuerpo con <@U999> y > cita', fields: [['Destino', 'X & Y']] }],
      links: [{ label: 'Portal | noticia', url: 'https://ibague.gov.co/a?b=1&c=<2>' }],
    };
    const { text, blocks } = render(msg, 'n0nce');
    expect(text).toBe('Título &lt;!channel&gt; &amp; &lt;https://malo.example|banco&gt;');
    const all = JSON.stringify(blocks);
    expect(all).not.toContain('<!channel>');
    expect(all).not.toContain('<@U999>');
    expect(blocks[0]!.text.text).toBe('*A &lt;b&gt; &amp; C*\nCuerpo con &lt;@U999&gt; y &gt; cita');
    expect(blocks[1]!.fields[0].text).toBe('*Destino*\nX &amp; Y');
    expect(blocks[2]!.text.text).toBe('• <https://ibague.gov.co/a?b=1&amp;c=&lt;2&gt;|Portal ¦ noticia>');
    expect(validateBlocks(blocks)).toEqual([]);
  });

  it('tags valid user ids as mentions, first in the notification text, and escapes anything else', () => {
    const { text, blocks } = render({ text: 'Nuevo comunicado', mentions: ['U0JEFE', 'W0SUPLENTE', 'jefe <malo>'] }, 'n');
    expect(text).toBe('<@U0JEFE> <@W0SUPLENTE> @jefe &lt;malo&gt; Nuevo comunicado');
    expect(blocks.at(-1)).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: '<@U0JEFE> <@W0SUPLENTE> @jefe &lt;malo&gt;' }] });
  });

  it('renders buttons with action_id = ActionId and value, one block per repeated id, block ids carrying the render nonce', () => {
    const { blocks } = render(
      {
        text: 'Estado',
        buttons: [
          { id: 'confirm_published', label: 'Sí quedó publicado (Facebook · Alcaldía)', value: 'C-2026-0001|facebook:alcaldia', style: 'primary' },
          { id: 'confirm_not_published', label: 'No quedó publicado (Facebook · Alcaldía)', value: 'C-2026-0001|facebook:alcaldia' },
          { id: 'confirm_published', label: 'Sí quedó publicado (X · Alcaldía)', value: 'C-2026-0001|x:alcaldia', style: 'primary' },
          { id: 'confirm_not_published', label: 'No quedó publicado (X · Alcaldía)', value: 'C-2026-0001|x:alcaldia' },
          { id: 'retry', label: 'Reintentar fallidos', value: 'C-2026-0001' },
        ],
      },
      'abc123',
    );
    const actions = blocks.filter((b) => b.type === 'actions');
    expect(actions.map((b) => b.block_id)).toEqual(['acciones-0-abc123', 'acciones-1-abc123']);
    expect(actions.map((b) => b.elements.map((e: Block) => e.action_id))).toEqual([
      ['confirm_published', 'confirm_not_published'],
      ['confirm_published', 'confirm_not_published', 'retry'],
    ]);
    expect(actions[0]!.elements[0]).toEqual({
      type: 'button',
      action_id: 'confirm_published',
      text: { type: 'plain_text', text: 'Sí quedó publicado (Facebook · Alcaldía)', emoji: true },
      value: 'C-2026-0001|facebook:alcaldia',
      style: 'primary',
    });
    expect(validateBlocks(blocks)).toEqual([]);
    // A new render gets new block ids: a click on it is a new decision.
    expect(render({ text: 'x', buttons: [{ id: 'retry', label: 'R', value: 'C' }] }).blocks[1]!.block_id).not.toBe(actions[0]!.block_id);
  });

  it('splits long texts into sections Slack accepts and stays within 50 blocks, keeping the buttons', () => {
    const long = 'Párrafo del comunicado con detalles & cifras. '.repeat(400); // ~18 000 characters
    const sections = Array.from({ length: 60 }, (_, i) => ({ heading: `Destino ${i}`, body: 'texto' }));
    const { blocks, text } = render({ text: long, sections: [{ body: long }, ...sections], buttons: [{ id: 'approve', label: 'Aprobar', value: 'C-2026-0001' }] });
    expect(validateBlocks(blocks)).toEqual([]);
    expect(blocks).toHaveLength(50);
    expect(blocks.at(-1)!.type).toBe('actions');
    expect(blocks.at(-2)).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: '… (texto recortado)' }] });
    expect(text.length).toBeLessThanOrEqual(3000);
    // No chunk cut an escape sequence in half.
    for (const b of blocks.filter((x) => x.type === 'section')) expect(b.text.text).not.toMatch(/&(a|am)?$/);
  });

  it('escapes only the three characters Slack documents', () => {
    expect(escapeMrkdwn(`"comillas" 'simples' *negrita* _cursiva_ & <> `)).toBe(`"comillas" 'simples' *negrita* _cursiva_ &amp; &lt;&gt; `);
  });
});

describe('Slack text -> plain text', () => {
  it('undoes Slack’s encoding: entities, links, mentions and channel-linked hashtags', () => {
    const names = (id: string) => (id === 'U0JEFE' ? 'Jefe Carlos' : undefined);
    expect(fromSlackText('A &amp; B &lt;3 &gt; 2', names)).toBe('A & B <3 > 2');
    expect(fromSlackText('Vea <https://ibague.gov.co|el portal> y <https://x.com/alcaldia>', names)).toBe('Vea el portal (https://ibague.gov.co) y https://x.com/alcaldia');
    expect(fromSlackText('Hola <@U0JEFE> y <@U0OTRO>', names)).toBe('Hola @Jefe Carlos y @U0OTRO');
    expect(fromSlackText('#Salud <#C0SALUD|salud> <!here>', names)).toBe('#Salud #salud @here');
    expect(fromSlackText('<mailto:prensa@ibague.gov.co|prensa@ibague.gov.co>')).toBe('prensa@ibague.gov.co');
  });

  it('finds the `comunicado:` prefix and removes the bot’s mention', () => {
    expect(afterPrefix('comunicado: Título')).toBe('Título');
    expect(afterPrefix('*Comunicado:* Título')).toBe('Título');
    expect(afterPrefix('  COMUNICADO :\nTítulo')).toBe('Título');
    expect(afterPrefix('comunicado: *Título en negrita*')).toBe('*Título en negrita*');
    expect(afterPrefix('Un comunicado: no al inicio')).toBeUndefined();
    expect(withoutMention('<@U0BOT> comunicado: Título', 'U0BOT')).toBe('comunicado: Título');
    expect(withoutMention('Título <@U0BOT|comunicados>', 'U0BOT')).toBe('Título');
  });
});

describe('The modal submission, read back into the shared form', () => {
  const now = new Date('2026-11-20T15:00:00Z');
  const text = (value: string) => ({ valor: { type: 'plain_text_input', value } });
  const base = {
    titulo: text('Título\ncon salto'),
    entradilla: text('Primera línea.\n\nSegunda línea de la entradilla.'),
    destinos_portal: { valor: { type: 'checkboxes', selected_options: [{ value: 'portal:slider_principal' }] } },
    programar: { valor: { type: 'datetimepicker', selected_date_time: Date.parse('2026-12-01T13:30:00Z') / 1000 } },
    vigencia: { valor: { type: 'datepicker', selected_date: '2026-12-31' } },
  };

  it('keeps the lead one paragraph, converts the schedule to Colombian time and lists the destinations', () => {
    const r = readSubmission(base, JSON.stringify({ channel: 'C0COMUNICA' }), { now, timezone: 'America/Bogota' });
    expect(r).toEqual({
      ok: true,
      text: 'Título con salto\n\nPrimera línea.\nSegunda línea de la entradilla.\ndestinos: portal:slider_principal\nprogramar: 2026-12-01 08:30\nvigencia: 2026-12-31',
      files: [],
      context: { channel: 'C0COMUNICA' },
    });
  });

  it('matches descriptions to images by name or by order, and reports a name that is not attached', () => {
    const files = [
      { id: 'F1', name: 'a.jpg', mimetype: 'image/jpeg', filetype: 'jpg' },
      { id: 'F2', name: 'b.png', mimetype: 'image/png', filetype: 'png' },
      { id: 'F3', name: 'boletin.pdf', mimetype: 'application/pdf', filetype: 'pdf' },
    ];
    const values = { ...base, archivos: { valor: { type: 'file_input', files } } };
    const ok = readSubmission({ ...values, descripciones: text('b.png: Foto B\nDescripción de la primera') }, '{"channel":"C1"}', { now, timezone: 'America/Bogota' });
    expect(ok.ok && ok.files.map((f) => [f.file.id, f.alt])).toEqual([
      ['F1', 'Descripción de la primera'],
      ['F2', 'Foto B'],
      ['F3', undefined],
    ]);
    const bad = readSubmission({ ...values, descripciones: text('c.jpg: No existe\na: Foto A\nFoto B') }, '{"channel":"C1"}', { now, timezone: 'America/Bogota' });
    expect(bad).toEqual({ ok: false, errors: { descripciones: 'No hay un archivo «c.jpg» entre los adjuntos.' } });
  });

  it('maps the shared parser’s problems to fields (vigencia in the past)', () => {
    const r = readSubmission({ ...base, vigencia: { valor: { type: 'datepicker', selected_date: '2026-01-31' } } }, '{"channel":"C1"}', { now, timezone: 'America/Bogota' });
    expect(r).toEqual({ ok: false, errors: { vigencia: 'La «vigencia» (2026-01-31) ya pasó.' } });
  });
});
