// Build plugins shared by the dashboard (vite.config.ts) and embed.js (vite.embed.config.ts).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';
import type { Plugin } from 'vite';
import { baseCompile } from '@intlify/message-compiler';

const gqlTypes = fileURLToPath(new URL('./src/gql/graphql.ts', import.meta.url));

/**
 * Each `graphql(`…`)` call becomes an import of its one typed document from src/gql/graphql.ts, as
 * GraphQL Code Generator's client-preset babel optimizer does: the preset's `graphql()` looks
 * documents up in a map of every operation in the app, so without this every chunk that asks for one
 * query carries them all.
 */
export function graphqlDocuments(): Plugin {
  return {
    name: 'hexie:graphql-documents',
    transform(code, id) {
      if (id.includes('/node_modules/') || id.includes('/src/gql/') || !code.includes('graphql(`')) return;
      const names = new Set<string>();
      const out = code.replace(/\bgraphql\(\s*`([^`]*)`\s*\)/g, (_, source: string) => {
        const def = parse(source).definitions[0];
        if (!('name' in def) || !def.name) throw new Error(`${id}: a graphql() document needs a named operation or fragment`);
        const name = def.kind === 'FragmentDefinition' ? `${def.name.value}FragmentDoc` : `${def.name.value}Document`;
        names.add(name);
        return name;
      });
      if (!names.size) return;
      // the graphql() import is no longer used (left in, it would bring in the map)
      const body = out.replace(/import\s*\{\s*graphql\s*\}\s*from\s*['"]@\/gql['"];?/, '');
      return { code: `import { ${[...names].join(', ')} } from ${JSON.stringify(gqlTypes)};\n${body}`, map: null };
    },
  };
}

const i18nDir = fileURLToPath(new URL('./src/i18n/', import.meta.url));
const COMPILED = '.messages.js';

/** A message tree with every string replaced by its compiled form (vue-i18n's message AST). */
function compileMessages(tree: unknown, path: string): unknown {
  if (typeof tree === 'string') {
    const { ast } = baseCompile(tree, {
      jit: true,
      location: false,
      minify: true,
      onError: (e) => {
        throw new Error(`${path}: ${e.message}`);
      },
    });
    return ast;
  }
  if (Array.isArray(tree)) return tree.map((v, i) => compileMessages(v, `${path}[${i}]`));
  if (tree && typeof tree === 'object')
    return Object.fromEntries(Object.entries(tree).map(([k, v]) => [k, compileMessages(v, `${path}.${k}`)]));
  return tree;
}

/**
 * The zh-CN and en messages (src/i18n/*.json) compiled at build time, as @intlify/unplugin-vue-i18n
 * does (its JSON hook does not reach Vite 8's native JSON plugin): the browser gets vue-i18n's
 * runtime build, without the message compiler. Builds only: tests and the dev server read the JSON
 * with vue-i18n's full build.
 */
export function i18nMessages(): Plugin {
  return {
    name: 'hexie:i18n-messages',
    enforce: 'pre',
    apply: 'build',
    config: () => ({
      define: { __INTLIFY_DROP_MESSAGE_COMPILER__: 'true' },
      resolve: { alias: [{ find: /^vue-i18n$/, replacement: 'vue-i18n/dist/vue-i18n.runtime.esm-bundler.js' }] },
    }),
    async resolveId(source, importer, options) {
      if (!source.endsWith('.json') || !importer) return;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (resolved && resolved.id.startsWith(i18nDir)) return resolved.id + COMPILED;
    },
    load(id) {
      if (!id.startsWith(i18nDir) || !id.endsWith(COMPILED)) return;
      const file = id.slice(0, -COMPILED.length);
      this.addWatchFile(file);
      const messages = compileMessages(JSON.parse(readFileSync(file, 'utf8')), path.basename(file)) as Record<string, unknown>;
      // each top-level section is a named export too, so a build that imports a few sections (embed.js) carries only those
      const keys = Object.keys(messages);
      return [
        ...keys.map((k, i) => `const s${i} = ${JSON.stringify(messages[k])};`),
        `export { ${keys.map((k, i) => `s${i} as ${JSON.stringify(k)}`).join(', ')} };`,
        `export default { ${keys.map((k, i) => `${JSON.stringify(k)}: s${i}`).join(', ')} };`,
      ].join('\n');
    },
  };
}

// ECharts modules that only the choropleth or the trend's shading use; they load with those parts.
const ECHARTS_ON_DEMAND =
  /[\\/](echarts[\\/]lib[\\/](chart[\\/](map|custom)|component[\\/](geo|visualMap|marker)|coord[\\/](geo|View)|component[\\/]helper[\\/](MapDraw|RoamController|roamHelper|cursorHelper|interactionMutex)|visual[\\/](VisualMapping|visualSolution|visualDefault))|zrender[\\/]lib[\\/]tool[\\/]parseSVG)/;

/**
 * One chunk for the ECharts every chart draws with, rather than the pieces automatic splitting makes
 * of it (each compressed on its own, they weigh ~5 KB gzip more).
 */
export const codeSplitting = {
  groups: [
    {
      name: 'echarts',
      test: (id: string) =>
        /[\\/]node_modules[\\/]/.test(id) && /[\\/](echarts|zrender)[\\/]lib[\\/]/.test(id) && !ECHARTS_ON_DEMAND.test(id),
    },
  ],
};
