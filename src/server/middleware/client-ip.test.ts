import { isIP } from "node:net";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalRange, clientAddress, clientKey, parseIp } from "./client-ip.ts";

describe("the client's address", () => {
  const proxies = ["10.0.0.0/8", "::1/128"];

  it("is the socket's peer when the peer is not a trusted proxy, whatever X-Forwarded-For says", () => {
    expect(clientAddress("198.51.100.7", "203.0.113.1", proxies)).toBe("198.51.100.7");
    expect(clientAddress("198.51.100.7", "203.0.113.1", [])).toBe("198.51.100.7");
    expect(clientAddress("::ffff:198.51.100.7", undefined, proxies)).toBe("198.51.100.7");
  });

  it("behind trusted proxies, is the right-most X-Forwarded-For entry that is not one", () => {
    expect(clientAddress("10.0.0.2", "192.0.2.1, 198.51.100.9", proxies)).toBe("198.51.100.9");
    expect(clientAddress("10.0.0.2", "192.0.2.1, 198.51.100.9, 10.4.4.4", proxies)).toBe("198.51.100.9");
    expect(clientAddress("::1", "2001:db8::5, ::ffff:10.1.1.1", proxies)).toBe("2001:db8::5");
    // Entries with ports, as some proxies write them.
    expect(clientAddress("10.0.0.2", "198.51.100.9:51000", proxies)).toBe("198.51.100.9");
    expect(clientAddress("10.0.0.2", "[2001:db8::5]:443", proxies)).toBe("2001:db8::5");
  });

  it("stops at the proxy that wrote an entry that is not an address, and at the left end of the chain", () => {
    expect(clientAddress("10.0.0.2", "198.51.100.9, unknown, 10.3.3.3", proxies)).toBe("10.3.3.3");
    expect(clientAddress("10.0.0.2", "", proxies)).toBe("10.0.0.2");
    expect(clientAddress("10.0.0.2", "10.9.9.9, 10.8.8.8", proxies)).toBe("10.9.9.9");
  });

  it("can never be chosen by the client: whatever is prepended, the key stays the same", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.ipV4(), fc.ipV6(), fc.string()), { maxLength: 6 }), (forged) => {
        const chain = [...forged, "198.51.100.9"].join(", ");
        expect(clientAddress("10.0.0.2", chain, proxies)).toBe("198.51.100.9");
      }),
    );
  });
});

describe("the allowance key", () => {
  it("is one key for an IPv4 address however it is written", () => {
    expect(clientKey("192.0.2.10")).toBe("192.0.2.10");
    expect(clientKey("::ffff:192.0.2.10")).toBe("192.0.2.10");
    expect(clientKey("::ffff:c000:20a")).toBe("192.0.2.10");
  });

  it("is one key for every loopback address", () => {
    for (const a of ["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1", "0:0:0:0:0:0:0:1"])
      expect(clientKey(a), a).toBe("loopback");
  });

  it("is an IPv6 address's /64", () => {
    expect(clientKey("2001:db8:1:2::1")).toBe("2001:db8:1:2::/64");
    expect(clientKey("2001:DB8:1:2:aaaa:bbbb:cccc:dddd")).toBe("2001:db8:1:2::/64");
    expect(clientKey("2001:db8:1:3::1")).toBe("2001:db8:1:3::/64");
    expect(clientKey("fe80::1%eth0")).toBe("fe80::/64");
  });

  it("parses what Node parses, and only that", () => {
    fc.assert(
      fc.property(fc.oneof(fc.ipV4(), fc.ipV6(), fc.ipV4Extended(), fc.string()), (text) => {
        const strict = isIP(text) !== 0;
        // fast-check's extended IPv4 forms (octal, hex, short) are not addresses to us, nor to Node.
        if (strict) expect(parseIp(text), text).not.toBeNull();
        else expect(parseIp(text), text).toBeNull();
      }),
    );
  });
});

describe("a trusted-proxy range", () => {
  it("is written in one canonical form with its host bits cleared", () => {
    expect(canonicalRange("10.1.2.3")).toBe("10.1.2.3/32");
    expect(canonicalRange("10.1.2.3/8")).toBe("10.0.0.0/8");
    expect(canonicalRange("172.16.0.0/12")).toBe("172.16.0.0/12");
    expect(canonicalRange("::1")).toBe("::1/128");
    expect(canonicalRange("2001:db8:0:0:1::/64")).toBe("2001:db8::/64");
    expect(canonicalRange("::ffff:10.0.0.0/104")).toBe("10.0.0.0/8");
  });

  it("is refused when it is not an address or the prefix does not fit", () => {
    for (const bad of [
      "",
      "10.0.0.0/33",
      "::/129",
      "10.0.0.0/8/1",
      "example.org",
      "10.0.0.256",
      "10.0.0.0/-1",
    ])
      expect(canonicalRange(bad), bad).toBeNull();
  });
});
