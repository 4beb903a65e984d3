import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';

describe('example config', () => {
  it('is valid as shipped', () => {
    const c = loadConfig('config/comunicados.example.yaml');
    expect(c.office.entity).toBe('Alcaldía de Ibagué');
    expect(c.approval.approvers.console).toEqual(['jefe']);
    expect(c.approval.emoji.slack.approve).toContain('white_check_mark');
  });
});
