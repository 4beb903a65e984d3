import type { Comunicado, Destination } from '../../../domain/comunicado.ts';
import type { SocialTouches } from '../../../render/x.ts';
import { DryRunPublisher } from '../../dry-run.ts';
import type { DestinationPreview } from '../../port.ts';
import { renderForX, xAttachmentWarnings } from './publisher.ts';
import { knownPortalLink } from './shared.ts';

/**
 * The dry run of an X account without credentials: writes the real X text to the outbox and
 * previews it with X's weighted length against 280, like the real publisher would.
 */
export class XDryRunPublisher extends DryRunPublisher {
  constructor(
    destination: Destination,
    reason: string,
    private readonly touches: SocialTouches,
  ) {
    super(destination, {
      reason,
      render: (c, ctx) => renderForX(c, touches, knownPortalLink(c, ctx)).text,
    });
  }

  override preview(c: Comunicado): DestinationPreview {
    const r = renderForX(c, this.touches, knownPortalLink(c));
    return { ...super.preview(c), length: r.weightedLength, limit: r.limit, warnings: [...r.warnings, ...xAttachmentWarnings(c)] };
  }
}
