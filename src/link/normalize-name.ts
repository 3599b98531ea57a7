/** Normalise Chinese agency names so that common variants compare equal (臺/台, full/half width, spaces). */

const VARIANTS: [RegExp, string][] = [
  [/台/g, '臺'], // 台 is the common informal variant of 臺 in agency names (台北市政府 = 臺北市政府)
  [/[\s\u3000]+/g, ''],
  [/[（(][^）)]*[）)]$/g, ''], // trailing parenthetical qualifiers, e.g. 「…(籌備處)」 written ad hoc
]

/** NFKC folds full-width letters and digits to half width; then the Taiwanese variants above. */
export function normalizeAgencyName(name: string): string {
  let value = name.normalize('NFKC').trim()
  for (const [pattern, replacement] of VARIANTS) value = value.replace(pattern, replacement)
  return value
}
