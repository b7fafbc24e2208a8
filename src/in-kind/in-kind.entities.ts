import { Distribution } from './distribution.entity';
import { InKindDonation, InKindDonationLine } from './in-kind-donation.entity';
import { InKindInspection, InKindInspectionLine } from './in-kind-inspection.entity';
import { InKindItem } from './in-kind-item.entity';
import { InKindStock, InKindStockMovement } from './in-kind-stock.entity';

/** The in-kind tables, listed once for src/database/schema.ts. */
export const IN_KIND_ENTITIES = [
  InKindItem,
  InKindDonation,
  InKindDonationLine,
  InKindInspection,
  InKindInspectionLine,
  Distribution,
  InKindStock,
  InKindStockMovement,
];
