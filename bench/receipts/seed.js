'use strict';
// Seeds a backlog of queued receipt requests on the demo campaign warm-wuhan, through the
// service's own HTTP API (donation, signed sandbox payment notification, receipt request), or for
// a large backlog mostly with SQL: a few donors go through the API and the rest are written in
// bulk as copies of those rows, with their own ids, order numbers, amounts and names and with
// personal data encrypted by the service's PiiCipher under the service's key. The bulk rows are
// the ones the issuing worker reads (donations, receipt_requests) and the outbox rows the API
// writes with them; the payment log and totals rows of the HTTP path are not copied (the worker
// never reads them).
const { createHmac, randomInt, randomUUID } = require('node:crypto');
const path = require('node:path');
const { ROOT } = require('./service-process');

const CAMPAIGN = 'warm-wuhan';
const DIST = path.join(ROOT, 'dist');
const SURNAMES = ['张', '王', '李', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗', '欧阳', '司马'];
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '秀英',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀兰',
  '霞',
  '平',
  '刚',
  '桂英',
  '晓东',
];
const COMPANIES = [
  '武汉市光谷科技有限公司',
  '湖北楚天物流集团股份有限公司',
  '北京温暖互助志愿者协会',
  '中国建筑第八工程局有限公司华中分公司武汉市光谷科技园区第三项目经理部工会委员会',
];

/** The donor and request of backlog item i: deterministic, varied like a real campaign's. */
function donor(i) {
  const { idNumberCheckChar } = require(path.join(DIST, 'common', 'id-number.js'));
  const name = SURNAMES[i % SURNAMES.length] + GIVEN[(i * 7) % GIVEN.length];
  const birth = `19${String(50 + (i % 50)).padStart(2, '0')}${String(1 + (i % 12)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}`;
  const body = `110105${birth}${String(i % 1000).padStart(3, '0')}`;
  // One in ten asks for a receipt made out to their employer; one of those a very long title.
  const invoiceTitle = i % 10 === 9 ? COMPANIES[Math.floor(i / 10) % COMPANIES.length] : name;
  return {
    amountFen: 10_000 + ((i * 7919) % 990_001), // 100.00 (the threshold) to 10,000.00 yuan
    name,
    invoiceTitle,
    idNumber: body + idNumberCheckChar(body),
    phone: `138${String(i).padStart(8, '0')}`,
    email: `donor-${i}@bench.wennuan.example.org`,
    mailingAddress: i % 3 === 0 ? `湖北省武汉市洪山区珞喻路${1 + (i % 2000)}号` : undefined,
  };
}

async function postJson(baseUrl, route, body, headers = {}) {
  const raw = JSON.stringify(body);
  const response = await fetch(`${baseUrl}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: raw,
  });
  const text = await response.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, body: json, text };
}

/** One donor through the API: donation, paid by a signed sandbox notification, receipt request. */
async function seedOneOverHttp(baseUrl, secret, i) {
  const d = donor(i);
  const expect = (res, status, what) => {
    if (res.status !== status) throw new Error(`seeding ${i}: ${what} answered ${res.status}: ${res.text.slice(0, 300)}`);
  };
  const created = await postJson(baseUrl, `/api/campaigns/${CAMPAIGN}/donations`, { amountFen: d.amountFen, channel: 'sandbox', donorName: d.name });
  expect(created, 201, 'POST donations');
  const orderNo = created.body.orderNo;
  const notification = JSON.stringify({ orderNo, transactionId: `SBX-${orderNo}`, amountFen: d.amountFen, paidAt: new Date().toISOString() });
  const signature = `sha256=${createHmac('sha256', secret).update(notification).digest('hex')}`;
  const paid = await fetch(`${baseUrl}/api/payments/sandbox/notify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-signature': signature },
    body: notification,
  });
  const paidText = await paid.text();
  if (paid.status !== 200) throw new Error(`seeding ${i}: sandbox notify answered ${paid.status}: ${paidText.slice(0, 300)}`);
  const requested = await postJson(baseUrl, '/api/receipt-requests', {
    campaignCode: CAMPAIGN,
    orderNo,
    claimToken: created.body.claimToken, // as the donor's page does: only then is it issued at once
    amountFen: d.amountFen,
    donorType: 'individual',
    name: d.name,
    idNumber: d.idNumber,
    invoiceTitle: d.invoiceTitle,
    phone: d.phone,
    email: d.email,
    ...(d.mailingAddress ? { mailingAddress: d.mailingAddress } : {}),
  });
  expect(requested, 201, 'POST receipt-requests');
  if (requested.body.status !== 'queued') throw new Error(`seeding ${i}: request is ${requested.body.status}, not queued`);
  return { orderNo, requestId: requested.body.requestId };
}

async function seedOverHttp(baseUrl, secret, from, to, concurrency) {
  let next = from;
  const lane = async () => {
    while (next < to) {
      const i = next;
      next += 1;
      await seedOneOverHttp(baseUrl, secret, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, to - from) }, lane));
}

/** Columns of a table in order, so copies keep whatever columns the migrations made. */
async function columnsOf(db, table) {
  const { rows } = await db.query(
    `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position`,
    [table],
  );
  return rows.map((row) => row.column_name);
}

/** INSERT … SELECT copying the template row t, with the given columns taken from expressions. */
function copyStatement(table, columns, overrides, from) {
  for (const column of Object.keys(overrides)) {
    if (!columns.includes(column)) throw new Error(`${table} has no column ${column}: the seeding is out of date with the schema`);
  }
  const quoted = columns.map((c) => `"${c}"`).join(', ');
  const values = columns.map((c) => overrides[c] ?? `t."${c}"`).join(', ');
  return `INSERT INTO ${table} (${quoted}) SELECT ${values} FROM ${from}`;
}

function orderNumbers(prefix, count, taken) {
  const beijing = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
  const numbers = [];
  while (numbers.length < count) {
    const orderNo = `${prefix}${beijing}${String(randomInt(0, 100_000)).padStart(5, '0')}${String(randomInt(0, 100_000)).padStart(5, '0')}`;
    if (taken.has(orderNo)) continue;
    taken.add(orderNo);
    numbers.push(orderNo);
  }
  return numbers;
}

/** Backlog items [from, to) as copies of the API-seeded template donor `template`. */
async function seedWithSql(db, template, from, to, batchSize = 1000) {
  const { PiiCipher } = require(path.join(DIST, 'common', 'pii-cipher.js'));
  const { DEV_PII_KEY } = require(path.join(DIST, 'config', 'app-config.js'));
  const { TOTALS_TIME_ZONE } = require(path.join(DIST, 'totals', 'totals-shards.js'));
  // The service's key when PII_ENCRYPTION_KEY is unset (development), as the bench runs it.
  const key = Buffer.from(DEV_PII_KEY, 'base64');
  const pii = new PiiCipher({ activeKey: key, indexKey: key });

  const donationColumns = await columnsOf(db, 'donations');
  const requestColumns = await columnsOf(db, 'receipt_requests');
  const {
    rows: [tpl],
  } = await db.query(
    `SELECT d.id AS donation_id, d.order_no, r.id AS request_id, c.receipt_prefix
       FROM receipt_requests r JOIN donations d ON d.id = r.donation_id JOIN campaigns c ON c.id = r.campaign_id
      WHERE d.order_no = $1`,
    [template.orderNo],
  );
  if (!tpl) throw new Error(`template donation ${template.orderNo} not found`);
  const { rows: existing } = await db.query('SELECT order_no FROM donations');
  const taken = new Set(existing.map((row) => row.order_no));

  const insertDonations = copyStatement(
    'donations',
    donationColumns,
    {
      id: 'v.id',
      order_no: 'v.order_no',
      amount_fen: 'v.amount_fen',
      donor_name: 'v.donor_name',
      donor_key: `'order:' || v.order_no`,
      // A claim token is one donation's own (unique): the copies' requests are already matched.
      claim_token_hash: 'NULL',
      payment_instructions: `jsonb_set(t.payment_instructions, '{checkoutUrl}', to_jsonb(replace(t.payment_instructions->>'checkoutUrl', t.order_no, v.order_no)))`,
    },
    `donations t, unnest($1::uuid[], $2::text[], $3::bigint[], $4::text[]) AS v(id, order_no, amount_fen, donor_name) WHERE t.id = $5`,
  );
  const insertRequests = copyStatement(
    'receipt_requests',
    requestColumns,
    {
      id: 'v.id',
      donation_id: 'v.donation_id',
      order_no: 'v.order_no',
      amount_fen: 'v.amount_fen',
      name: 'v.name',
      invoice_title: 'v.invoice_title',
      id_number_enc: 'v.id_number_enc',
      id_number_hash: 'v.id_number_hash',
      phone_enc: 'v.phone_enc',
      phone_hash: 'v.phone_hash',
      email_enc: 'v.email_enc',
      email_hash: 'v.email_hash',
      mailing_address_enc: 'v.mailing_address_enc',
    },
    `receipt_requests t, unnest($1::uuid[], $2::uuid[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[])
      AS v(id, donation_id, order_no, amount_fen, name, invoice_title, id_number_enc, id_number_hash, phone_enc, phone_hash, email_enc, email_hash, mailing_address_enc)
      WHERE t.id = $14`,
  );

  for (let start = from; start < to; start += batchSize) {
    const end = Math.min(to, start + batchSize);
    const count = end - start;
    const items = Array.from({ length: count }, (_, k) => donor(start + k));
    const donationIds = items.map(() => randomUUID());
    const requestIds = items.map(() => randomUUID());
    const orderNos = orderNumbers(tpl.receipt_prefix, count, taken);
    const email = items.map((d) => d.email.toLowerCase());
    await db.query('BEGIN');
    try {
      await db.query(insertDonations, [donationIds, orderNos, items.map((d) => d.amountFen), items.map((d) => d.name), tpl.donation_id]);
      await db.query(insertRequests, [
        requestIds,
        donationIds,
        orderNos,
        items.map((d) => d.amountFen),
        items.map((d) => d.name),
        items.map((d) => d.invoiceTitle),
        items.map((d) => pii.encrypt(d.idNumber)),
        items.map((d) => pii.blindIndex(`id:${d.idNumber}`)),
        items.map((d) => pii.encrypt(d.phone)),
        items.map((d) => pii.blindIndex(`phone:${d.phone}`)),
        email.map((e) => pii.encrypt(e)),
        email.map((e) => pii.blindIndex(`email:${e}`)),
        items.map((d) => (d.mailingAddress ? pii.encrypt(d.mailingAddress) : null)),
        tpl.request_id,
      ]);
      // The totals counters and donor rows the payments would have counted, so the reconciler
      // (every minute in a worker) finds the ledger and the counters equal, as in production.
      await db.query(
        `WITH copied AS (SELECT campaign_id, fund_id, donor_key, paid_at, amount_fen FROM donations WHERE id = ANY($1::uuid[])),
         donors AS (
           INSERT INTO campaign_donors (campaign_id, donor_key, first_paid_at)
           SELECT campaign_id, donor_key, min(paid_at) FROM copied GROUP BY 1, 2 ON CONFLICT DO NOTHING RETURNING 1
         ), total AS (
           INSERT INTO campaign_counters AS c (campaign_id, shard, donation_count, donor_count, amount_fen)
           SELECT campaign_id, 0, count(*), (SELECT count(*) FROM donors), sum(amount_fen) FROM copied GROUP BY campaign_id
           ON CONFLICT (campaign_id, shard) DO UPDATE SET donation_count = c.donation_count + EXCLUDED.donation_count,
             donor_count = c.donor_count + EXCLUDED.donor_count, amount_fen = c.amount_fen + EXCLUDED.amount_fen
         ), fund AS (
           INSERT INTO campaign_fund_counters AS f (fund_id, shard, donation_count, amount_fen)
           SELECT fund_id, 0, count(*), sum(amount_fen) FROM copied WHERE fund_id IS NOT NULL GROUP BY fund_id
           ON CONFLICT (fund_id, shard) DO UPDATE SET donation_count = f.donation_count + EXCLUDED.donation_count, amount_fen = f.amount_fen + EXCLUDED.amount_fen
         )
         INSERT INTO campaign_daily_counters AS d (campaign_id, day, shard, donation_count, amount_fen)
         SELECT campaign_id, (paid_at AT TIME ZONE '${TOTALS_TIME_ZONE}')::date, 0, count(*), sum(amount_fen) FROM copied GROUP BY 1, 2
         ON CONFLICT (campaign_id, day, shard) DO UPDATE SET donation_count = d.donation_count + EXCLUDED.donation_count, amount_fen = d.amount_fen + EXCLUDED.amount_fen`,
        [donationIds],
      );
      // The outbox rows the API writes in the same transaction as each queued request.
      await db.query(
        `INSERT INTO outbox (queue, job_name, payload)
         SELECT 'receipts', 'issue-receipt', jsonb_build_object('requestId', id, 'issueKey', 'request:' || id)
           FROM unnest($1::uuid[]) WITH ORDINALITY AS v(id, n) ORDER BY n`,
        [requestIds],
      );
      await db.query('COMMIT');
    } catch (error) {
      await db.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }
}

/**
 * Seeds backlog items [0, count): all through the API (mode 'http'), or the first `httpCount`
 * through the API and the rest with SQL (mode 'sql').
 */
async function seedBacklog({ baseUrl, secret, db, count, mode, httpConcurrency, httpCount = 20 }) {
  const viaHttp = mode === 'http' ? count : Math.min(count, httpCount);
  await seedOverHttp(baseUrl, secret, 0, viaHttp, httpConcurrency);
  if (viaHttp < count) {
    const {
      rows: [template],
    } = await db.query(`SELECT d.order_no AS "orderNo" FROM receipt_requests r JOIN donations d ON d.id = r.donation_id ORDER BY r.created_at LIMIT 1`);
    await seedWithSql(db, template, viaHttp, count);
    // Statistics as autovacuum would have them by the time a real backlog of this size is worked
    // off: the planner otherwise plans every statement of the round for the 20 rows seeded first.
    await db.query('ANALYZE');
  }
  return { viaHttp, viaSql: count - viaHttp };
}

module.exports = { CAMPAIGN, donor, seedBacklog };
