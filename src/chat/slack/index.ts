import type { AdapterDeps } from '../adapters.ts';
import { ConfigError } from '../../config/load.ts';
import { t } from '../../messages/index.ts';
import { SlackAdapter } from './adapter.ts';

export { SlackAdapter, SLACK_EVENTS_PATH } from './adapter.ts';

/**
 * The Slack adapter from the environment: SLACK_BOT_TOKEN plus SLACK_APP_TOKEN (Socket
 * Mode) or SLACK_SIGNING_SECRET (HTTP at /slack/events on PORT); SLACK_API_URL for the base.
 */
export function createSlackAdapter(deps: AdapterDeps): SlackAdapter {
  const { slack } = deps.env;
  if (!slack.botToken) throw new Error('createSlackAdapter needs SLACK_BOT_TOKEN');
  // Without the workspace id no request could be checked for where it comes from.
  if (!deps.config.chats.slack?.teamId) throw new ConfigError(deps.configFile ?? 'config/comunicados.yaml', [t('slack.config.team_required')]);
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
