import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Translation } from '@jsverse/transloco';
import { TRANSLATION_FILES } from './lib/i18n/translation-scopes';

/**
 * Specs only (`@casustafel/client/data-access/testing`; reads files, never in a bundle): the
 * translation files of apps/client/public/i18n.
 */
export const I18N_DIR = join(__dirname, '../../../../apps/client/public/i18n');

export type TranslationTree = { [key: string]: string | TranslationTree };

function read(path: string): TranslationTree {
  return JSON.parse(readFileSync(path, 'utf8')) as TranslationTree;
}

/**
 * Everything the app can show in one language, as one tree (what Transloco holds once every
 * scope is loaded): the global file, each feature file's subtrees at the top level, and any
 * other scope folder under its own name.
 */
export function appTranslation(lang: string): Translation {
  const tree: TranslationTree = { ...read(join(I18N_DIR, `${lang}.json`)) };
  for (const folder of readdirSync(I18N_DIR, { withFileTypes: true })) {
    if (!folder.isDirectory()) continue;
    const file = join(I18N_DIR, folder.name, `${lang}.json`);
    if (!existsSync(file)) continue;
    if (folder.name in TRANSLATION_FILES) Object.assign(tree, read(file));
    else tree[folder.name] = read(file);
  }
  return tree;
}
export * from './lib/testing/guest-fixtures';
