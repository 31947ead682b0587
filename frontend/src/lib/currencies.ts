/** Common ISO 4217 codes offered as suggestions; the API is the judge of validity. */
export const COMMON_CURRENCIES = [
  'USD', 'EUR', 'GBP', 'UAH', 'PLN', 'CZK', 'CHF', 'SEK', 'NOK', 'DKK', 'HUF', 'RON', 'BGN',
  'CAD', 'AUD', 'NZD', 'JPY', 'CNY', 'INR', 'SGD', 'HKD', 'KRW', 'BRL', 'MXN', 'ZAR', 'TRY',
  'ILS', 'AED', 'SAR',
] as const;
