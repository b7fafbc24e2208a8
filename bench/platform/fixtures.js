'use strict';
// What every variant serves and accepts, so the three servers differ only in the platform.

// Shape of GET /api/campaigns/:code/totals (docs/API.md), fixed; about 300 bytes of JSON.
const campaignTotals = Object.freeze({
  donorCount: 18423,
  donationCount: 20117,
  amountFen: 386_251_900,
  todayAmountFen: 12_480_500,
  goalFen: 500_000_000,
  disbursedFen: 120_000_000,
  inKind: [{ itemCode: 'TENT-4P', name: '四人帐篷', unit: '顶', receivedQuantity: 1200, distributedQuantity: 860 }],
  updatedAt: '2025-01-07T09:30:00.000Z',
});

const CHANNELS = ['sandbox', 'wechatpay'];
const MAX_AMOUNT_FEN = 100_000_000;
const MAX_DONOR_NAME_LENGTH = 50;

// The body autocannon posts; valid in every variant.
const sampleDonation = { amountFen: 5000, channel: 'wechatpay', donorName: '张三' };

let sequence = 0;
// The 201 body of POST /api/campaigns/:code/donations; cheap and identical in every variant.
function acceptedDonation(input) {
  sequence += 1;
  return {
    orderNo: `D${String(sequence).padStart(12, '0')}`,
    status: 'pending',
    amountFen: input.amountFen,
    payment: { provider: input.channel },
  };
}

module.exports = {
  campaignTotals,
  CHANNELS,
  MAX_AMOUNT_FEN,
  MAX_DONOR_NAME_LENGTH,
  sampleDonation,
  acceptedDonation,
};
