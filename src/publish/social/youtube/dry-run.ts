import type { Comunicado, Destination } from '../../../domain/comunicado.ts';
import { YT_DESCRIPTION_MAX_BYTES } from '../../../render/youtube.ts';
import type { SocialTouches } from '../../../render/x.ts';
import { DryRunPublisher } from '../../dry-run.ts';
import type { DestinationPreview } from '../../port.ts';
import { knownPortalLink } from '../x/shared.ts';
import { renderForYoutube, youtubeAttachmentWarnings, youtubePreviewText } from './publisher.ts';

/** The dry run of a YouTube account without credentials, previewed against YouTube's limits. */
export class YoutubeDryRunPublisher extends DryRunPublisher {
  constructor(
    destination: Destination,
    reason: string,
    private readonly touches: SocialTouches,
  ) {
    super(destination, {
      reason,
      render: (c, ctx) => youtubePreviewText(renderForYoutube(c, touches, knownPortalLink(c, ctx))),
    });
  }

  override preview(c: Comunicado): DestinationPreview {
    const r = renderForYoutube(c, this.touches, knownPortalLink(c));
    return {
      ...super.preview(c),
      length: r.descriptionBytes,
      limit: YT_DESCRIPTION_MAX_BYTES,
      warnings: [...youtubeAttachmentWarnings(c), ...r.warnings],
    };
  }
}
