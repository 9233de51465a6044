import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The first code block of a README section in a language, exactly as printed. */
export function readmeBlock(section: string, language: string): string {
  const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
  const body = readme.split(new RegExp(`^## ${section}$`, 'm'))[1]?.split(/^## /m)[0];
  const block = body?.match(new RegExp('```' + language + '\\n([\\s\\S]*?)```'))?.[1];
  if (!block) throw new Error(`README.md has no "${section}" section with a ${language} block`);
  return block;
}

/** A code block of the README's "Client SDKs" section, by its language. */
export function readmeExample(language: 'javascript' | 'python'): string {
  return readmeBlock('Client SDKs', language);
}
