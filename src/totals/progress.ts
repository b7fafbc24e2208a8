/** Tenths of a percent of the goal reached, exact (BigInt), capped at 100%. */
export function progressPermille(amountFen: number, goalFen: number | null): number | null {
  if (!goalFen || goalFen <= 0) return null;
  const permille = (BigInt(amountFen) * 1000n) / BigInt(goalFen);
  return Number(permille > 1000n ? 1000n : permille);
}
