import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface DistributionLine {
  itemCode: string;
  name: string;
  unit: string;
  quantity: number;
}

export interface DeliveryRow {
  id: string;
  campaignId: string;
  campaignCode: string;
  campaignTitle: string;
  recipient: string;
  createdAt: Date;
  items: DistributionLine[];
  confirmation: { confirmedBy: string; receivedAt: Date; quantities: { itemCode: string; quantity: number }[]; note: string | null } | null;
}

type Raw = {
  id: string;
  campaign_id: string;
  code: string;
  title: string;
  recipient: string;
  created_at: Date;
  items: DistributionLine[];
  confirmed_by: string | null;
  received_at: Date | null;
  quantities: { itemCode: string; quantity: number }[] | null;
  note: string | null;
};

const SELECT = `
  SELECT d.id, d.campaign_id, c.code, c.title, d.recipient, d.created_at, dc.confirmed_by, dc.received_at, dc.quantities, dc.note,
         coalesce((SELECT jsonb_agg(jsonb_build_object('itemCode', m.item_code, 'name', i.name, 'unit', i.unit, 'quantity', -m.quantity) ORDER BY m.id)
                     FROM in_kind_stock_movements m JOIN in_kind_items i ON i.code = m.item_code WHERE m.distribution_id = d.id), '[]') AS items
    FROM distributions d JOIN campaigns c ON c.id = d.campaign_id
    LEFT JOIN delivery_confirmations dc ON dc.distribution_id = d.id`;

function map(r: Raw): DeliveryRow {
  return {
    id: r.id,
    campaignId: r.campaign_id,
    campaignCode: r.code,
    campaignTitle: r.title,
    recipient: r.recipient,
    createdAt: r.created_at,
    items: r.items.map((i) => ({ ...i, quantity: Number(i.quantity) })),
    confirmation: r.confirmed_by ? { confirmedBy: r.confirmed_by, receivedAt: r.received_at!, quantities: r.quantities ?? [], note: r.note } : null,
  };
}

/** Distributions with what was sent and the recipient's confirmation, if any. */
@Injectable()
export class DeliveryConfirmationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(id: string): Promise<DeliveryRow | null> {
    const rows: Raw[] = await this.dataSource.query(`${SELECT} WHERE d.id = $1`, [id]);
    return rows[0] ? map(rows[0]) : null;
  }

  async forCampaign(campaignId: string, limit = 200): Promise<DeliveryRow[]> {
    const rows: Raw[] = await this.dataSource.query(`${SELECT} WHERE d.campaign_id = $1 ORDER BY d.created_at DESC LIMIT $2`, [campaignId, limit]);
    return rows.map(map);
  }

  /** Inserts the confirmation; false when the distribution already has one. */
  async insert(c: {
    distributionId: string;
    confirmedBy: string;
    receivedAt: Date;
    quantities: { itemCode: string; quantity: number }[];
    note: string | null;
  }) {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO delivery_confirmations (distribution_id, confirmed_by, received_at, quantities, note) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (distribution_id) DO NOTHING RETURNING 1`,
      [c.distributionId, c.confirmedBy, c.receivedAt, JSON.stringify(c.quantities), c.note],
    );
    return rows.length > 0;
  }
}
