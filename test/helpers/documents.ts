/**
 * The source documents live beside the project, in ../shared/seeds (override
 * with LLM_MARKET_DOCUMENTS). Where they are missing, tests that need them fail
 * under CI and are skipped, loudly, elsewhere.
 */
import fs from 'fs';
import path from 'path';

export const DOCUMENTS_DIR = process.env.LLM_MARKET_DOCUMENTS ?? path.resolve(__dirname, '../../../shared/seeds');

export function documentsAvailable(): boolean {
  return fs.existsSync(DOCUMENTS_DIR) && fs.readdirSync(DOCUMENTS_DIR).some((f) => f.endsWith('.txt'));
}

export function readDocument(id: string): string {
  return fs.readFileSync(path.join(DOCUMENTS_DIR, `${id}.txt`), 'utf8');
}
