// Module resolve hook: adds the "@pathfinder/source" export condition, so workspace packages
// (@pathfinder/sdk and the plugins) resolve to their TypeScript sources, not to a dist/ that only
// `npm pack` builds. Published packages list the condition first; nobody outside the workspace sets it.
export async function resolve(specifier, context, nextResolve) {
  const conditions = context.conditions.includes('@pathfinder/source') ? context.conditions : [...context.conditions, '@pathfinder/source'];
  return nextResolve(specifier, { ...context, conditions });
}
