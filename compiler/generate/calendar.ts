/** Days as integers (days since 1970-01-01, UTC) with lookup tables for everything a row prints. */

const DAY_MS = 86_400_000;

export function parseIsoDay(iso: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) throw new Error(`not a YYYY-MM-DD date: ${iso}`);
  const [y, m, d] = [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
  const ms = Date.UTC(y, m, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m || back.getUTCDate() !== d) {
    throw new Error(`not a real date: ${iso}`);
  }
  return ms / DAY_MS;
}

const pad2 = (n: number) => (n < 10 ? '0' : '') + n;

export class Calendar {
  /** First posted day: the end date minus `months` calendar months. */
  readonly start: number;
  /** Last posted day (the natural as_of). */
  readonly end: number;
  /** First day of the tables: a week before `start`, for authorisation dates. */
  readonly first: number;
  readonly iso: string[] = [];
  /** `04/12` */
  readonly md: string[] = [];
  /** `0412` */
  readonly mmdd: string[] = [];
  /** `250412` */
  readonly yymmdd: string[] = [];
  /** Calendar months overlapping [first, end]: first day and length. */
  readonly monthStart: number[] = [];
  readonly monthLength: number[] = [];
  readonly monthOfYear: number[] = [];

  constructor(endIso: string, months: number) {
    this.end = parseIsoDay(endIso);
    const e = new Date(this.end * DAY_MS);
    const total = e.getUTCFullYear() * 12 + e.getUTCMonth() - months;
    const sy = Math.floor(total / 12);
    const sm = total - sy * 12;
    const dim = new Date(Date.UTC(sy, sm + 1, 0)).getUTCDate();
    this.start = Date.UTC(sy, sm, Math.min(e.getUTCDate(), dim)) / DAY_MS;
    this.first = this.start - 7;
    for (let day = this.first; day <= this.end; day++) {
      const d = new Date(day * DAY_MS);
      const y = d.getUTCFullYear();
      const mo = pad2(d.getUTCMonth() + 1);
      const da = pad2(d.getUTCDate());
      this.iso.push(`${y}-${mo}-${da}`);
      this.md.push(`${mo}/${da}`);
      this.mmdd.push(mo + da);
      this.yymmdd.push(String(y % 100).padStart(2, '0') + mo + da);
      if (d.getUTCDate() === 1 || day === this.first) {
        const ms = Date.UTC(y, d.getUTCMonth(), 1);
        this.monthStart.push(ms / DAY_MS);
        this.monthLength.push(new Date(Date.UTC(y, d.getUTCMonth() + 1, 0)).getUTCDate());
        this.monthOfYear.push(d.getUTCMonth());
      }
    }
  }

  get months(): number {
    return this.monthStart.length;
  }

  /** Day `dom` (1-31, clamped to the month's length) of month `k`. */
  monthDay(k: number, dom: number): number {
    return this.monthStart[k]! + Math.min(dom, this.monthLength[k]!) - 1;
  }

  /** 0 = Sunday … 6 = Saturday. */
  static dow(day: number): number {
    return (((day + 4) % 7) + 7) % 7;
  }

  /** Next business day (weekends only), or the previous one when the next is past the end. */
  business(day: number): number {
    const w = Calendar.dow(day);
    const next = w === 6 ? day + 2 : w === 0 ? day + 1 : day;
    if (next <= this.end) return next;
    return w === 6 ? day - 1 : w === 0 ? day - 2 : day;
  }

  /** Previous business day: payroll lands early when payday is on a weekend. */
  static businessBefore(day: number): number {
    const w = Calendar.dow(day);
    return w === 6 ? day - 1 : w === 0 ? day - 2 : day;
  }
}
