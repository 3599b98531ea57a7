/** Human messages for SHACL results in zh and en, from the constraint component and the shape's own name. */

export interface Bilingual { zh: string; en: string }

const COMPONENT_MESSAGES: Record<string, (p: string, arg: string) => Bilingual> = {
  MinCountConstraintComponent: (p, n) => ({ zh: `缺少必要屬性 ${p}（至少需 ${n} 個值）`, en: `missing required property ${p} (at least ${n} value(s))` }),
  MaxCountConstraintComponent: (p, n) => ({ zh: `屬性 ${p} 的值過多（最多 ${n} 個）`, en: `too many values for ${p} (at most ${n})` }),
  ClassConstraintComponent: (p, c) => ({ zh: `${p} 的值須為 ${c} 類別`, en: `the value of ${p} must be an instance of ${c}` }),
  DatatypeConstraintComponent: (p, d) => ({ zh: `${p} 的值須為 ${d} 型別`, en: `the value of ${p} must have datatype ${d}` }),
  NodeKindConstraintComponent: (p, k) => ({ zh: `${p} 的值須為 ${k}`, en: `the value of ${p} must be a ${k}` }),
  NodeConstraintComponent: (p, s) => ({ zh: `${p} 的值不符合規範 ${s}（例如未使用指定之控制詞彙）`, en: `the value of ${p} does not conform to ${s} (e.g. not from the required controlled vocabulary)` }),
  InConstraintComponent: (p) => ({ zh: `${p} 的值不在允許清單中`, en: `the value of ${p} is not in the allowed list` }),
  HasValueConstraintComponent: (p, v) => ({ zh: `${p} 須包含值 ${v}`, en: `${p} must have the value ${v}` }),
  PatternConstraintComponent: (p, r) => ({ zh: `${p} 的值不符合格式 ${r}`, en: `the value of ${p} does not match ${r}` }),
  OrConstraintComponent: (p) => ({ zh: `${p} 的值不符合任一允許形式`, en: `the value of ${p} matches none of the allowed forms` }),
  ClosedConstraintComponent: (p) => ({ zh: `不允許的屬性 ${p}`, en: `property ${p} is not allowed` }),
  MinLengthConstraintComponent: (p, n) => ({ zh: `${p} 的值過短（至少 ${n} 字）`, en: `the value of ${p} is too short (at least ${n})` }),
  MaxLengthConstraintComponent: (p, n) => ({ zh: `${p} 的值過長（最多 ${n} 字）`, en: `the value of ${p} is too long (at most ${n})` }),
  UniqueLangConstraintComponent: (p) => ({ zh: `${p} 每種語言只能有一個值`, en: `${p} may have one value per language` }),
  LanguageInConstraintComponent: (p) => ({ zh: `${p} 的語言標籤不被允許`, en: `the language tag of ${p} is not allowed` }),
}

/** The message for a result: the shape's own sh:message when it has one in that language, else ours. */
export function describeResult(component: string, path: string, arg: string, own: Bilingual | undefined): Bilingual {
  const local = component.replace(/^.*#/, '')
  const fallback = COMPONENT_MESSAGES[local]?.(path, arg) ?? { zh: `${path} 不符合 ${local}`, en: `${path} violates ${local}` }
  return { zh: own?.zh || fallback.zh, en: own?.en || fallback.en }
}
