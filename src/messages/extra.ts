import { slack } from './slack.ts';
import { broadcast } from './broadcast.ts';
import { digest } from './digest.ts';
import { schedule } from './schedule.ts';
import { socialXYt } from './social-x-yt.ts';
import { socialMeta } from './social-meta.ts';
import { portal } from './portal.ts';
import { telegram } from './telegram.ts';
import { media } from './media.ts';
/** Texts of the adapters and publishers; each area adds its own file and spreads it here. */
export const extra: Record<string, string> = { ...portal, ...socialMeta, ...socialXYt, ...broadcast, ...digest, ...schedule, ...slack, ...telegram, ...media };
