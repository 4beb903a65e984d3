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

describe('example config: the approval rules block (issue 17)', () => {
  it('uncommented, gives the Jefe by reaction and the Despacho by link for every *:alcalde destination, and the election window', async () => {
    const { readFileSync, writeFileSync, mkdtempSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const { policyFromConfig } = await import('../../src/approval/config.ts');
    const lines = readFileSync('config/comunicados.example.yaml', 'utf8').split('\n');
    const start = lines.findIndex((l) => l.includes('Reglas de aprobación por destino'));
    const end = lines.findIndex((l, i) => i > start && /^# ---/.test(l));
    expect(start).toBeGreaterThan(0);
    // Uncomment the keys of the block (`  # groups:` -> `  groups:`), keep the prose comments.
    const keys = /^ {2}# {1}( *)(groups|despacho|juridica|label|members|- name|name|email|slack|link|rules|- destinations|require|release|restrictedPeriods|- from|from|to|reason|identities|kinds|block|links|reminders)\b/;
    const uncommented = lines.map((l, i) => (i > start && i < end && keys.test(l) ? l.replace(/^ {2}# /, '  ') : l));
    const dir = mkdtempSync(join(tmpdir(), 'example-approval-'));
    const file = join(dir, 'comunicados.yaml');
    writeFileSync(file, uncommented.join('\n'));
    const c = loadConfig(file);
    const policy = policyFromConfig(c.approval, c.office.timezone);
    expect(policy.groups.despacho?.members.map((m) => [m.name, m.link])).toEqual([
      ['Secretaría Privada del Despacho', 'email'],
      ['Asesor de Comunicaciones del Despacho', 'dm'],
    ]);
    expect(policy.rules).toEqual([{ destinations: ['*:alcalde'], identities: [], kinds: [], require: [{ group: 'despacho', count: 1 }] }]);
    expect(policy.restrictedPeriods.map((p) => [p.from, p.to, p.reason.includes('Ley 996 de 2005') && p.reason.includes('Ley 2345 de 2023')])).toEqual([
      ['2027-06-30', '2027-10-31', true],
      ['2027-10-31', '2027-10-31', false],
    ]);
    expect(c.approval.links.expiresHours).toBe(24);
    expect(c.approval.reminders).toEqual({ afterMinutes: 120, quietFrom: 21, quietUntil: 7, scheduledWarnMinutes: 60 });
  });
});
