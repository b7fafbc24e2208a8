import { Injectable } from '@nestjs/common';
import { Campaign } from '../campaigns/campaign.entity';
import { maskPhone } from '../common/masking';
import { PiiCipher } from '../common/pii-cipher';
import { PledgeView, toInspectionView, toPledgeLineView, toPledgeView } from './dto/in-kind.view';
import { InKindDonation } from './in-kind-donation.entity';
import { shanghaiDay } from './in-kind-input';
import { InKindItemsRepository } from './in-kind-items.repository';
import { InKindPledgesRepository } from './in-kind-pledges.repository';

/** Pledges as staff see them: lines with what is accepted, rejected and outstanding; the phone masked. */
@Injectable()
export class PledgeViews {
  constructor(
    private readonly pledges: InKindPledgesRepository,
    private readonly catalogue: InKindItemsRepository,
    private readonly pii: PiiCipher,
  ) {}

  async load(donations: InKindDonation[], campaign: Campaign): Promise<PledgeView[]> {
    if (donations.length === 0) return [];
    const ids = donations.map((d) => d.id);
    const lines = await this.pledges.linesOf(ids);
    const inspections = await this.pledges.inspectionsOf(ids);
    const inspectionLines = inspections.length ? await this.pledges.inspectionLinesOf(inspections.map((i) => i.id)) : [];
    const items = await this.catalogue.findByCodes([...new Set(lines.map((l) => l.itemCode))]);
    const byCode = new Map(items.map((i) => [i.code, i]));
    const today = shanghaiDay(new Date());
    return donations.map((d) => {
      const own = lines
        .filter((l) => l.inKindDonationId === d.id)
        .sort((a, b) => byCode.get(a.itemCode)!.sortOrder - byCode.get(b.itemCode)!.sortOrder || (a.itemCode < b.itemCode ? -1 : 1))
        .map((l) => toPledgeLineView(l, byCode.get(l.itemCode)!, today));
      const ownInspections = inspections
        .filter((i) => i.inKindDonationId === d.id)
        .map((i) =>
          toInspectionView(
            i,
            inspectionLines.filter((l) => l.inspectionId === i.id),
          ),
        );
      return toPledgeView(d, campaign, own, ownInspections, d.phoneEnc ? maskPhone(this.pii.decrypt(d.phoneEnc)) : null);
    });
  }
}
