/**
 * The recalculation pipeline (read → plan → evaluate → report, src/engine/calc/)
 * on workbooks written the way Excel writes them (raw XML parts, workbookXml.ts):
 * every formula cell gets a verdict and no book is lost to one name or one cell.
 * Expected values are those Excel saved or Microsoft documents, never the
 * engine's own output. The real-Excel corpus books that used to be lost are
 * recomputed too (../shared/excel-corpus).
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { FunctionArgumentType, FunctionPlugin, HyperFormula } from 'hyperformula';
import { calcWorkbook, differences, FormulaCell } from '../src/engine/workbook';
import { planNames } from '../src/engine/calc/names';
import { toEngineFormula } from '../src/engine/formula';
import { runCli } from './helpers/cli';
import { EXCEL_CORPUS_DIR, bookVerdicts, excelCorpusAvailable } from './helpers/excelCorpus';
import { BookSpec, METADATA_XML, writeXlsxFile, xlsxParts, zipParts } from './workbookXml';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-pipeline-'));
let n = 0;
const book = (spec: BookSpec) => writeXlsxFile(path.join(tmp, `p${++n}.xlsx`), spec);
const at = (cells: FormulaCell[], address: string, sheet?: string) => {
  const c = cells.find((x) => x.address === address && (sheet === undefined || x.sheet === sheet));
  if (!c) throw new Error(`no formula cell ${address}`);
  return c;
};

describe('defined names HyperFormula refuses are carried under internal names', () => {
  // Excel accepts these names; HyperFormula reads them as cell references (answer2, named1,
  // AddressLine1: letters then digits) or refuses the backslash (_1234\5678\90).
  const spec: BookSpec = {
    strings: ['Main St', 'x'],
    sheets: [
      {
        name: 'Data',
        rows:
          '<row r="1"><c r="A1"><v>40</v></c><c r="B1"><v>2</v></c><c r="C1" t="s"><v>0</v></c></row>' +
          '<row r="2"><c r="A2"><f>answer2+1</f><v>43</v></c><c r="B2"><f>named1*10</f><v>20</v></c>' +
          '<c r="C2" t="str"><f>AddressLine1&amp;"!"</f><v>Main St!</v></c><c r="D2"><f>_1234\\5678\\90*2</f><v>8</v></c>' +
          // A string literal that spells a name is text, not the name.
          '<c r="E2" t="str"><f>"answer2"</f><v>answer2</v></c><c r="F2"><f>SUM(local1)</f><v>42</v></c></row>',
      },
      { name: 'Other', rows: '<row r="1"><c r="A1"><f>answer2</f><v>7</v></c><c r="B1"><f>local1</f><v>9</v></c></row>' },
    ],
    names:
      // A formula name using another refused name, a constant, a reference, a name with backslashes,
      // and a sheet-scoped name shadowing a workbook one of the same spelling.
      '<definedName name="_1234\\5678\\90">4</definedName>' +
      '<definedName name="AddressLine1">Data!$C$1</definedName>' +
      '<definedName name="answer2">named1+Data!$A$1</definedName>' +
      '<definedName name="answer2" localSheetId="1">7</definedName>' +
      '<definedName name="local1" localSheetId="0">Data!$A$1:$B$1</definedName>' +
      '<definedName name="local1" localSheetId="1">9</definedName>' +
      '<definedName name="named1">Data!$B$1/Data!$B$1*answer2_base</definedName>' +
      '<definedName name="answer2_base">2</definedName>',
  };

  test('the book loads and every cell matches what Excel saved', async () => {
    const { cells } = await calcWorkbook(book(spec));
    expect(cells.filter((c) => c.unsupported)).toEqual([]);
    expect(differences(cells)).toEqual([]);
    expect(at(cells, 'A2').value).toBe(43);
    expect(at(cells, 'D2').value).toBe(8);
    // Scope: on Other, the sheet's own answer2 (7) and local1 (9) win.
    expect(at(cells, 'A1', 'Other').value).toBe(7);
    expect(at(cells, 'B1', 'Other').value).toBe(9);
  });

  test('uses are renamed in formulas and names, never inside strings or as part of a longer name', () => {
    const plan = planNames({
      sheetOrder: ['S'],
      names: [
        { name: 'answer2', text: '1' },
        { name: 'answer2_base', text: '2' },
        { name: 'x', text: 'answer2*2' },
      ],
    });
    const out = plan.rewrite(toEngineFormula('=answer2+ANSWER2_base&"answer2"+x'), 'S');
    const internal = /_N\d+_answer2/.exec(out)![0];
    expect(out).toBe(`=${internal}+ANSWER2_base&"answer2"+x`);
    expect(plan.excelName(internal)).toBe('answer2');
    const x = plan.expressions(new Map([['S', 0]])).find((e) => e.name === 'x')!;
    expect(x.expression).toBe(`=${internal}*2`);
  });

  test('one-letter names (the formulas project names ranges a, b, d…) never touch column letters in references', () => {
    const plan = planNames({ sheetOrder: ['S', 'T'], names: [{ name: 'b', text: 'T!$D$2:$E$3' }, { name: 'd', text: 'T!$B$4' }, { name: 'c', text: '3' }] });
    const f = '=COUNTIF(T!B$3:B$245,"=b")+D$18+SUM(B:B)+SUM($C:D)+SUM(T!B:B)+b+d*c';
    expect(plan.rewrite(f, 'S')).toBe('=COUNTIF(T!B$3:B$245,"=b")+D$18+SUM(B:B)+SUM($C:D)+SUM(T!B:B)+T!$D$2:$E$3+T!$B$4*c');
  });
});

describe('one cell never takes a book down', () => {
  test('FILTER with no match beside =1+1: #CALC! as Excel saved, and 2', async () => {
    const file = book({
      dynamicArrays: true,
      sheets: [
        {
          name: 'S',
          rows:
            '<row r="1"><c r="A1" t="e" cm="1"><f t="array" ref="A1">_xlfn._xlws.FILTER({1;2},{FALSE;FALSE})</f><v>#CALC!</v></c>' +
            '<c r="B1"><f>1+1</f><v>2</v></c></row>',
        },
      ],
    });
    const { cells } = await calcWorkbook(file);
    expect(at(cells, 'A1')).toMatchObject({ value: '#CALC!' });
    expect(at(cells, 'B1')).toMatchObject({ value: 2 });
    expect(differences(cells)).toEqual([]);
  });

  test('REPT with a huge count is #VALUE! (Excel: text over 32,767 characters), its neighbours compute', async () => {
    const file = book({
      sheets: [
        {
          name: 'S',
          rows:
            '<row r="1"><c r="A1" t="e"><f>REPT("x",1E9)</f><v>#VALUE!</v></c><c r="B1"><f>1+1</f><v>2</v></c>' +
            '<c r="C1" t="b"><f>ISERROR(A1)</f><v>1</v></c><c r="D1" t="str"><f>IFERROR(REPT("x",1E9),"big")</f><v>big</v></c></row>',
        },
      ],
    });
    const { cells } = await calcWorkbook(file);
    expect(at(cells, 'A1')).toMatchObject({ value: '#VALUE!', error: { code: '#VALUE!' } });
    expect(at(cells, 'B1').value).toBe(2);
    expect(at(cells, 'C1').value).toBe(true);
    expect(at(cells, 'D1').value).toBe('big');
    expect(differences(cells)).toEqual([]);
  });

  test('a parse failure is unsupported, and its dependent computes from the value Excel saved for it', async () => {
    const file = book({
      sheets: [
        {
          name: 'S',
          rows:
            '<row r="1"><c r="A1"><v>5</v></c><c r="B1"><f>SUM(A1,,,)+)</f><v>10</v></c><c r="C1"><f>B1*3</f><v>30</v></c>' +
            '<c r="D1"><f>B1+A1</f><v>15</v></c></row>',
        },
      ],
    });
    const { cells } = await calcWorkbook(file);
    expect(at(cells, 'B1').unsupported?.reason).toMatch(/the engine cannot parse this formula/);
    expect(at(cells, 'C1')).toMatchObject({ value: 30 });
    expect(at(cells, 'D1')).toMatchObject({ value: 15 });
    expect(at(cells, 'C1').unsupported).toBeUndefined();
  });

  test('cells that throw inside the engine, spread over a chain: each is found and held at Excel\'s value, every other cell computes', async () => {
    // A function that throws as HyperFormula's internals do on a bug path (a RangeError, "Invalid
    // string length", "Value of the formula cell is not computed"): one would abort the whole build.
    class Throwing extends FunctionPlugin {
      static override implementedFunctions = { 'TEST.THROWS': { method: 'throws', parameters: [{ argumentType: FunctionArgumentType.NUMBER }] } };
      throws(): never {
        throw new RangeError('Invalid array length');
      }
    }
    HyperFormula.registerFunctionPlugin(Throwing, { enGB: { 'TEST.THROWS': 'TEST.THROWS' }, enUS: { 'TEST.THROWS': 'TEST.THROWS' } });
    try {
      let rows = '';
      for (let i = 1; i <= 200; i++) {
        let c = `<c r="A${i}"><v>${i}</v></c><c r="B${i}"><f>A${i}*2${i > 1 ? `+B${i - 1}` : ''}</f><v>${i * (i + 1)}</v></c>`;
        // C reads the chain and throws; D reads C, so it computes from the value Excel saved in C.
        if (i % 50 === 0) c += `<c r="C${i}"><f>TEST.THROWS(B${i})</f><v>${i}</v></c><c r="D${i}"><f>C${i}+1</f><v>${i + 1}</v></c>`;
        rows += `<row r="${i}">${c}</row>`;
      }
      const { cells } = await calcWorkbook(book({ sheets: [{ name: 'S', rows }] }));
      expect(cells.filter((c) => c.unsupported).map((c) => [c.address, c.unsupported!.reason])).toEqual(
        ['C50', 'C100', 'C150', 'C200'].map((a) => [a, 'evaluating it threw inside the engine (Invalid array length)']),
      );
      expect(differences(cells)).toEqual([]);
    } finally {
      HyperFormula.unregisterFunction('TEST.THROWS');
    }
  });
});

describe("Excel's error codes", () => {
  test('#NULL! typed in a cell is an error, not text; #NULL! written in a formula parses', async () => {
    const file = book({
      sheets: [
        {
          name: 'S',
          rows:
            '<row r="1"><c r="A1" t="e"><v>#NULL!</v></c><c r="B1" t="e"><f>A1</f><v>#NULL!</v></c><c r="C1" t="b"><f>ISERROR(A1)</f><v>1</v></c>' +
            '<c r="D1" t="b"><f>ISTEXT(A1)</f><v>0</v></c><c r="E1" t="e"><f>#NULL!</f><v>#NULL!</v></c><c r="F1"><f>IFERROR(A1,3)</f><v>3</v></c>' +
            '<c r="G1" t="e"><f>LOOKUP(A1,{1,2},{"a","b"})</f><v>#NULL!</v></c></row>',
        },
      ],
    });
    const { cells } = await calcWorkbook(file);
    expect(cells.filter((c) => c.unsupported)).toEqual([]);
    expect(differences(cells)).toEqual([]);
    expect(at(cells, 'B1').error?.code).toBe('#NULL!');
  });

  test("a saved #VALUE! with rich-value metadata (vm) is Excel's #CALC! and compares equal to the engine's", async () => {
    const parts = xlsxParts({
      dynamicArrays: true,
      sheets: [
        {
          name: 'S',
          rows:
            '<row r="1"><c r="A1"><v>1</v></c><c r="C1" t="e" cm="1" vm="1"><f t="array" ref="C1">_xlfn.FILTER(A1:A2,A1:A2&gt;5)</f><v>#VALUE!</v></c>' +
            '<c r="D1" t="e" cm="1" vm="1"><f t="array" ref="D1">_xlfn.TAKE(A1:A2,0)</f><v>#VALUE!</v></c></row><row r="2"><c r="A2"><v>2</v></c></row>',
        },
      ],
    });
    // As Excel saves #CALC!: a value-metadata block pointing at an _error rich value with errorType 13.
    parts['xl/metadata.xml'] = METADATA_XML.replace('<metadataTypes count="1">', '<metadataTypes count="2">')
      .replace('</metadataTypes>', '<metadataType name="XLRICHVALUE" minSupportedVersion="120000" copy="1" pasteAll="1" pasteValues="1" merge="1" splitFirst="1" rowColShift="1" clearFormats="1" clearComments="1" assign="1" coerce="1"/></metadataTypes>')
      .replace('<cellMetadata', '<futureMetadata name="XLRICHVALUE" count="1"><bk><extLst><ext uri="{3e2802c4-a4d2-4d8b-9148-e3be6c30e623}"><xlrd:rvb i="0"/></ext></extLst></bk></futureMetadata><cellMetadata')
      .replace('<metadata ', '<metadata xmlns:xlrd="http://schemas.microsoft.com/office/spreadsheetml/2017/richdata" ')
      .replace('</metadata>', '<valueMetadata count="1"><bk><rc t="2" v="0"/></bk></valueMetadata></metadata>');
    parts['xl/richData/rdrichvalue.xml'] = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<rvData xmlns="http://schemas.microsoft.com/office/spreadsheetml/2017/richdata" count="1"><rv s="0"><v>13</v><v>3</v></rv></rvData>';
    parts['xl/richData/rdrichvaluestructure.xml'] =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<rvStructures xmlns="http://schemas.microsoft.com/office/spreadsheetml/2017/richdata" count="1"><s t="_error"><k n="errorType" t="i"/><k n="subType" t="i"/></s></rvStructures>';
    parts['xl/_rels/workbook.xml.rels'] = parts['xl/_rels/workbook.xml.rels'].replace(
      '</Relationships>',
      '<Relationship Id="rId90" Type="http://schemas.microsoft.com/office/2017/06/relationships/rdRichValue" Target="richData/rdrichvalue.xml"/><Relationship Id="rId91" Type="http://schemas.microsoft.com/office/2017/06/relationships/rdRichValueStructure" Target="richData/rdrichvaluestructure.xml"/></Relationships>',
    );
    const file = path.join(tmp, 'calc-vm.xlsx');
    fs.writeFileSync(file, zipParts(parts));
    const { cells } = await calcWorkbook(file);
    expect(cells.map((c) => [c.address, c.saved, c.value, c.unsupported?.reason])).toEqual([
      ['C1', '#CALC!', '#CALC!', undefined],
      ['D1', '#CALC!', '#CALC!', undefined],
    ]);
    expect(differences(cells)).toEqual([]);
  });

  test('the "" escape inside a string literal parses (="TEST""ABC" is TEST"ABC), a backslash too', async () => {
    const file = book({
      sheets: [
        {
          name: 'S',
          rows:
            '<row r="1"><c r="A1" t="str"><f>"TEST""ABC"</f><v>TEST"ABC</v></c><c r="B1"><f>LEN("""")</f><v>1</v></c>' +
            '<c r="C1" t="str"><f>"C:\\"&amp;"x"</f><v>C:\\x</v></c><c r="D1"><f>FIND("""",A1)</f><v>5</v></c>' +
            '<c r="E1" t="str"><f>IF(TRUE,"say ""hi""","")</f><v>say "hi"</v></c></row>',
        },
      ],
    });
    const { cells } = await calcWorkbook(file);
    expect(cells.filter((c) => c.unsupported)).toEqual([]);
    expect(differences(cells)).toEqual([]);
  });
});

describe('exit codes through the CLI', () => {
  const one = (rows: string) => book({ sheets: [{ name: 'S', rows }] });
  test('0 all match, 1 some differ, 3 only unsupported, 4 not a workbook', async () => {
    expect((await runCli(['calc', one('<row r="1"><c r="A1"><f>1+1</f><v>2</v></c></row>'), '--check'])).code).toBe(0);
    expect((await runCli(['calc', one('<row r="1"><c r="A1"><f>1+1</f><v>3</v></c></row>'), '--check'])).code).toBe(1);
    expect((await runCli(['calc', one('<row r="1"><c r="A1"><f>_xldudf_CONTOSO_PRICE("MSFT")</f><v>400</v></c></row>'), '--check'])).code).toBe(3);
    const junk = path.join(tmp, 'junk.xlsx');
    fs.writeFileSync(junk, 'not a zip');
    const r = await runCli(['calc', junk, '--check']);
    expect(r).toMatchObject({ code: 4, out: '' });
    expect(r.err).toMatch(/^llm-market: \S+junk\.xlsx is not a readable \.xlsx workbook/);
    expect(r.err.split('\n')).toHaveLength(1);
    const j = await runCli(['calc', junk, '--check', '--format', 'json']);
    expect(j.code).toBe(4);
    expect(JSON.parse(j.out)).toEqual({ file: junk, status: 'error', error: expect.stringMatching(/not a readable \.xlsx workbook/) });
    const x = await runCli(['calc', junk, '--format', 'junit']);
    expect(x.code).toBe(4);
    expect(x.out).toMatch(/<testsuites [^>]*errors="1"/);
    expect(x.out).toMatch(/<error message="[^"]*not a readable \.xlsx workbook/);
  });

  test('help calc documents every exit code', async () => {
    const h = await runCli(['help', 'calc']);
    for (const line of [/^\s+0\s+every formula matches/m, /^\s+1\s+some cell differs/m, /^\s+3\s+nothing differs, but some formulas are unsupported/m, /^\s+4\s+a workbook could not be evaluated/m, /^\s+2\s+usage error/m]) {
      expect(h.out).toMatch(line);
    }
  });
});

const corpus = excelCorpusAvailable();
if (!corpus && process.env.CI) throw new Error(`the real-Excel corpus is missing: ${EXCEL_CORPUS_DIR}`);
(corpus ? describe : describe.skip)('the corpus books that were lost now load, with a verdict per formula cell', () => {
  test.each([
    ['xlsx__tests__example.xlsx', 36],
    ['LOGICAL__IF_ARRAY.xlsx', 22],
    ['test__test_files__test.xlsx', 13487],
  ])('%s', async (name, formulas) => {
    const verdicts = await bookVerdicts(name);
    expect(verdicts).toHaveLength(formulas);
    // One assertion over all the cells (13,487 in the formulas project's book), not one per cell.
    expect(verdicts.filter((v) => !['matches', 'differs', 'unsupported'].includes(v.verdict))).toEqual([]);
    // Every unsupported cell says why.
    expect(verdicts.filter((x) => x.verdict === 'unsupported' && !/\S/.test(x.detail ?? ''))).toEqual([]);
    // Most cells match (a few functions are still missing or wrong; those are the function families' to fix).
    expect(verdicts.filter((v) => v.verdict === 'matches').length / formulas).toBeGreaterThan(0.75);
  }, 300_000);
});
