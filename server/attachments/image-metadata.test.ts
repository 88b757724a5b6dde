// Metadata removed from each image type without touching its pixels.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import sharp from "sharp";
import { PHOTO_GPS } from "../testing/attachment-factories.ts";
import { stripImageMetadata } from "./image-metadata.ts";

const picture = () => sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 10, g: 120, b: 200 } } });
const exif = { IFD0: { Make: "TestPhone" }, IFD3: PHOTO_GPS };
const xmp = '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></x:xmpmeta>';
const pixels = (bytes: Buffer) => sharp(bytes).raw().toBuffer();

describe("stripImageMetadata", () => {
  const cases: [string, string, () => Promise<Buffer>][] = [
    ["JPEG", "image/jpeg", () => picture().jpeg().withExif(exif).withXmp(xmp).toBuffer()],
    ["PNG", "image/png", () => picture().png().withExif(exif).withXmp(xmp).toBuffer()],
    ["WebP", "image/webp", () => picture().webp().withExif(exif).withXmp(xmp).toBuffer()],
  ];
  for (const [name, type, make] of cases) {
    it(`${name}: drops EXIF and XMP, keeps the pixels`, async () => {
      const original = await make();
      const before = await sharp(original).metadata();
      assert.ok(before.exif && before.xmp, "the sample carries EXIF and XMP");
      const stripped = stripImageMetadata(type, original, 1)!;
      const meta = await sharp(stripped).metadata();
      assert.equal(meta.exif, undefined);
      assert.equal(meta.xmp, undefined);
      assert.ok(!stripped.includes("TestPhone"));
      assert.ok((await pixels(stripped)).equals(await pixels(original)));
    });
  }

  it("JPEG: keeps a turned photo's orientation, and nothing else of the EXIF", async () => {
    const original = await picture().jpeg().withExif(exif).withMetadata({ orientation: 8 }).toBuffer();
    const meta = await sharp(stripImageMetadata("image/jpeg", original, 8)!).metadata();
    assert.equal(meta.orientation, 8);
    assert.ok(!meta.exif!.includes("TestPhone"));
  });

  it("refuses what is cut short or not the type named", async () => {
    const jpeg = await picture().jpeg().toBuffer();
    assert.equal(stripImageMetadata("image/jpeg", jpeg.subarray(0, jpeg.length / 2), 1), null);
    assert.equal(stripImageMetadata("image/png", jpeg, 1), null);
    assert.equal(stripImageMetadata("image/webp", Buffer.from("RIFF"), 1), null);
  });
});
