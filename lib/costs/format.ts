// Pure formatting shared by the cost views (client-safe). Small costs keep their significant digits:
// an agent's task can cost $0.0042, and "$0.00" would read as free.
const usd = (options: Intl.NumberFormatOptions) => new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", ...options });

const dollars = usd({ minimumFractionDigits: 2, maximumFractionDigits: 2 });
const cents = usd({ minimumFractionDigits: 2, maximumFractionDigits: 4 });
const fractions = usd({ minimumSignificantDigits: 1, maximumSignificantDigits: 2 });

export function formatUsd(value: number): string {
  const magnitude = Math.abs(value);
  if (magnitude === 0) return dollars.format(0);
  if (magnitude >= 1) return dollars.format(value);
  if (magnitude >= 0.01) return cents.format(value);
  return fractions.format(value);
}

// Chart axis ticks: short ("$1.2K"), still exact enough for small values.
export function formatUsdAxis(value: number): string {
  if (Math.abs(value) >= 1000) return usd({ notation: "compact", maximumFractionDigits: 1 }).format(value);
  return formatUsd(value);
}

const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
export const formatCount = (value: number) => integer.format(value);

// Prices per million tokens as entered (up to 6 decimals), e.g. "$0.075".
export const formatPricePerMTok = (value: number) => usd({ minimumFractionDigits: 2, maximumFractionDigits: 6 }).format(value);

export function formatChangePct(changePct: number): string {
  const sign = changePct > 0 ? "+" : changePct < 0 ? "−" : "";
  return `${sign}${Math.abs(changePct).toLocaleString("en-US", { maximumFractionDigits: 1 })}%`;
}
