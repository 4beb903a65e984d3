import { approvalExtension } from './approval/extension.ts';
import { broadcastExtension } from './broadcast/extension.ts';
import { digestExtension } from './digest/extension.ts';
import { mediaExtension } from './distribute/extension.ts';
import { schedulerExtension } from './schedule/scheduler.ts';
import type { Extension, Services } from './service/types.ts';

/**
 * The features that plug into the app besides the core commands. Each area (hand-off,
 * digest, media email) adds its extension here.
 */
export function defaultExtensions(services: Services): Extension[] {
  return [schedulerExtension(services), broadcastExtension(services), digestExtension(services), mediaExtension(services), approvalExtension(services)];
}
