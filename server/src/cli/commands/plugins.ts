import type { Command } from '../command.js';
import { UsageError } from '../command.js';
import { parseCommandArgs } from '../parse-args.js';

const usage = `Usage: pathfinder plugins <list|enable|disable|run|add> [id|package] [--json]

  list           every loaded plugin: id, name, version, SDK range, enabled, schedule,
                 next run, pause, last run (and the plugins that failed to load, on stderr)
  enable <id>    let the plugin crawl on its schedule again (lifts an automatic pause)
  disable <id>   remove its schedule; a queued run is cancelled, a running crawl stops at
                 its next request
  run <id>       queue a crawl now (a worker runs it) and print its run id; refused when the
                 plugin is disabled or a crawl of it is already queued or running
  add <package>  npm install the package here (a name, name@version, tarball or folder) and
                 show the plugin it brings

Plugins are the folders of plugins/ (built-in), every installed npm package whose package.json
has the keyword "pathfinder-plugin" or a "pathfinder.source" field, and the packages named in
PATHFINDER_PLUGINS; \`list\` says where each came from. A package that fails to load is reported
and the others load.
Changes go through the scheduler, like the admin API's, so schedules follow at once.`;

export type PluginsAction = 'list' | 'enable' | 'disable' | 'run';
const ACTIONS: (PluginsAction | 'add')[] = ['list', 'enable', 'disable', 'run', 'add'];

export const pluginsCommand: Command = {
  name: 'plugins',
  summary: 'List, enable, disable or run source plugins',
  usage,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, { json: { type: 'boolean' } }, true);
    const [action, id, ...extra] = positionals;
    if (!action) throw new UsageError('say what to do: list, enable, disable or run');
    if (!ACTIONS.includes(action as PluginsAction | 'add')) throw new UsageError(`unknown action "${action}"`);
    if (action === 'add') {
      if (!id) throw new UsageError('`plugins add` needs an npm package (a name, a tarball or a folder)');
      if (extra.length) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);
      const { runPluginsAdd } = await import('./plugins-add.js');
      return runPluginsAdd(id, values.json ?? false);
    }
    if (action !== 'list' && !id) throw new UsageError(`\`plugins ${action}\` needs a plugin id`);
    if (extra.length || (action === 'list' && id)) throw new UsageError(`unexpected arguments: ${[...(action === 'list' && id ? [id] : []), ...extra].join(' ')}`);
    const { runPluginsCommand } = await import('./plugins-run.js');
    return runPluginsCommand(action as PluginsAction, id, values.json ?? false);
  },
};
