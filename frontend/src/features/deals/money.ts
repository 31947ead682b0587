import type { MoneyView } from '../../api/types';

/**
 * MoneyView arithmetic on the API's decimal strings. Amounts are added as scaled
 * integers (BigInt) so totals never pick up floating-point noise; only the
 * final display goes through Intl.
 */
interface Scaled {
  units: bigint;
  scale: number;
}

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

function parse(amount: string): Scaled {
  const match = DECIMAL.exec(amount.trim());
  if (!match) return { units: 0n, scale: 0 };
  const [, sign, whole = '0', fraction = ''] = match;
  const units = BigInt(whole + fraction) * (sign ? -1n : 1n);
  return { units, scale: fraction.length };
}

function rescale(value: Scaled, scale: number): bigint {
  return value.units * 10n ** BigInt(scale - value.scale);
}

function render(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale);
  return `${negative ? '-' : ''}${whole}${scale > 0 ? `.${fraction}` : ''}`;
}

/** `a + b` for decimal strings; the result keeps the larger number of decimals. */
export function addDecimal(a: string, b: string): string {
  const x = parse(a);
  const y = parse(b);
  const scale = Math.max(x.scale, y.scale);
  return render(rescale(x, scale) + rescale(y, scale), scale);
}

export function subtractDecimal(a: string, b: string): string {
  return addDecimal(a, render(-parse(b).units, parse(b).scale));
}

/** `amount × percent / 100`, rounded half away from zero to the amount's decimals (as the API does). */
export function percentOf(amount: string, percent: number): string {
  const x = parse(amount);
  const product = x.units * BigInt(Math.round(percent));
  const negative = product < 0n;
  const abs = negative ? -product : product;
  const rounded = (abs + 50n) / 100n;
  return render(negative ? -rounded : rounded, x.scale);
}

export function addMoney(a: MoneyView, b: MoneyView): MoneyView {
  return { amount: addDecimal(a.amount, b.amount), currency: a.currency };
}

export function subtractMoney(a: MoneyView, b: MoneyView): MoneyView {
  return { amount: subtractDecimal(a.amount, b.amount), currency: a.currency };
}

export function zeroMoney(currency: string): MoneyView {
  return { amount: '0', currency };
}

const formatters = new Map<string, Intl.NumberFormat>();

function formatterFor(currency: string, compact: boolean): Intl.NumberFormat | null {
  const key = `${currency}:${compact}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    try {
      formatter = new Intl.NumberFormat(undefined, {
        style: 'currency',
        currency,
        ...(compact ? { notation: 'compact', maximumFractionDigits: 1 } : {}),
      });
    } catch {
      return null; // Not a currency Intl knows: fall back to "1234.50 XYZ".
    }
    formatters.set(key, formatter);
  }
  return formatter;
}

/** "€1,234.50" for `{ amount: "1234.50", currency: "EUR" }` (locale-dependent); `compact` gives "€1.2K". */
export function formatMoney(money: MoneyView | null | undefined, options: { compact?: boolean; empty?: string } = {}): string {
  if (!money) return options.empty ?? '—';
  const value = Number(money.amount);
  const formatter = formatterFor(money.currency, options.compact ?? false);
  if (!formatter || Number.isNaN(value)) return `${money.amount} ${money.currency}`;
  return formatter.format(value);
}

/** A decimal string as typed in a form ("1 234,5" is not accepted; "1234.5" is). */
export const DECIMAL_INPUT = /^\d{1,13}(\.\d{1,4})?$/;
