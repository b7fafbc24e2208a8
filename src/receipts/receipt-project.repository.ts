import { EntityManager } from 'typeorm';

/** The designated fund (定向捐赠) of the gift a receipt records, or null (undesignated, goods, merged). */
export async function receiptFundName(manager: EntityManager, receipt: { donationId: string | null }): Promise<string | null> {
  if (!receipt.donationId) return null;
  const [row] = await manager.query<Array<{ name: string }>>(`SELECT f.name FROM donations d JOIN campaign_funds f ON f.id = d.fund_id WHERE d.id = $1`, [
    receipt.donationId,
  ]);
  return row ? String(row.name) : null;
}

/** 项目名称 on a receipt: the campaign's title, and the fund's name when the gift was designated. */
export function receiptProjectName(campaignTitle: string, fundName: string | null): string {
  return fundName ? `${campaignTitle}（${fundName}）` : campaignTitle;
}
