/**
 * Text folding and tokens for Chinese search without word spaces: NFKC (full-width → half-width, compatibility
 * ideographs → unified), lower case, the common Taiwan variant pairs (臺/台…) made one; then CJK character bigrams
 * and Latin/digit words.
 */

/** Variant → the form we index (both sides of a query and of the data are folded the same way). */
const VARIANTS: Readonly<Record<string, string>> = {
  臺: '台', 峯: '峰', 裏: '裡', 着: '著', 衞: '衛', 綫: '線', 羣: '群', 啓: '啟', 眞: '真', 爲: '為', 僞: '偽',
  敎: '教', 户: '戶', 戸: '戶', 竝: '並', 幷: '並', 麪: '麵', 菓: '果', 餧: '餵', 鷄: '雞', 喫: '吃', 祕: '秘',
  痲: '麻', 蔴: '麻', 脩: '修', 糉: '粽', 粧: '妝', 閒: '閑', 疎: '疏', 畵: '畫', 劃: '畫', 汚: '污', 汙: '污', 囘: '回', 廻: '迴',
}

const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{2ffff}]/u
const isCjk = (ch: string) => CJK.test(ch)
const isWordChar = (ch: string) => /[\p{L}\p{N}]/u.test(ch)

/** The folded form of a text: what is compared, never shown. */
export function foldText(text: string): string {
  let folded = ''
  for (const ch of text.normalize('NFKC').toLowerCase()) folded += VARIANTS[ch] ?? ch
  return folded
}

export interface Tokens {
  /** CJK bigrams (a lone CJK character stays a unigram) and Latin/digit words. */
  readonly terms: string[]
  /** Single CJK characters that stood alone (a one-character query matches by prefix of bigrams). */
  readonly lone: string[]
}

/** Tokens of a folded text: runs of CJK characters give bigrams, runs of letters and digits give words. */
export function tokenize(text: string): Tokens {
  const terms: string[] = []
  const lone: string[] = []
  const chars = [...foldText(text)]
  let i = 0
  while (i < chars.length) {
    const ch = chars[i]!
    if (isCjk(ch)) {
      let j = i
      while (j < chars.length && isCjk(chars[j]!)) j++
      if (j - i === 1) lone.push(ch)
      for (let k = i; k + 1 < j; k++) terms.push(chars[k]! + chars[k + 1]!)
      i = j
    } else if (isWordChar(ch)) {
      let j = i
      while (j < chars.length && isWordChar(chars[j]!) && !isCjk(chars[j]!)) j++
      terms.push(chars.slice(i, j).join(''))
      i = j
    } else i++
  }
  return { terms, lone }
}
