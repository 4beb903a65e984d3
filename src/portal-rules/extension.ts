import type { Extension, Services } from '../service/extension.ts';
import { replacePopups } from './popup.ts';

/**
 * The portal rules of the office procedure that span comunicados: one pop-up at a time
 * (a new one takes the current one down). The convocatorias' deadlines run on the
 * scheduler's tick (src/portal-rules/convocatorias.ts).
 */
export function portalRulesExtension(services: Services): Extension {
  return {
    name: 'portal-rules',
    async onSettled(c) {
      await replacePopups(services, c);
    },
  };
}
