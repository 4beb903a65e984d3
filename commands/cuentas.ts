import { chatErrorText } from '../src/messages/errors.ts';
import { noSpeechComunicados } from '../src/accessibility/exceptions.ts';
import { t } from '../src/messages/index.ts';
import { KNOWN_DESTINATIONS } from '../src/publish/registry.ts';
import { destinationLabel } from '../src/render/chat.ts';
import { formatWhen } from '../src/render/time.ts';
import type { CommandHandler } from '../src/service/extension.ts';
import { cuentasLines } from '../src/figures/render.ts';
import { readFiguresState } from '../src/figures/state.ts';

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
  // How often a video went out without captions by declaration (`sin voz`), last 30 days.
  const now = ctx.services.now();
  const silent = await noSpeechComunicados(ctx.services.store, new Date(now.getTime() - 30 * 86_400_000), now);
  lines.push(silent.length ? t('cuentas.no_speech', { count: silent.length, ids: silent.slice(0, 10).join(', ') }) : t('cuentas.no_speech_none'));
  // Figures: a permission missing for reading them is named here (publishing is not affected).
  const { store } = ctx.services;
  const figures = store ? cuentasLines(await readFiguresState(store), now, ctx.services.config.office.timezone) : [];
  const sections = [{ heading: t('cuentas.heading'), body: lines.join('\n') }, ...(figures.length ? [{ heading: t('figures.cuentas_heading'), body: figures.join('\n') }] : [])];
  await ctx.whisper({ text: sections.map((s) => `${s.heading}\n${s.body}`).join('\n'), sections });
};
