import { EntityManager } from 'typeorm';

/** The designated fund (定向捐赠) of the gifts a record lists (an aggregate's are of one fund), or null (undesignated, goods). */
export async function receiptFund(
  manager: EntityManager,
  receipt: { id: string; donationId: string | null; aggregate?: boolean },
): Promise<{ code: string; name: string } | null> {
  if (!receipt.donationId && !receipt.aggregate) return null;
  const [row] = receipt.aggregate
    ? await manager.query<Array<{ code: string; name: string }>>(
        `SELECT f.code, f.name FROM receipt_gifts g JOIN donations d ON d.id = g.donation_id JOIN campaign_funds f ON f.id = d.fund_id
          WHERE g.receipt_id = $1 ORDER BY g.position LIMIT 1`,
        [receipt.id],
      )
    : await manager.query<Array<{ code: string; name: string }>>(
        `SELECT f.code, f.name FROM donations d JOIN campaign_funds f ON f.id = d.fund_id WHERE d.id = $1`,
        [receipt.donationId],
      );
  return row ? { code: String(row.code), name: String(row.name) } : null;
}

export async function receiptFundName(manager: EntityManager, receipt: { id: string; donationId: string | null; aggregate?: boolean }): Promise<string | null> {
  return (await receiptFund(manager, receipt))?.name ?? null;
}

/** 项目名称 on a receipt: the campaign's title, and the fund's name when the gift was designated. */
export function receiptProjectName(campaignTitle: string, fundName: string | null): string {
  return fundName ? `${campaignTitle}（${fundName}）` : campaignTitle;
}

/** 项目编码 on a receipt: the campaign's code, and the fund's code after a slash when the gift was designated. */
export function receiptProjectCode(campaignCode: string, fundCode: string | null): string {
  return fundCode ? `${campaignCode}/${fundCode}` : campaignCode;
}

/** The order number of a single cash record (备注 on the record), or null (goods, aggregates). */
export async function receiptOrderNo(manager: EntityManager, receipt: { donationId: string | null }): Promise<string | null> {
  if (!receipt.donationId) return null;
  const [row] = await manager.query<Array<{ order_no: string }>>(`SELECT order_no FROM donations WHERE id = $1`, [receipt.donationId]);
  return row ? String(row.order_no) : null;
}
