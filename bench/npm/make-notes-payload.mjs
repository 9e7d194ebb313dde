// Generates bench/fixtures/notes-1mb.json: the ~1 MB notes payload both codec benchmarks (C# and npm) read.
// Deterministic (seeded PRNG), written with the official client's own encoder, so the file is canonical Convex-JSON:
// keys sorted, $integer for bigint, $bytes for ArrayBuffer. Run: node bench/npm/make-notes-payload.mjs
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { convexToJson } from "convex/values";

const TARGET_BYTES = 1024 * 1024;
const OUTPUT = fileURLToPath(new URL("../fixtures/notes-1mb.json", import.meta.url));

// mulberry32: tiny, seeded, identical on every Node version.
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = prng(20261124);
const int = (min, max) => min + Math.floor(random() * (max - min + 1));
const pick = (items) => items[int(0, items.length - 1)];

const WORDS = (
  "convex note sync query mutation action index table schema value cursor page field object array string number " +
  "integer bytes float boolean null shopping list meeting agenda idea draft review release deploy backend client " +
  "socket reconnect backoff journal version timestamp snapshot subscription transition identity token admin"
).split(" ");
// Some text needs escaping or multi-byte UTF-8, as real notes do.
const SPICE = ["café", "naïve", "日本語", "Ελληνικά", "emoji 🎉", "\"quoted\"", "tab\there", "line\nbreak", "back\\slash", "<tag>"];
const BASE32 = "0123456789abcdefghjkmnpqrstvwxyz";
const TAGS = ["work", "home", "ideas", "urgent", "later", "reading", "travel", "recipes"];

function sentence(minWords, maxWords) {
  const words = [];
  for (let i = int(minWords, maxWords); i > 0; i--) words.push(random() < 0.05 ? pick(SPICE) : pick(WORDS));
  return words.join(" ");
}

function id() {
  let text = "j57";
  while (text.length < 32) text += BASE32[int(0, 31)];
  return text;
}

function bytes(length) {
  const buffer = new Uint8Array(length);
  for (let i = 0; i < length; i++) buffer[i] = int(0, 255);
  return buffer.buffer;
}

function note(index) {
  const createdAt = 1_732_000_000_000 + index * 60_000 + int(0, 59_999);
  return {
    _id: id(),
    _creationTime: createdAt + random(),
    title: sentence(2, 7),
    content: sentence(20, 90),
    createdAt,
    updatedAt: createdAt + int(0, 86_400_000),
    version: BigInt(int(1, 1_000_000)) * 4_294_967_296n + BigInt(index),
    tags: Array.from({ length: int(0, 4) }, () => pick(TAGS)),
    pinned: random() < 0.2,
    score: Math.round(random() * 1e6) / 1e3,
    thumbnail: index % 4 === 0 ? bytes(int(16, 96)) : null,
  };
}

const notes = [];
let text = "[]";
while (Buffer.byteLength(text) < TARGET_BYTES) {
  notes.push(note(notes.length));
  if (notes.length % 64 === 0) text = JSON.stringify(convexToJson(notes));
}
text = JSON.stringify(convexToJson(notes));
writeFileSync(OUTPUT, text);
console.log(`wrote ${OUTPUT}: ${notes.length} notes, ${Buffer.byteLength(text)} bytes`);
