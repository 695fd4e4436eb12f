/**
 * A workbook written by a library (exceljs here; openpyxl writes the same
 * form), as CI pipelines write them: plain <f> formulas, no dynamic-array
 * metadata (no cm, no xl/metadata.xml), often no cached values. Excel treats
 * every such formula as a legacy one: a function that returns an array shows
 * its top-left value in the one cell (it does not spill), and a range given
 * where one value is expected is intersected with the formula's row or column
 * (Microsoft: "Dynamic array formulas in non-dynamic aware Excel", "Implicit
 * intersection operator: @"). So the cells below a `LLM.RANK` stay empty and
 * a SUM over them is 0, and `calc --out` then `calc --check` agree.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import ExcelJS from 'exceljs';
import { runCli } from './helpers/cli';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-library-'));

async function libraryBook(file: string, rank: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Model');
  ws.getCell('A1').value = { formula: rank } as ExcelJS.CellValue;
  ws.getCell('B5').value = { formula: 'SUM(B1:B3)' } as ExcelJS.CellValue;
  ws.getCell('C5').value = { formula: 'COUNTA(A1:B3)' } as ExcelJS.CellValue;
  ws.getCell('D1').value = 10;
  ws.getCell('D2').value = 20;
  ws.getCell('D3').value = 30;
  // A column range where one value is expected: the cell in the formula's own row.
  ws.getCell('E2').value = { formula: 'D1:D3*2' } as ExcelJS.CellValue;
  await wb.xlsx.writeFile(file);
  return file;
}

describe.each([
  ['the add-in’s stored name', '_xldudf_LLM_RANK("tokens","2025-09-30","OpenRouter",3)'],
  ['the name as typed', 'LLM.RANK("tokens","2025-09-30","OpenRouter",3)'],
])('a library-written workbook with a spilling LLM.RANK (%s) and a SUM below it', (_, rank) => {
  test('calc --out, then calc --check on the output, passes', async () => {
    const src = await libraryBook(path.join(tmp, `in-${rank.length}.xlsx`), rank);
    const out = path.join(tmp, `out-${rank.length}.xlsx`);
    const first = await runCli(['calc', src, '--out', out]);
    expect(first.code).toBe(0);
    // Excel's legacy reading: the rank's top-left value alone, nothing spilled under it.
    expect(first.out).toContain(`Model!A1 =${rank} → xAI`);
    expect(first.out).toContain('Model!B5 =SUM(B1:B3) → 0');
    expect(first.out).toContain('Model!C5 =COUNTA(A1:B3) → 1');
    expect(first.out).toContain('Model!E2 =D1:D3*2 → 40');
    const check = await runCli(['calc', out, '--check']);
    expect(check.err).toBe('');
    expect(check.code).toBe(0);
  });
});
