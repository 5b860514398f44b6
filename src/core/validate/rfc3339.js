/**
 * The `date` and `date-time` formats of the schemas, checked character by character: the same strings
 * accepted and refused as ajv-formats' full `date` and `date-time` (RFC 3339 as ajv-formats reads it:
 * `t` or any white space between date and time, lower-case `z`, offsets `+01`, `+0100` or `+01:00`, a
 * leap second only at 23:59:60 UTC), without its regular expressions and `split`: on 10,000 incidents
 * they were a sixth of the schema checks (test/core/validate/rfc3339.test.ts compares both on tricky
 * cases and on random strings).
 *
 * Plain JavaScript (types in rfc3339.d.ts) because the generated validators import it, and they are
 * JavaScript that the package ships as it is (scripts/build-package.ts copies both files).
 */

/**
 * `YYYY-MM-DD` at `at` in `s` (10 characters), a day that exists (Feb 29 in leap years only).
 * @param {string} s
 * @param {number} at
 * @returns {boolean}
 */
function fullDate(s, at) {
  let year = 0;
  for (let i = at; i < at + 4; i++) {
    const c = s.charCodeAt(i) - 48;
    if (!(c >= 0 && c <= 9)) return false;
    year = year * 10 + c;
  }
  if (s.charCodeAt(at + 4) !== 45 || s.charCodeAt(at + 7) !== 45) return false;
  const m1 = s.charCodeAt(at + 5) - 48;
  const m2 = s.charCodeAt(at + 6) - 48;
  const d1 = s.charCodeAt(at + 8) - 48;
  const d2 = s.charCodeAt(at + 9) - 48;
  if (!(m1 >= 0 && m1 <= 9 && m2 >= 0 && m2 <= 9 && d1 >= 0 && d1 <= 9 && d2 >= 0 && d2 <= 9)) return false;
  const month = m1 * 10 + m2;
  const day = d1 * 10 + d2;
  if (month < 1 || month > 12 || day < 1) return false;
  if (month === 2) return day <= (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28);
  return day <= (month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31);
}

/**
 * The number written by the two ASCII digits at `i` in `s`, or -1.
 * @param {string} s
 * @param {number} i
 * @returns {number}
 */
function twoDigits(s, i) {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * The `date` format: exactly `YYYY-MM-DD`.
 * @param {string} s
 * @returns {boolean}
 */
export function rfc3339Date(s) {
  return s.length === 10 && fullDate(s, 0);
}

/**
 * The `date-time` format: a date, one separator (`T`, `t` or white space), then
 * `HH:MM:SS[.fraction]` and an offset (`Z`, `z`, `+HH`, `+HHMM`, `+HH:MM`, or with `-`).
 * @param {string} s
 * @returns {boolean}
 */
export function rfc3339DateTime(s) {
  const n = s.length;
  // The shortest: YYYY-MM-DDTHH:MM:SSZ.
  if (n < 20 || !fullDate(s, 0)) return false;
  const sep = s.charCodeAt(10);
  if (sep !== 84 && sep !== 116 && !/\s/.test(s[10])) return false;
  const hr = twoDigits(s, 11);
  const min = twoDigits(s, 14);
  let sec = twoDigits(s, 17);
  if (hr < 0 || min < 0 || sec < 0 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return false;
  let i = 19;
  if (s.charCodeAt(i) === 46) {
    let j = i + 1;
    while (j < n && s.charCodeAt(j) >= 48 && s.charCodeAt(j) <= 57) j++;
    if (j === i + 1) return false;
    sec = Number(s.slice(17, j));
    i = j;
  }
  const tz = s.charCodeAt(i);
  let tzSign = 1;
  let tzH = 0;
  let tzM = 0;
  if (tz === 90 || tz === 122) {
    if (i + 1 !== n) return false;
  } else if (tz === 43 || tz === 45) {
    tzSign = tz === 45 ? -1 : 1;
    tzH = twoDigits(s, i + 1);
    if (tzH < 0) return false;
    let k = i + 3;
    if (k < n) {
      if (s.charCodeAt(k) === 58) k++;
      tzM = twoDigits(s, k);
      if (tzM < 0 || k + 2 !== n) return false;
    }
  } else return false;
  if (tzH > 23 || tzM > 59) return false;
  if (hr <= 23 && min <= 59 && sec < 60) return true;
  // A leap second: 23:59:60 in UTC, whatever the offset.
  const utcMin = min - tzM * tzSign;
  const utcHr = hr - tzH * tzSign - (utcMin < 0 ? 1 : 0);
  return (utcHr === 23 || utcHr === -1) && (utcMin === 59 || utcMin === -1) && sec < 61;
}
