// Crypto (qsys-api.md §5, the Q-SYS help page): Base64, digests, HMAC, AES and PBKDF2 over
// node:crypto. Every string in and out is a Lua byte string; digests, HMACs, PBKDF2 keys,
// ciphertexts and random bytes are raw bytes (scripts Base64 or hex them themselves), except
// MD5Compute, which gives lower-case hex as the help shows.
//
// Decisions where the help is silent: Decrypt removes PKCS#7 padding and raises when it is not
// valid (OpenSSL's default); Base64Decode ignores characters outside the alphabet;
// CRC16Compute raises, because the help names no CRC-16 variant and a guessed one would give
// silently wrong values.
import { createCipheriv, createDecipheriv, createHash, createHmac, pbkdf2Sync, randomBytes } from "node:crypto";
import { argError, checkInt, checkString } from "../lua/args.ts";
import { runtimeError } from "../lua/errors.ts";
import { truthy, type LuaValue } from "../lua/value.ts";
import { libraryTable } from "./object.ts";

const bytes = (s: string): Buffer => Buffer.from(s, "latin1");
const text = (b: Buffer): string => b.toString("latin1");

const HASHES = new Set(["md5", "sha1", "sha256", "sha512"]);

/** Cipher names as Crypto.Cipher spells them -> [node:crypto name, key length, IV length]. */
const CIPHERS: Record<string, [string, number, number]> = {
  aes_128_cbc: ["aes-128-cbc", 16, 16],
  aes_128_ecb: ["aes-128-ecb", 16, 0],
  aes_256_cbc: ["aes-256-cbc", 32, 16],
  aes_256_ecb: ["aes-256-ecb", 32, 0],
};

function hashName(v: LuaValue, n: number, fname: string, allowed = HASHES): string {
  const alg = checkString(v, n, fname).toLowerCase();
  if (!allowed.has(alg)) throw argError(n, fname, `unsupported hash algorithm '${checkString(v, n, fname)}'`);
  return alg;
}

function Base64Encode(value: LuaValue, pad?: LuaValue): LuaValue {
  const out = bytes(checkString(value, 1, "Base64Encode")).toString("base64");
  return pad === undefined || truthy(pad) ? out : out.replace(/=+$/, "");
}

function Base64Decode(value: LuaValue): LuaValue {
  return text(Buffer.from(checkString(value, 1, "Base64Decode"), "base64"));
}

function MD5Compute(value: LuaValue): LuaValue {
  return createHash("md5").update(bytes(checkString(value, 1, "MD5Compute"))).digest("hex");
}

function Digest(algorithm: LuaValue, data: LuaValue): LuaValue {
  const alg = hashName(algorithm, 1, "Digest");
  return text(createHash(alg).update(bytes(checkString(data, 2, "Digest"))).digest());
}

function HMAC(algorithm: LuaValue, key: LuaValue, data: LuaValue): LuaValue {
  const alg = hashName(algorithm, 1, "HMAC");
  const k = bytes(checkString(key, 2, "HMAC"));
  return text(createHmac(alg, k).update(bytes(checkString(data, 3, "HMAC"))).digest());
}

function GetRandomBytes(count: LuaValue): LuaValue {
  const n = checkInt(count, 1, "GetRandomBytes");
  if (n < 0) throw argError(1, "GetRandomBytes", "count must not be negative");
  return text(randomBytes(n));
}

function PBKDF2(password: LuaValue, salt: LuaValue, iterations: LuaValue, keylen: LuaValue, digest: LuaValue): LuaValue {
  const pw = bytes(checkString(password, 1, "PBKDF2"));
  const s = bytes(checkString(salt, 2, "PBKDF2"));
  const iter = checkInt(iterations, 3, "PBKDF2");
  const len = checkInt(keylen, 4, "PBKDF2");
  const alg = hashName(digest, 5, "PBKDF2", new Set(["sha1", "sha256", "sha512"]));
  if (iter < 1) throw runtimeError("Crypto.PBKDF2: iterations must be at least 1");
  if (len < 1) throw runtimeError("Crypto.PBKDF2: keylen must be at least 1");
  return text(pbkdf2Sync(pw, s, iter, len, alg));
}

/** The cipher, key and IV of Encrypt/Decrypt, checked against the cipher's sizes. */
function cipherArgs(fname: string, cipher: LuaValue, key: LuaValue, iv: LuaValue): [string, Buffer, Buffer | null] {
  const name = checkString(cipher, 1, fname);
  const spec = CIPHERS[name.toLowerCase()];
  if (!spec) throw argError(1, fname, `unsupported cipher '${name}'`);
  const [node, keyLen, ivLen] = spec;
  const k = bytes(checkString(key, 2, fname));
  if (k.length !== keyLen) throw runtimeError(`Crypto.${fname}: key must be ${keyLen} bytes for ${name} (got ${k.length})`);
  const v = iv === undefined ? Buffer.alloc(0) : bytes(checkString(iv, 3, fname));
  if (ivLen === 0) return [node, k, null];
  if (v.length !== ivLen) throw runtimeError(`Crypto.${fname}: iv must be ${ivLen} bytes for ${name} (got ${v.length})`);
  return [node, k, v];
}

function Encrypt(cipher: LuaValue, key: LuaValue, iv: LuaValue, message: LuaValue, padding?: LuaValue): LuaValue {
  const [name, k, v] = cipherArgs("Encrypt", cipher, key, iv);
  const msg = bytes(checkString(message, 4, "Encrypt"));
  const c = createCipheriv(name, k, v);
  c.setAutoPadding(padding === undefined || truthy(padding));
  try {
    return text(Buffer.concat([c.update(msg), c.final()]));
  } catch {
    throw runtimeError(`Crypto.Encrypt: message length ${msg.length} is not a multiple of the block size (16) without padding`);
  }
}

function Decrypt(cipher: LuaValue, key: LuaValue, iv: LuaValue, cipherText: LuaValue): LuaValue {
  const [name, k, v] = cipherArgs("Decrypt", cipher, key, iv);
  const data = bytes(checkString(cipherText, 4, "Decrypt"));
  const d = createDecipheriv(name, k, v);
  try {
    return text(Buffer.concat([d.update(data), d.final()]));
  } catch {
    throw runtimeError("Crypto.Decrypt: bad decrypt (wrong key, wrong iv, or corrupt data)");
  }
}

function CRC16Compute(): LuaValue {
  throw runtimeError("Crypto.CRC16Compute is not available in qsys2ts: the Q-SYS help does not say which CRC-16 it computes");
}

/** The Lua global `Crypto`. */
export const Crypto = libraryTable("Crypto", {
  Base64Encode,
  Base64Decode,
  MD5Compute,
  Digest,
  HMAC,
  GetRandomBytes,
  PBKDF2,
  Encrypt,
  Decrypt,
  CRC16Compute,
  Cipher: libraryTable("Crypto.Cipher", { AES_128_CBC: "aes_128_cbc", AES_128_ECB: "aes_128_ecb", AES_256_CBC: "aes_256_cbc", AES_256_ECB: "aes_256_ecb" }),
  Hash: libraryTable("Crypto.Hash", { MD5: "md5", SHA1: "sha1", SHA256: "sha256", SHA512: "sha512" }),
});
