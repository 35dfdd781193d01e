import fs from 'node:fs/promises';
import path from 'node:path';
import { runOk } from './run.js';

/**
 * Writes and `npm pack`s a compiled (plain JavaScript) third-party plugin package: keyword
 * `pathfinder-plugin`, the default export a `defineSource(...)` with the given SDK range, or, with
 * `broken`, a module that throws on import. Returns the tarball's path.
 */
export async function packPluginPackage(dir: string, o: { name: string; id: string; sdk?: string; broken?: boolean }): Promise<string> {
  const folder = path.join(dir, o.name);
  await fs.mkdir(path.join(folder, 'dist'), { recursive: true });
  const pkg = {
    name: o.name, version: '1.0.0', type: 'module', keywords: ['pathfinder-plugin'],
    exports: { '.': './dist/index.js' }, files: ['dist'], peerDependencies: { '@pathfinder/sdk': '^1.0.0' },
  };
  await fs.writeFile(path.join(folder, 'package.json'), JSON.stringify(pkg, null, 2));
  const source = o.broken
    ? "throw new Error('this plugin is broken on purpose');\n"
    : `import { defineSource } from '@pathfinder/sdk';
export default defineSource({
  id: '${o.id}', name: '${o.id} jobs', version: '1.0.0', sdk: '${o.sdk ?? '^1.0.0'}',
  baseUrl: 'https://${o.id}.example.com', crawlDelaySeconds: 1, schedule: '0 6 * * *',
  description: 'A packed test plugin.',
  async *crawl() {},
});
`;
  await fs.writeFile(path.join(folder, 'dist/index.js'), source);
  const out = await runOk('npm', ['pack', '--json', '--pack-destination', dir], { cwd: folder });
  return path.join(dir, (JSON.parse(out) as { filename: string }[])[0]!.filename);
}
