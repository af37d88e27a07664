// Runway's tag rule (CONTRACTS §2): 3–16 characters, a letter first, then letters, digits or "_".

export const TAG_PATTERN = /^[A-Za-z][A-Za-z0-9_]{2,15}$/;
export const TAG_MIN_LENGTH = 3;
export const TAG_MAX_LENGTH = 16;

// Letters NFKD cannot reduce to ASCII: Cyrillic and Greek by sound, plus a few Latin ligatures.
// prettier-ignore
const TRANSLITERATION: Readonly<Record<string, string>> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k',
  л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts',
  ч: 'ch', ш: 'sh', щ: 'sch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya', і: 'i', ї: 'yi',
  є: 'ye', ґ: 'g', ў: 'u', ђ: 'dj', ј: 'j', љ: 'lj', њ: 'nj', ћ: 'c', џ: 'dz', ѕ: 'dz',
  α: 'a', β: 'v', γ: 'g', δ: 'd', ε: 'e', ζ: 'z', η: 'i', θ: 'th', ι: 'i', κ: 'k', λ: 'l', μ: 'm',
  ν: 'n', ξ: 'x', ο: 'o', π: 'p', ρ: 'r', σ: 's', ς: 's', τ: 't', υ: 'y', φ: 'f', χ: 'ch', ψ: 'ps',
  ω: 'o',
  ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ð: 'd', þ: 'th', ł: 'l', ı: 'i',
};

function mapLetters(text: string): string {
  let out = '';
  for (const char of text) {
    const lower = char.toLowerCase();
    const mapped = TRANSLITERATION[lower];
    if (mapped === undefined) out += char;
    else out += char === lower ? mapped : mapped.charAt(0).toUpperCase() + mapped.slice(1);
  }
  return out;
}

function transliterate(text: string): string {
  // Map whole letters first: NFKD splits й and ї into и/і plus a mark, losing their sound ("Київ" → "Kiiv").
  // The second pass maps what decomposition reveals (ά → α).
  return mapLetters(
    mapLetters(text.normalize('NFC'))
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, ''),
  );
}

function fitLength(tag: string): string {
  return tag.slice(0, TAG_MAX_LENGTH).replace(/_+$/, '');
}

/**
 * Turns a layer name into a valid tag: "Beach walk" → "Beach_walk", "1" → "ref_1",
 * "Модель" → "Model". `fallback` (itself valid) is used when nothing usable is left.
 */
export function tagFromName(name: string, fallback: string): string {
  let tag = transliterate(name)
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (tag === '') return fallback;
  if (!/^[A-Za-z]/.test(tag)) tag = `ref_${tag}`;
  tag = fitLength(tag);
  if (tag.length < TAG_MIN_LENGTH) tag = `${tag}_ref`;
  return TAG_PATTERN.test(tag) ? tag : fallback;
}

/** Why `tag` breaks Runway's rule, or null when it is valid. */
export function tagProblem(tag: string): string | null {
  if (tag.length === 0) return 'Give this reference a tag.';
  if (!/^[A-Za-z]/.test(tag)) return 'A tag starts with a letter (A–Z).';
  if (/[^A-Za-z0-9_]/.test(tag)) return 'Use only letters A–Z, digits and _ (no spaces or accents).';
  if (tag.length < TAG_MIN_LENGTH) return `A tag has at least ${TAG_MIN_LENGTH} characters.`;
  if (tag.length > TAG_MAX_LENGTH) return `A tag has at most ${TAG_MAX_LENGTH} characters.`;
  return null;
}

/** Tags are compared ignoring case: the API's matching of "@Model" and "@model" is not documented. */
export function sameTag(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/**
 * Default tags for layer names, in order, valid and unique: a repeated name gets "_2", "_3", …
 * `taken` holds tags already in use (e.g. edited by the designer) that must not be repeated.
 */
export function defaultTags(names: readonly string[], taken: readonly string[] = []): string[] {
  const used = taken.map((t) => t.toLowerCase());
  return names.map((name, index) => {
    const base = tagFromName(name, `ref_${index + 1}`);
    let tag = base;
    for (let n = 2; used.includes(tag.toLowerCase()); n += 1) {
      const suffix = `_${n}`;
      tag = base.slice(0, TAG_MAX_LENGTH - suffix.length).replace(/_+$/, '') + suffix;
    }
    used.push(tag.toLowerCase());
    return tag;
  });
}

/** For each tag, its problem (invalid, or a duplicate of an earlier tag), or null. */
export function tagProblems(tags: readonly string[]): (string | null)[] {
  return tags.map((tag, index) => {
    const invalid = tagProblem(tag);
    if (invalid) return invalid;
    const first = tags.findIndex((other) => sameTag(other, tag));
    return first < index ? `"${tag}" is already used by another reference; tags must be unique.` : null;
  });
}
