import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Aggregate receipts (合并开具) and the remaining Art. 6 fields of a receipt record.
 *
 * - `receipt_request_gifts`: the gifts a request holds. An aggregate request lists its orders here
 *   (`held` once the donor proved each with its claim token, or staff approved); a single request's
 *   one gift is kept here by a trigger from `receipt_requests.donation_id`. One partial unique index
 *   (`receipt_request_gifts_held_per_donation`) then keeps a donation on at most one live request of
 *   either kind, whatever races.
 * - `receipt_gifts`: the gifts a receipt record lists (one row for a single cash receipt, written by a
 *   trigger; several for an aggregate, written by the issuer), `live` following the record's status
 *   (a trigger). `receipt_gifts_live_per_donation`: a donation is on at most one live record of
 *   either kind. A deferred check makes an aggregate record list at least two gifts adding up to its
 *   amount.
 * - `aggregate` on requests and records: such a row names no single gift itself.
 * - Art. 6 on the record, kept as issued: `payer_credit_code` (统一社会信用代码 of an organisation),
 *   `reviewer_name` (复核人: the approving staff member, or 系统自动核验), `payee_name` (收款人, from
 *   the campaign's `receipt_payee`).
 */
export class AggregateReceipts1764700000000 implements MigrationInterface {
  name = 'AggregateReceipts1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE receipt_requests ADD COLUMN aggregate boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE receipt_requests DROP CONSTRAINT receipt_requests_gift_when_queued`);
    await q.query(`
      ALTER TABLE receipt_requests ADD CONSTRAINT receipt_requests_gift_when_queued
      CHECK (status NOT IN ('queued', 'issued') OR num_nonnulls(donation_id, in_kind_donation_id) = CASE WHEN aggregate THEN 0 ELSE 1 END)`);
    await q.query(
      `ALTER TABLE receipt_requests ADD CONSTRAINT receipt_requests_aggregate_names_no_gift CHECK (NOT aggregate OR num_nonnulls(donation_id, in_kind_donation_id) = 0)`,
    );
    await q.query(`
      CREATE TABLE receipt_request_gifts (
        request_id uuid NOT NULL REFERENCES receipt_requests (id),
        position smallint NOT NULL CHECK (position BETWEEN 1 AND 50),
        order_no text NOT NULL CHECK (length(order_no) BETWEEN 1 AND 64),
        donation_id uuid REFERENCES donations (id),
        held boolean NOT NULL DEFAULT false,
        PRIMARY KEY (request_id, position),
        CONSTRAINT receipt_request_gifts_order_once UNIQUE (request_id, order_no),
        CHECK (NOT held OR donation_id IS NOT NULL)
      )`);
    await q.query(`CREATE UNIQUE INDEX receipt_request_gifts_held_per_donation ON receipt_request_gifts (donation_id) WHERE held`);
    await q.query(`CREATE INDEX receipt_request_gifts_donation ON receipt_request_gifts (donation_id) WHERE donation_id IS NOT NULL`);
    await q.query(`
      INSERT INTO receipt_request_gifts (request_id, position, order_no, donation_id, held)
      SELECT r.id, 1, d.order_no, d.id, true FROM receipt_requests r JOIN donations d ON d.id = r.donation_id WHERE r.status <> 'rejected'`);
    // A single request holds its one gift here too; an aggregate request lets go of its gifts when rejected.
    await q.query(`
      CREATE FUNCTION receipt_request_gift_holds() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.aggregate THEN
          IF NEW.status = 'rejected' THEN
            UPDATE receipt_request_gifts SET held = false WHERE request_id = NEW.id AND held;
          END IF;
        ELSIF NEW.donation_id IS NULL OR NEW.status = 'rejected' THEN
          DELETE FROM receipt_request_gifts WHERE request_id = NEW.id;
        ELSE
          INSERT INTO receipt_request_gifts (request_id, position, order_no, donation_id, held)
          SELECT NEW.id, 1, d.order_no, d.id, true FROM donations d WHERE d.id = NEW.donation_id
          ON CONFLICT (request_id, position) DO UPDATE SET order_no = EXCLUDED.order_no, donation_id = EXCLUDED.donation_id, held = true;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER receipt_request_gift_holds AFTER INSERT OR UPDATE OF donation_id, status ON receipt_requests
      FOR EACH ROW EXECUTE FUNCTION receipt_request_gift_holds()`);

    await q.query(`
      ALTER TABLE receipts
        ADD COLUMN aggregate boolean NOT NULL DEFAULT false,
        ADD COLUMN payer_credit_code text CHECK (payer_credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
        ADD COLUMN reviewer_name text CHECK (length(reviewer_name) <= 100),
        ADD COLUMN payee_name text CHECK (length(payee_name) <= 100)`);
    await q.query(`ALTER TABLE receipts DROP CONSTRAINT receipts_one_gift`);
    await q.query(
      `ALTER TABLE receipts ADD CONSTRAINT receipts_one_gift CHECK (num_nonnulls(donation_id, in_kind_donation_id) = CASE WHEN aggregate THEN 0 ELSE 1 END)`,
    );
    await q.query(`
      CREATE TABLE receipt_gifts (
        receipt_id uuid NOT NULL REFERENCES receipts (id),
        position smallint NOT NULL CHECK (position BETWEEN 1 AND 50),
        donation_id uuid NOT NULL REFERENCES donations (id),
        amount_fen bigint NOT NULL CHECK (amount_fen > 0),
        donated_at timestamptz NOT NULL,
        live boolean NOT NULL,
        PRIMARY KEY (receipt_id, position),
        CONSTRAINT receipt_gifts_donation_once UNIQUE (receipt_id, donation_id)
      )`);
    await q.query(`CREATE UNIQUE INDEX receipt_gifts_live_per_donation ON receipt_gifts (donation_id) WHERE live`);
    await q.query(`CREATE INDEX receipt_gifts_donation ON receipt_gifts (donation_id)`);
    await q.query(`
      INSERT INTO receipt_gifts (receipt_id, position, donation_id, amount_fen, donated_at, live)
      SELECT id, 1, donation_id, amount_fen, donated_at, status = 'issued' FROM receipts WHERE donation_id IS NOT NULL`);
    await q.query(`
      CREATE FUNCTION receipt_gifts_follow_receipt() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          IF NEW.donation_id IS NOT NULL THEN
            INSERT INTO receipt_gifts (receipt_id, position, donation_id, amount_fen, donated_at, live)
            VALUES (NEW.id, 1, NEW.donation_id, NEW.amount_fen, NEW.donated_at, NEW.status = 'issued');
          END IF;
        ELSIF NEW.status IS DISTINCT FROM OLD.status THEN
          UPDATE receipt_gifts SET live = (NEW.status = 'issued') WHERE receipt_id = NEW.id;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER receipt_gifts_follow_receipt AFTER INSERT OR UPDATE OF status ON receipts
      FOR EACH ROW EXECUTE FUNCTION receipt_gifts_follow_receipt()`);
    // At commit: an aggregate record lists at least two gifts, and they add up to its amount.
    await q.query(`
      CREATE FUNCTION receipt_aggregate_adds_up() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE n integer; total bigint;
      BEGIN
        SELECT count(*), coalesce(sum(amount_fen), 0) INTO n, total FROM receipt_gifts WHERE receipt_id = NEW.id;
        IF n < 2 OR total <> NEW.amount_fen THEN
          RAISE EXCEPTION 'aggregate receipt % lists % gifts adding up to % fen, not %', NEW.receipt_no, n, total, NEW.amount_fen
            USING ERRCODE = 'check_violation', CONSTRAINT = 'receipts_aggregate_adds_up';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER receipts_aggregate_adds_up AFTER INSERT ON receipts DEFERRABLE INITIALLY DEFERRED
      FOR EACH ROW WHEN (NEW.aggregate) EXECUTE FUNCTION receipt_aggregate_adds_up()`);

    await q.query(`ALTER TABLE campaigns ADD COLUMN receipt_payee text CHECK (length(receipt_payee) BETWEEN 1 AND 100)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE campaigns DROP COLUMN receipt_payee`);
    await q.query(`DROP TRIGGER receipts_aggregate_adds_up ON receipts`);
    await q.query(`DROP FUNCTION receipt_aggregate_adds_up`);
    await q.query(`DROP TRIGGER receipt_gifts_follow_receipt ON receipts`);
    await q.query(`DROP FUNCTION receipt_gifts_follow_receipt`);
    await q.query(`DROP TABLE receipt_gifts`);
    await q.query(`ALTER TABLE receipts DROP CONSTRAINT receipts_one_gift`);
    await q.query(`ALTER TABLE receipts ADD CONSTRAINT receipts_one_gift CHECK (num_nonnulls(donation_id, in_kind_donation_id) = 1)`);
    await q.query(`ALTER TABLE receipts DROP COLUMN payee_name, DROP COLUMN reviewer_name, DROP COLUMN payer_credit_code, DROP COLUMN aggregate`);
    await q.query(`DROP TRIGGER receipt_request_gift_holds ON receipt_requests`);
    await q.query(`DROP FUNCTION receipt_request_gift_holds`);
    await q.query(`DROP TABLE receipt_request_gifts`);
    await q.query(`ALTER TABLE receipt_requests DROP CONSTRAINT receipt_requests_aggregate_names_no_gift`);
    await q.query(`ALTER TABLE receipt_requests DROP CONSTRAINT receipt_requests_gift_when_queued`);
    await q.query(`
      ALTER TABLE receipt_requests ADD CONSTRAINT receipt_requests_gift_when_queued
      CHECK (status NOT IN ('queued', 'issued') OR num_nonnulls(donation_id, in_kind_donation_id) = 1)`);
    await q.query(`ALTER TABLE receipt_requests DROP COLUMN aggregate`);
  }
}
