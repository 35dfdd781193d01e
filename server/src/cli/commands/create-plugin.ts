import type { Command } from '../command.js';
import { UsageError } from '../command.js';
import { parseCommandArgs } from '../parse-args.js';

const usage = `Usage: pathfinder create-plugin <id> [--dir <folder>] [--name "Display Name"] [--base-url URL]

Scaffolds a source plugin package: the manifest (src/index.ts), a config schema, a crawl that
parses a sample listing page, that page as a test fixture, and a test that passes as generated.

  <id>              the source id: 2-40 lower-case letters, digits and '-', starting with a letter
  --dir <folder>    write a third-party package there (named pathfinder-plugin-<id>, with its own
                    vitest and tsconfig); default: plugins/<id> in this repository
  --name "..."      display name (default from the id: maple-jobs -> "Maple Jobs")
  --base-url URL    the site's origin (default https://jobs.example.com)

Refuses (exit 2, nothing written) an invalid id, an id a plugin of plugins/ already uses, and a
folder that exists and is not empty. The guide: docs/plugin-authoring.md.`;

export const createPluginCommand: Command = {
  name: 'create-plugin',
  summary: 'Scaffold a new source plugin package',
  usage,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, {
      dir: { type: 'string' },
      name: { type: 'string' },
      'base-url': { type: 'string' },
    }, true);
    const [id, ...extra] = positionals;
    if (!id) throw new UsageError('name the plugin id, e.g. `pathfinder create-plugin maple-jobs`');
    if (extra.length) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);

    const { runCreatePlugin } = await import('./create-plugin-run.js');
    return runCreatePlugin({ id, dir: values.dir, name: values.name, baseUrl: values['base-url'] });
  },
};
