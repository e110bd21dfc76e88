// Crypto: the Q-SYS help's own examples (Base64, MD5Compute, PBKDF2) and published test vectors
// (FIPS 180 SHA, RFC 2202/4231 HMAC, NIST SP 800-38A AES), through a built program.
import { describe, expect, test } from "vitest";
import { runOurs } from "./helpers.ts";

const HEX = `local function hex(s) return (s:gsub(".", function(c) return string.format("%02x", c:byte()) end)) end
local function unhex(h) return (h:gsub("%x%x", function(x) return string.char(tonumber(x, 16)) end)) end
`;

describe.concurrent("Crypto", () => {
  test("the help's examples", async () => {
    const r = await runOurs(`${HEX}
print(Crypto.Base64Encode('Hello there'))
print(Crypto.Base64Encode('Hello there', false))
print(Crypto.Base64Decode('SGVsbG8gdGhlcmU='))
print(Crypto.Base64Decode('SGVsbG8gdGhlcmU'))
print(Crypto.MD5Compute('Hello there'))
local salt = string.char(0xaa, 0xef, 0x2d, 0x3f, 0x4d, 0x77, 0xac, 0x66, 0xe9, 0xc5, 0xa6, 0xc3, 0xd8, 0xf9, 0x21, 0xd1)
print(hex(Crypto.PBKDF2("p@$Sw0rD~1", salt, 50000, 32, Crypto.Hash.SHA256)))
print(Crypto.Cipher.AES_128_CBC, Crypto.Cipher.AES_256_ECB, Crypto.Hash.MD5, Crypto.Hash.SHA512)
`);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(
      [
        "SGVsbG8gdGhlcmU=",
        "SGVsbG8gdGhlcmU",
        "Hello there",
        "Hello there",
        "e8ea7a8d1e93e8764a84a0f3df4644de",
        "52c5efa16e702285" + "9051b1dec28bc65d" + "9696a3005d0f97e5" + "06c42843bc3bdbc0",
        "aes_128_cbc\taes_256_ecb\tmd5\tsha512",
        "",
      ].join("\n"),
    );
  });

  test("digests and HMACs are raw bytes (published vectors)", async () => {
    const r = await runOurs(`${HEX}
print(hex(Crypto.Digest("sha256", "abc")))
print(hex(Crypto.Digest("sha1", "abc")))
print(hex(Crypto.Digest("md5", "")))
print(#Crypto.Digest("sha512", "abc"))
print(hex(Crypto.HMAC("sha256", "Jefe", "what do ya want for nothing?")))
print(hex(Crypto.HMAC("md5", "Jefe", "what do ya want for nothing?")))
print(Crypto.Base64Encode(Crypto.Digest("sha1", "\\0\\255")))
print(pcall(Crypto.Digest, "sha3", "x"))
`);
    expect(r.stdout).toBe(
      [
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        "a9993e364706816aba3e25717850c26c9cd0d89d",
        "d41d8cd98f00b204e9800998ecf8427e",
        "64",
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
        "750c783e6ab0b503eaa86e310a5db738",
        "qj5dzdd7FT8uWb0Nh5T94zy05IY=", // python3: base64(sha1(b"\\x00\\xff"))
        "false\tbad argument #1 to 'Digest' (unsupported hash algorithm 'sha3')",
        "",
      ].join("\n"),
    );
  });

  test("AES (NIST SP 800-38A vectors), padding, and errors", async () => {
    const r = await runOurs(`${HEX}
local key = unhex("2b7e151628aed2a6abf7158809cf4f3c")
local block = unhex("6bc1bee22e409f96e93d7e117393172a")
print(hex(Crypto.Encrypt(Crypto.Cipher.AES_128_ECB, key, nil, block, false)))
print(hex(Crypto.Encrypt(Crypto.Cipher.AES_128_CBC, key, unhex("000102030405060708090a0b0c0d0e0f"), block, false)))
local key256 = unhex("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4")
print(hex(Crypto.Encrypt(Crypto.Cipher.AES_256_ECB, key256, "", block, false)))
local iv = string.rep("\\1", 16)
local ct = Crypto.Encrypt(Crypto.Cipher.AES_256_CBC, key256, iv, "hello, world")
print(#ct, Crypto.Decrypt(Crypto.Cipher.AES_256_CBC, key256, iv, ct))
print(#Crypto.Encrypt(Crypto.Cipher.AES_128_ECB, key, nil, string.rep("x", 16)))
print(pcall(Crypto.Encrypt, Crypto.Cipher.AES_128_ECB, key, nil, "short", false))
print(pcall(Crypto.Encrypt, Crypto.Cipher.AES_128_CBC, "tooshort", iv, "x"))
print(pcall(Crypto.Decrypt, Crypto.Cipher.AES_128_ECB, key, nil, block))
print(pcall(Crypto.Encrypt, "des", key, nil, "x"))
print(pcall(Crypto.CRC16Compute, "x"))
print(#Crypto.GetRandomBytes(13), Crypto.GetRandomBytes(8) ~= Crypto.GetRandomBytes(8))
`);
    const lines = r.stdout.split("\n");
    expect(lines.slice(0, 5)).toEqual([
      "3ad77bb40d7a3660a89ecaf32466ef97",
      "7649abac8119b246cee98e9b12e9197d",
      "f3eed1bdb5d2a03c064b5a7e3db181f8",
      "16\thello, world",
      "32",
    ]);
    // called straight from pcall: no Lua position, as for any function raising at level 1
    expect(lines[5]).toMatch(/^false\tCrypto\.Encrypt: message length 5 is not a multiple of the block size \(16\) without padding$/);
    expect(lines[6]).toMatch(/^false\tCrypto\.Encrypt: key must be 16 bytes for aes_128_cbc \(got 8\)$/);
    expect(lines[7]).toMatch(/Crypto\.Decrypt: bad decrypt/);
    expect(lines[8]).toBe("false\tbad argument #1 to 'Encrypt' (unsupported cipher 'des')");
    expect(lines[9]).toMatch(/CRC16Compute is not available/);
    expect(lines[10]).toBe("13\ttrue");
  });
});
