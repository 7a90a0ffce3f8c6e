// Fixture files: Markdown in, expected HTML, manifest and diagnostics out (as markdown-it tests
// its rules). UPDATE_FIXTURES=1 rewrites the expected files; review the diff before committing.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileFixture, FIXTURES } from './compile-helpers.ts';

const update = process.env.UPDATE_FIXTURES === '1';
const cases = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.md')).sort();

describe('compiler fixtures', () => {
  for (const file of cases) {
    const name = file.replace(/\.md$/, '');
    it(`compiles ${file} to the expected HTML, demos and diagnostics`, async () => {
      const compiled = await compileFixture(fs.readFileSync(path.join(FIXTURES, file), 'utf8'), name);
      const actual = {
        html: compiled.html,
        json: JSON.stringify({ slideCount: compiled.slideCount, notes: compiled.notes, demos: compiled.demos, diagnostics: compiled.diagnostics, assets: compiled.assets }, null, 2) + '\n',
      };
      const htmlFile = path.join(FIXTURES, `${name}.html`);
      const jsonFile = path.join(FIXTURES, `${name}.json`);
      if (update || !fs.existsSync(htmlFile)) {
        fs.writeFileSync(htmlFile, actual.html);
        fs.writeFileSync(jsonFile, actual.json);
      }
      expect(actual.html).toBe(fs.readFileSync(htmlFile, 'utf8'));
      expect(actual.json).toBe(fs.readFileSync(jsonFile, 'utf8'));
    });
  }
});
