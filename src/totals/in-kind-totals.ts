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

/** A distribution of goods as the public campaign page lists it, with the receiving unit's confirmation (the signer masked). */
export interface PublicDelivery {
  recipient: string;
  distributedAt: string;
  items: { itemCode: string; name: string; unit: string; quantity: number }[];
  confirmation: { confirmedBy: string; receivedAt: string; items: { itemCode: string; quantity: number; name?: string }[]; note: string | null } | null;
}

/**
 * Supplies the distributions shown on the public campaign page. The goods feature provides it under
 * IN_KIND_DELIVERIES from the same global module as IN_KIND_TOTALS; without a provider the page lists none.
 */
export interface InKindDeliveries {
  forCampaign(campaignId: string): Promise<PublicDelivery[]>;
}

export const IN_KIND_DELIVERIES = Symbol('IN_KIND_DELIVERIES');
