'use strict';
// Payments per second: through the service (sandbox notifications settling pending orders, the
// counters written in the ledger's transaction) and, as baselines, raw PostgreSQL writes of a
// payment row by this script: alone, with one hot counter row, and with sharded counter rows.
const crypto = require('node:crypto');
const { Pool } = require('pg');

/** The service's own pool size (src/database/data-source.ts): the raw baselines get the same. */
const POOL_SIZE = 20;
const SHARDS = 16;

async function concurrently(count, clients, task) {
  let next = 0;
  const latencies = [];
  let errors = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = next++; i < count; i = next++) {
        const t0 = process.hrtime.bigint();
        try {
          await task(i);
        } catch (error) {
          errors += 1;
          if (errors <= 3) console.error(`payment ${i} failed: ${error.message}`);
        }
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  const pick = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return { count, seconds, perSecond: count / seconds, p50: pick(0.5), p99: pick(0.99), errors };
}

async function post(url, body, headers = {}) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${url} answered ${res.status}: ${text.slice(0, 200)}`);
  return text ? JSON.parse(text) : null;
}

/** Pending orders made beforehand (not timed), one distinct donor in three. */
async function createOrders(baseUrl, code, count, clients) {
  const orders = new Array(count);
  await concurrently(count, clients, async (i) => {
    const amountFen = 1 + ((i * 7919) % 100_000);
    const phone = i % 3 === 0 ? { phone: `138${String(i % 100_000).padStart(8, '0')}` } : {};
    const body = await post(`${baseUrl}/api/campaigns/${code}/donations`, JSON.stringify({ amountFen, channel: 'sandbox', ...phone }));
    orders[i] = { orderNo: body.orderNo, amountFen };
  });
  return orders;
}

function payThroughService(baseUrl, orders, clients, secret) {
  return concurrently(orders.length, clients, async (i) => {
    const raw = JSON.stringify({
      orderNo: orders[i].orderNo,
      transactionId: `BENCH-${orders[i].orderNo}`,
      amountFen: orders[i].amountFen,
      paidAt: new Date().toISOString(),
    });
    const signature = `sha256=${crypto.createHmac('sha256', secret).update(raw).digest('hex')}`;
    await post(`${baseUrl}/api/payments/sandbox/notify`, raw, { 'x-signature': signature });
  });
}

const RAW_VARIANTS = {
  insert: 'INSERT only (autocommit)',
  hot: 'INSERT + one hot counter row (one transaction)',
  sharded: `INSERT + one of ${SHARDS} counter rows (one transaction)`,
  ledger: "the ledger's transaction, without counters",
  ledgerCounted: "the ledger's transaction with the service's counter statement",
};

/**
 * Pending orders written straight into the donations table (not timed), for the raw ledger
 * variants: one campaign of their own, so the service campaign's totals stay comparable.
 */
async function createRawOrders(pool, campaignCode, count, tag) {
  const {
    rows: [campaign],
  } = await pool.query(`SELECT id FROM campaigns WHERE code = $1`, [campaignCode]);
  const { rows } = await pool.query(
    `INSERT INTO donations (order_no, campaign_id, channel, amount_fen, status, donor_key)
     SELECT 'RAW' || $2 || '-' || i, $1, 'sandbox', 1 + (i * 7919) % 100000, 'pending', 'order:RAW' || $2 || '-' || i
       FROM generate_series(1, $3) AS i RETURNING order_no`,
    [campaign.id, tag, count],
  );
  return rows.map((r) => r.order_no);
}

/**
 * The statements of DonationLedgerService.confirmPayment, by hand, with or without the service's own
 * counter statement (the compiled TotalsCounters from dist/): what keeping totals live costs in SQL.
 */
function payRawLedger(pool, orderNos, clients, withCounters) {
  const { TotalsCounters } = require('../../dist/totals/totals-counters');
  const { TotalsCountersRepository } = require('../../dist/totals/totals-counters.repository');
  const counters = new TotalsCounters(new TotalsCountersRepository());
  return concurrently(orderNos.length, clients, async (i) => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const {
        rows: [d],
      } = await client.query(`SELECT id, campaign_id, amount_fen, status, donor_key FROM donations WHERE order_no = $1 FOR UPDATE`, [orderNos[i]]);
      const transactionId = `RAW-${orderNos[i]}`;
      const { rows: known } = await client.query(`SELECT id FROM payments WHERE provider = 'sandbox' AND transaction_id = $1`, [transactionId]);
      if (known.length === 0 && d.status === 'pending') {
        const paidAt = new Date();
        await client.query(
          `INSERT INTO payments (donation_id, provider, transaction_id, amount_fen, applied, paid_at) VALUES ($1, 'sandbox', $2, $3, true, $4)`,
          [d.id, transactionId, d.amount_fen, paidAt],
        );
        await client.query(`UPDATE donations SET status = 'paid', paid_at = $2, updated_at = now() WHERE id = $1`, [d.id, paidAt]);
        if (withCounters) {
          const manager = { query: (sql, params) => client.query(sql, params).then((r) => r.rows) };
          await counters.countPaid(manager, { campaignId: d.campaign_id, donorKey: d.donor_key, amountFen: Number(d.amount_fen), paidAt });
        }
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  });
}

async function prepareRaw(databaseUrl) {
  const pool = new Pool({ connectionString: databaseUrl, max: POOL_SIZE });
  await pool.query(
    `CREATE TABLE IF NOT EXISTS bench_payments (id bigserial PRIMARY KEY, campaign_id uuid NOT NULL, transaction_id text NOT NULL UNIQUE, amount_fen bigint NOT NULL, paid_at timestamptz NOT NULL)`,
  );
  await pool.query(
    `CREATE TABLE IF NOT EXISTS bench_counters (campaign_id uuid NOT NULL, shard int NOT NULL, n bigint NOT NULL, fen bigint NOT NULL, PRIMARY KEY (campaign_id, shard))`,
  );
  return pool;
}

function payRaw(pool, variant, count, clients) {
  const campaign = crypto.randomUUID();
  return concurrently(count, clients, async (i) => {
    const values = [campaign, `RAW-${variant}-${campaign}-${i}`, 1 + ((i * 7919) % 100_000)];
    if (variant === 'insert') {
      await pool.query(`INSERT INTO bench_payments (campaign_id, transaction_id, amount_fen, paid_at) VALUES ($1, $2, $3, now())`, values);
      return;
    }
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`INSERT INTO bench_payments (campaign_id, transaction_id, amount_fen, paid_at) VALUES ($1, $2, $3, now())`, values);
      const shard = variant === 'hot' ? 0 : crypto.randomInt(SHARDS);
      await client.query(
        `INSERT INTO bench_counters AS c (campaign_id, shard, n, fen) VALUES ($1, $2, 1, $3)
         ON CONFLICT (campaign_id, shard) DO UPDATE SET n = c.n + 1, fen = c.fen + EXCLUDED.fen`,
        [campaign, shard, values[2]],
      );
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  });
}

module.exports = { POOL_SIZE, RAW_VARIANTS, createOrders, createRawOrders, payThroughService, payRawLedger, prepareRaw, payRaw };
