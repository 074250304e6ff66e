import { describe, expect, it } from "vitest";
import { parseCsv, parseCsvRecords } from "./parse-csv.ts";

describe("parseCsv", () => {
  it("keeps a comma inside a quoted field as part of the field", () => {
    expect(parseCsv('name,city\n"Doctors Hospital at Renaissance, Ltd. Program",Edinburg\n')).toEqual([
      ["name", "city"],
      ["Doctors Hospital at Renaissance, Ltd. Program", "Edinburg"],
    ]);
  });

  it("reads a doubled quote inside a quoted field as one quote", () => {
    expect(parseCsv('a\n"He said ""yes"", then left"\n')).toEqual([["a"], ['He said "yes", then left']]);
  });

  it("keeps line breaks inside a quoted field", () => {
    expect(parseCsv('a,b\n"line one\nline two",x\n')).toEqual([
      ["a", "b"],
      ["line one\nline two", "x"],
    ]);
  });

  it("accepts CRLF line ends, a byte-order mark and a last line without a newline", () => {
    expect(parseCsv("\uFEFFa,b\r\n1,2\r\n3,")).toEqual([
      ["a", "b"],
      ["1", "2"],
      ["3", ""],
    ]);
  });

  it("reads a Python-style list in quotes as one field", () => {
    expect(parseCsv("id,visa\n1,\"['J-1 through ECFMG', 'H-1B']\"\n")[1]).toEqual([
      "1",
      "['J-1 through ECFMG', 'H-1B']",
    ]);
  });

  it("rejects a file that ends inside a quoted field", () => {
    expect(() => parseCsv('a\n"never closed\n')).toThrow(/quoted field/);
  });
});

describe("parseCsvRecords", () => {
  it("keys each row by the header", () => {
    expect(parseCsvRecords('Program,State\n"Albany Medical Center Program",NY\n')).toEqual([
      { Program: "Albany Medical Center Program", State: "NY" },
    ]);
  });

  it("rejects a row whose field count differs from the header's", () => {
    expect(() => parseCsvRecords("a,b\n1,2,3\n")).toThrow(/row 2 has 3 fields/);
  });
});
