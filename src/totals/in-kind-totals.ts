/** One line of goods on the public totals: accepted goods only. */
export interface InKindLine {
  itemCode: string;
  name: string;
  unit: string;
  receivedQuantity: number;
  distributedQuantity: number;
}

/**
 * Supplies the `inKind` lines of a campaign's totals. The goods feature provides it under
 * IN_KIND_TOTALS from a global module; without a provider the totals show `inKind: []`.
 * When accepted or distributed goods change, the provider's side calls TotalsEvents.changed(campaignId)
 * after its commit, so the live streams and caches pick the change up.
 */
export interface InKindTotals {
  forCampaign(campaignId: string): Promise<InKindLine[]>;
}

export const IN_KIND_TOTALS = Symbol('IN_KIND_TOTALS');
