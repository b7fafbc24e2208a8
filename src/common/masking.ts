// The one place personal data is masked for output; results are plain text (escaping is the template's job).
import { normalizeMobile } from './contact';
import { normalizeIdNumber } from './id-number';

export const ANONYMOUS_NAME = '爱心人士';

const MAX_NAME_LENGTH = 20;
const MAX_ID_LENGTH = 32;
// Common two-character surnames; both characters are kept because they are the surname.
const COMPOUND_SURNAMES = new Set([
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '长孙',
  '宇文',
  '司徒',
  '夏侯',
  '轩辕',
  '令狐',
  '端木',
  '独孤',
  '南宫',
  '西门',
  '百里',
  '呼延',
  '万俟',
  '闻人',
  '赫连',
  '澹台',
  '公冶',
  '宗政',
  '濮阳',
  '淳于',
  '单于',
  '太叔',
  '申屠',
  '仲孙',
  '钟离',
  '拓跋',
  '东郭',
  '司空',
  '第五',
  '左丘',
]);
// Words that mark an organisation; a name ending in one keeps it so the kind of donor stays readable.
const ORGANISATION_WORDS = [
  '股份有限公司',
  '有限责任公司',
  '有限公司',
  '分公司',
  '公司',
  '集团',
  '医院',
  '卫生院',
  '诊所',
  '基金会',
  '慈善会',
  '总会',
  '分会',
  '红十字会',
  '协会',
  '学会',
  '商会',
  '联合会',
  '促进会',
  '研究会',
  '学校',
  '大学',
  '学院',
  '中学',
  '小学',
  '幼儿园',
  '银行',
  '分行',
  '支行',
  '工会',
  '委员会',
  '村委会',
  '居委会',
  '中心',
  '研究所',
  '研究院',
  '事务所',
  '合作社',
  '工作室',
  '俱乐部',
  '办事处',
  '政府',
  '商行',
  '企业',
  '工厂',
  '超市',
  '酒店',
  '药房',
].sort((a, b) => b.length - a.length);
// Organisation names are at least this long; shorter matches (王中心) are treated as people.
const MIN_ORGANISATION_LENGTH = 5;
// Control, format (bidi overrides, zero-width) and line/paragraph separator characters.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;
const HAN = /^\p{Script=Han}/u;

function clean(text: string | null | undefined): string {
  return String(text ?? '')
    .replace(INVISIBLE, '')
    .replace(/\s+/g, ' ')
    .trim();
}

// Keeps head and tail characters with one star per hidden character, within MAX_NAME_LENGTH UTF-16 units.
function keepEnds(chars: string[], head: number, tail: number): string {
  const start = chars.slice(0, head).join('');
  const end = tail > 0 ? chars.slice(-tail).join('') : '';
  const hidden = Math.min(chars.length - head - tail, MAX_NAME_LENGTH - start.length - end.length);
  return start + '*'.repeat(Math.max(1, hidden)) + end;
}

function maskOrganisationName(chars: string[]): string | null {
  const name = chars.join('');
  if (chars.length < MIN_ORGANISATION_LENGTH) return null;
  const suffixes = ORGANISATION_WORDS.filter((word) => name.endsWith(word));
  // The kept suffix must leave room for a head and a star, else the name is masked like a person's.
  const suffix = suffixes.find((word) => word.length <= chars.length - 2);
  if (suffixes.length > 0 && !suffix) return null;
  if (!suffix && !ORGANISATION_WORDS.some((word) => name.includes(word))) return null;
  const tail = suffix ? suffix.length : 2;
  return keepEnds(chars, Math.min(2, chars.length - tail - 1), tail);
}

function maskPersonName(name: string): string {
  if (!HAN.test(name)) return `${Array.from(name)[0]}***`;
  const chars = Array.from(name.replace(/\s/g, ''));
  const surname = chars.length >= 3 && COMPOUND_SURNAMES.has(chars[0] + chars[1]) ? 2 : 1;
  return keepEnds(chars, surname, 0);
}

/**
 * Public form of a donor name: 爱心人士 when anonymous or blank; people keep the surname (张**, 欧阳**)
 * or a first letter (J***); organisations keep 2 leading characters and their kind (腾讯****基金会).
 */
export function maskName(name: string | null | undefined, anonymous = false): string {
  const cleaned = clean(name);
  if (anonymous || cleaned === '' || cleaned === ANONYMOUS_NAME) return ANONYMOUS_NAME;
  return maskOrganisationName(Array.from(cleaned)) ?? maskPersonName(cleaned);
}

/** 138****5678 for mainland mobiles; other numbers keep at most their last 4 digits. */
export function maskPhone(phone: string): string {
  const cleaned = clean(phone);
  if (cleaned === '') return '';
  const compact = normalizeMobile(cleaned) ?? cleaned.replace(/[^\d+*]/g, '');
  if (compact.length >= 11) return `${compact.slice(0, 3)}****${compact.slice(-4)}`;
  if (compact.length >= 8) return `****${compact.slice(-4)}`;
  return '****';
}

/** First and last character with the rest starred, same length: 1****************X. */
export function maskIdNumber(id: string): string {
  const compact = Array.from(clean(id).replace(/\s/g, '')).slice(0, MAX_ID_LENGTH).join('');
  const chars = Array.from(normalizeIdNumber(compact));
  if (chars.length === 0) return '';
  if (chars.length <= 2) return '**';
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
}

/** z***@example.com: the domain stays, the local part keeps its first character only. */
export function maskEmail(email: string): string {
  const text = clean(email).replace(/\s/g, '');
  if (text === '') return '';
  const at = text.lastIndexOf('@');
  const local = at >= 0 ? text.slice(0, at) : text;
  // A leading star means the address is already masked; starring it again must not change it.
  const first = local.startsWith('*') ? '' : (Array.from(local)[0] ?? '');
  return at >= 0 ? `${first}***${text.slice(at)}` : `${first}***`;
}

/** The first 6 characters (province, city) then ****; short addresses show at most half. */
export function maskAddress(address: string): string {
  const chars = Array.from(clean(address));
  if (chars.length === 0) return '';
  return `${chars.slice(0, Math.min(6, Math.floor(chars.length / 2))).join('')}****`;
}
