import { ApiProperty } from '@nestjs/swagger';
import { CampaignCodeProperty, DateTimeProperty, FenProperty, NullableStringProperty, UuidProperty } from '../../common/dto/view-properties';

/** One receipt request of the address whose one-time link the browser opened (查询我的捐赠). */
export class DonorGiftView {
  @UuidProperty()
  requestId: string;

  @ApiProperty({ enum: ['queued', 'pending_review', 'issued', 'rejected'] })
  status: string;

  @ApiProperty({ example: '已开具' })
  statusLabel: string;

  @CampaignCodeProperty()
  campaignCode: string;

  @ApiProperty()
  campaignTitle: string;

  @FenProperty()
  amountFen: number;

  @ApiProperty({ example: '¥100.00' })
  amountDisplay: string;

  @ApiProperty({ description: "the request's name: masked for a person, in full for an organisation", example: '张*' })
  name: string;

  @ApiProperty({ type: [String] })
  orderNos: string[];

  @DateTimeProperty()
  requestedAt: string;

  @NullableStringProperty()
  receiptNo: string | null;

  @NullableStringProperty({ description: 'the PDF, for this browser session' })
  downloadUrl: string | null;
}

export class DonorGiftListView {
  @ApiProperty({ type: () => [DonorGiftView] })
  items: DonorGiftView[];
}

export class LookupLinkView {
  @ApiProperty({ enum: ['accepted'], description: 'the same answer whether or not the address is known' })
  status: 'accepted';

  @ApiProperty()
  message: string;
}
