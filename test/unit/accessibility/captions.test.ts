import { describe, expect, it } from 'vitest';
import { captionsFormatOf, parseCaptions, toWebVtt } from '../../../src/accessibility/captions.ts';

const GOOD_SRT = '1\n00:00:01,000 --> 00:00:03,500\nBuenos días, ibaguereños.\n\n2\n00:00:04,000 --> 00:00:06,000\nLa feria abre el sábado\na las ocho.\n';
const GOOD_VTT = 'WEBVTT\n\nNOTE hecho por la oficina\n\n00:00:01.000 --> 00:00:03.500\nBuenos días.\n\nintro\n00:04.000 --> 00:06.000 align:center\nLa feria abre el sábado.\n';

describe('captions files: parsed with media-captions, malformed ones refused with their line', () => {
  it('a good SRT and a good VTT give their cues', async () => {
    const srt = await parseCaptions(Buffer.from(GOOD_SRT), 'srt');
    expect(srt.problems).toEqual([]);
    expect(srt.cues).toEqual([
      { start: 1, end: 3.5, text: 'Buenos días, ibaguereños.' },
      { start: 4, end: 6, text: 'La feria abre el sábado\na las ocho.' },
    ]);
    const vtt = await parseCaptions(Buffer.from(GOOD_VTT), 'vtt');
    expect(vtt.problems).toEqual([]);
    expect(vtt.cues.map((c) => c.text)).toEqual(['Buenos días.', 'La feria abre el sábado.']);
  });

  it('a bad timestamp is named by its line', async () => {
    const bad = GOOD_SRT.replace('00:00:06,000', '00:00:0x,000');
    expect((await parseCaptions(Buffer.from(bad), 'srt')).problems).toEqual([{ line: 6, reason: 'timestamp', text: '00:00:04,000 --> 00:00:0x,000' }]);
  });

  it('a cue without its timing line (a broken arrow) is named by its line', async () => {
    const bad = GOOD_SRT.replace('00:00:04,000 --> 00:00:06,000', '00:00:04,000 -> 00:00:06,000');
    expect((await parseCaptions(Buffer.from(bad), 'srt')).problems).toEqual([{ line: 6, reason: 'no_timing', text: '00:00:04,000 -> 00:00:06,000' }]);
  });

  it('a cue that ends before it starts is named by its line', async () => {
    const bad = GOOD_SRT.replace('00:00:01,000 --> 00:00:03,500', '00:00:09,000 --> 00:00:03,500');
    expect((await parseCaptions(Buffer.from(bad), 'srt')).problems).toEqual([{ line: 2, reason: 'range', text: '00:00:09,000 --> 00:00:03,500' }]);
  });

  it('a VTT without its WEBVTT header, an empty file and a Latin-1 file are refused', async () => {
    expect((await parseCaptions(Buffer.from(GOOD_VTT.replace('WEBVTT\n\n', '')), 'vtt')).problems[0]).toMatchObject({ line: 1, reason: 'header' });
    expect((await parseCaptions(Buffer.from('\n\n'), 'srt')).problems).toEqual([{ line: 1, reason: 'empty', text: '' }]);
    expect((await parseCaptions(Buffer.from(GOOD_SRT, 'latin1'), 'srt')).problems).toEqual([{ line: 3, reason: 'encoding', text: '' }]);
  });

  it('writes the cues as WebVTT, which parses back to the same cues', async () => {
    const srt = await parseCaptions(Buffer.from(GOOD_SRT), 'srt');
    const vtt = toWebVtt(srt.cues);
    expect(vtt.startsWith('WEBVTT\n\n1\n00:00:01.000 --> 00:00:03.500\nBuenos días, ibaguereños.\n')).toBe(true);
    expect((await parseCaptions(Buffer.from(vtt), 'vtt')).cues).toEqual(srt.cues);
  });

  it('knows the format by the name', () => {
    expect(captionsFormatOf('video.SRT')).toBe('srt');
    expect(captionsFormatOf('video.vtt')).toBe('vtt');
    expect(captionsFormatOf('video.mp4')).toBeUndefined();
  });
});

describe('what is not a reason to refuse', () => {
  it('a cue setting the parser does not know (players ignore it too)', async () => {
    const vtt = 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000 align:middle wobble:3\nHola.\n';
    expect((await parseCaptions(Buffer.from(vtt), 'vtt')).problems).toEqual([]);
  });
});
