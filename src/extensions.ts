import { approvalExtension } from './approval/extension.ts';
import { handoffExtension } from './handoff/extension.ts';
import { digestExtension } from './digest/extension.ts';
import { mediaEmailExtension } from './media-email/extension.ts';
import { figuresExtension } from './figures/extension.ts';
import { schedulerExtension } from './schedule/scheduler.ts';
import type { Extension, Services } from './service/extension.ts';
import { portalRulesExtension } from './portal-rules/extension.ts';

/**
 * The features that plug into the app besides the core commands. Each area (hand-off,
 * digest, media email) adds its extension here.
 */
export function defaultExtensions(services: Services): Extension[] {
  return [schedulerExtension(services), handoffExtension(services), digestExtension(services), mediaEmailExtension(services), portalRulesExtension(services), figuresExtension(services), approvalExtension(services)];
}
