import { describe, expect, it } from 'vitest';
import { addDecimal, formatMoney, percentOf, subtractDecimal } from './money';

describe('money', () => {
  it('adds and subtracts decimal strings without floating-point noise', () => {
    expect(addDecimal('0.10', '0.20')).toBe('0.30');
    expect(addDecimal('1234.5', '0.25')).toBe('1234.75');
    expect(addDecimal('10', '0.01')).toBe('10.01');
    expect(subtractDecimal('100.00', '250.50')).toBe('-150.50');
    expect(subtractDecimal('0.00', '0.00')).toBe('0.00');
  });

  it('takes a percentage rounded half away from zero to the amount’s decimals', () => {
    expect(percentOf('1000.00', 25)).toBe('250.00');
    expect(percentOf('0.05', 50)).toBe('0.03');
    expect(percentOf('333.33', 10)).toBe('33.33');
    expect(percentOf('99', 0)).toBe('0');
    expect(percentOf('1200', 100)).toBe('1200');
  });

  it('formats with the currency and falls back for unknown codes', () => {
    expect(formatMoney({ amount: '1234.50', currency: 'EUR' })).toMatch(/1,?234\.50/);
    expect(formatMoney({ amount: '1234.50', currency: 'EUR' })).toMatch(/€/);
    expect(formatMoney({ amount: '5', currency: 'X1' })).toBe('5 X1');
    expect(formatMoney(null)).toBe('—');
  });
});
