/** Cleaning the DGPA phone and fax columns into RFC 3966 `tel:` IRIs (Taiwan, country code +886). */
import { EXTERNAL } from '../vocab/index.ts'

/** A cleaned number: a `tel:` IRI, nothing worth keeping, or a value we could not read (kept out, reported). */
export type PhoneNumber =
  | { kind: 'tel'; iri: string }
  | { kind: 'empty' }
  | { kind: 'invalid'; problem: string }

const COUNTRY_CODE = '+886'
/** Fewer digits than this is an area code alone (e.g. `07--`): no number was given. */
const MIN_DIGITS = 5

/**
 * Clean one phone field. Handles what the DGPA list really holds: stray leading/trailing `-`/`--`,
 * `(03)3346740`, spaces, `無` (none), extensions `#15` or a trailing `-211` group, and ranges or lists
 * (`03-8521141~144`, `089-222580,222417`) of which the first number is kept.
 * National numbers become global ones (RFC 3966 §5.1.4): `02-23165300-` → `tel:+886-2-23165300`;
 * a number without area code stays local with `;phone-context=+886` (RFC 3966 §5.1.5).
 */
export function cleanPhoneNumber(raw: string): PhoneNumber {
  let value = raw.normalize('NFKC').replace(/^[-\s]+|[-\s]+$/g, '')
  value = value.replace(/^\(?\s*(0\d{1,3})\s*\)[\s-]*/, '$1-').replace(/\s*-\s*/g, '-').replace(/\s+/g, '-')
  if ((value.match(/\d/g) ?? []).length < MIN_DIGITS) return { kind: 'empty' }
  value = value.split(/[~,.、/;]/)[0]!.replace(/-+$/, '')
  let extension: string | undefined
  const hash = /^(.*?)#(\d{1,6})$/.exec(value)
  if (hash) [value, extension] = [hash[1]!, hash[2]]
  const grouped = /^(0\d{1,3})-(\d{5,8})(?:-(\d{1,5}))?$/.exec(value)
  if (grouped?.[3] !== undefined) extension ??= grouped[3]
  const local = /^(\d{6,8})-(\d{1,5})$/.exec(value)
  if (local) [value, extension] = [local[1]!, extension ?? local[2]]
  const ext = extension === undefined ? '' : `;ext=${extension}`
  const digits = grouped ? grouped[1]! + grouped[2]! : value.replace(/-/g, '')
  if (/^0\d{8,9}$/.test(digits)) {
    const global = grouped ? `${COUNTRY_CODE}-${grouped[1]!.slice(1)}-${grouped[2]}` : `${COUNTRY_CODE}${digits.slice(1)}`
    return { kind: 'tel', iri: `${EXTERNAL.tel}${global}${ext}` }
  }
  if (/^[1-9]\d{5,7}$/.test(digits)) return { kind: 'tel', iri: `${EXTERNAL.tel}${digits}${ext};phone-context=${COUNTRY_CODE}` }
  return { kind: 'invalid', problem: `phone number "${raw.trim()}" is not a Taiwan number (0 + area code + number, 9–10 digits; or a 6–8 digit local number)` }
}
