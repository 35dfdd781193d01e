import type { Command } from '../command.js';
import { UsageError } from '../command.js';
import { parseCommandArgs } from '../parse-args.js';

const usage = `Usage: pathfinder plugins <list|enable|disable> [id] [--json]

  list           every loaded plugin: id, name, version, SDK range, enabled, schedule
                 (and the plugins that failed to load, with the reason, on stderr)
  enable <id>    let the plugin crawl on its schedule again
  disable <id>   stop its schedule; a running crawl stops at its next request

Plugins are the folders of plugins/ plus the packages named in PATHFINDER_PLUGINS.`;

export const pluginsCommand: Command = {
  name: 'plugins',
  summary: 'List, enable or disable source plugins',
  usage,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, { json: { type: 'boolean' } }, true);
    const [action, id, ...extra] = positionals;
    if (!action) throw new UsageError('say what to do: list, enable or disable');
    if (!['list', 'enable', 'disable'].includes(action)) throw new UsageError(`unknown action "${action}"`);
    if (action !== 'list' && !id) throw new UsageError(`\`plugins ${action}\` needs a plugin id`);
    if (extra.length || (action === 'list' && id)) throw new UsageError(`unexpected arguments: ${[...(action === 'list' && id ? [id] : []), ...extra].join(' ')}`);
    const { runPluginsCommand } = await import('./plugins-run.js');
    return runPluginsCommand(action as 'list' | 'enable' | 'disable', id, values.json ?? false);
  },
};
