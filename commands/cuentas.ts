import { chatErrorText } from '../src/messages/errors.ts';
import { t } from '../src/messages/index.ts';
import { KNOWN_DESTINATIONS } from '../src/publish/registry.ts';
import { destinationLabel } from '../src/render/chat.ts';
import { formatWhen } from '../src/render/time.ts';
import type { CommandHandler } from '../src/service/extension.ts';

/** `/cuentas`: checks the access of every account (portal and social), in Spanish. */
export const cuentas: CommandHandler = async (ctx) => {
  const { registry, logger } = ctx.services;
  const lines: string[] = [];
  const reports = await Promise.all(
    KNOWN_DESTINATIONS.map(async (dest) => {
      const p = registry.get(dest);
      const label = destinationLabel(dest);
      if (p.dryRun || !p.checkAccess) {
        return t('cuentas.dry_run', { destination: label, reason: p.dryRunReason ?? t('dryrun.generic') });
      }
      try {
        const r = await p.checkAccess();
        const expires = r.expiresAt && !r.expiryInDetail ? t('cuentas.expires', { date: formatWhen(r.expiresAt, ctx.services.config.office.timezone) }) : '';
        return t(r.ok ? 'cuentas.ok' : 'cuentas.bad', { destination: label, detail: r.detail + expires });
      } catch (err) {
        logger.warn({ err, destination: dest }, 'access check failed');
        return t('cuentas.bad', { destination: label, detail: chatErrorText(err) });
      }
    }),
  );
  lines.push(...reports);
  await ctx.whisper({ text: `${t('cuentas.heading')}\n${lines.join('\n')}`, sections: [{ heading: t('cuentas.heading'), body: lines.join('\n') }] });
};
