import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A code block of the README's "Client SDKs" section, by its language, exactly as printed. */
export function readmeExample(language: 'javascript' | 'python'): string {
  const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
  const section = readme.split(/^## Client SDKs$/m)[1]?.split(/^## /m)[0];
  const block = section?.match(new RegExp('```' + language + '\\n([\\s\\S]*?)```'))?.[1];
  if (!block) throw new Error(`README.md has no "Client SDKs" section with a ${language} block`);
  return block;
}
