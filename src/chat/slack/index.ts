import type { AdapterDeps } from '../adapters.ts';
import { SlackAdapter } from './adapter.ts';

export { SlackAdapter, SLACK_EVENTS_PATH } from './adapter.ts';

/**
 * The Slack adapter from the environment: SLACK_BOT_TOKEN plus SLACK_APP_TOKEN (Socket
 * Mode) or SLACK_SIGNING_SECRET (HTTP at /slack/events on PORT); SLACK_API_URL for the base.
 */
export function createSlackAdapter(deps: AdapterDeps): SlackAdapter {
  const { slack } = deps.env;
  if (!slack.botToken) throw new Error('createSlackAdapter needs SLACK_BOT_TOKEN');
  return new SlackAdapter({
    botToken: slack.botToken,
    ...(slack.signingSecret ? { signingSecret: slack.signingSecret } : {}),
    ...(slack.appToken ? { appToken: slack.appToken } : {}),
    apiUrl: slack.apiUrl,
    config: deps.config,
    logger: deps.logger,
    http: deps.http,
  });
}
