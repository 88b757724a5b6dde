// Reading a ledger back: a workbook's rows by line, and the files refused before unpacking.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readLedgerSheet } from "./ledger-xlsx-read.ts";
import { renderLedgerXlsx } from "./ledger-xlsx.ts";

/** A zip holding nothing but a central directory that declares one part of `size` bytes. */
function declaredZip(size: number): Buffer {
  const name = Buffer.from("xl/worksheets/sheet1.xml");
  const entry = Buffer.alloc(46);
  entry.writeUInt32LE(0x02014b50, 0);
  entry.writeUInt32LE(size, 24);
  entry.writeUInt16LE(name.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(entry.length + name.length, 12);
  end.writeUInt32LE(0, 16);
  return Buffer.concat([entry, name, end]);
}

describe("reading a ledger", () => {
  it("reads the first sheet's rows by their line, values as written, a merged cell's in every cell it covers", async () => {
    const bytes = await renderLedgerXlsx({ sheetName: "台账", title: "标题", columns: [{ header: "甲", width: 8 }, { header: "乙", width: 8, text: true }], rows: [["一", 2]] });
    const rows = await readLedgerSheet(bytes);
    assert.ok(Array.isArray(rows));
    assert.deepEqual(
      rows.map((row) => [row.line, row.cells.slice(1)]),
      [
        [1, ["标题", "标题"]],
        [2, ["甲", "乙"]],
        [3, ["一", 2]],
      ],
    );
  });

  it("refuses what is not a zip, and a zip that would unpack beyond the limit, before unpacking it", async () => {
    assert.equal(await readLedgerSheet(Buffer.from("not a zip")), "unreadable");
    assert.equal(await readLedgerSheet(declaredZip(0xfffffff0)), "tooLarge");
    assert.equal(await readLedgerSheet(declaredZip(0xffffffff)), "tooLarge", "a ZIP64 part");
    assert.equal(await readLedgerSheet(declaredZip(100)), "unreadable", "small but no workbook in it");
  });
});
