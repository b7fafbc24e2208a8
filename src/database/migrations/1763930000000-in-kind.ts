import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * In-kind donations. The invariants are constraints:
 * - a pledge line never has more inspected (accepted + rejected) than pledged;
 * - stock per campaign and item never goes below zero (a CHECK, so no race can oversell);
 * - stock movements are append-only and each names its cause (inspection, distribution, or a reason),
 *   so stock can always be recomputed from them;
 * - an inspection or distribution is made once per Idempotency-Key.
 * Receipts gain an optional in-kind gift: a request or receipt names exactly one gift, cash or goods,
 * and a gift of goods has at most one live request and one live receipt, like cash.
 *
 * The catalogue is seeded with the goods the foundation listed in February 2020 (温暖武汉), with the
 * standard in force then for medical-grade goods; rows are never renamed, only added.
 */
export class InKind1763930000000 implements MigrationInterface {
  name = 'InKind1763930000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE in_kind_items (
        code text PRIMARY KEY CHECK (code ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
        name text NOT NULL CONSTRAINT in_kind_items_name_key UNIQUE CHECK (length(name) BETWEEN 1 AND 60),
        category text NOT NULL CHECK (category IN ('防护类', '消毒类', '诊断类', '其他')),
        unit text NOT NULL CHECK (length(unit) BETWEEN 1 AND 8),
        standard text CHECK (length(standard) <= 200),
        note text CHECK (length(note) <= 500),
        sort_order integer NOT NULL DEFAULT 1000,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE in_kind_donations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        campaign_id uuid NOT NULL REFERENCES campaigns(id),
        donor_name text NOT NULL CHECK (length(donor_name) BETWEEN 1 AND 100),
        donor_type text NOT NULL CHECK (donor_type IN ('individual', 'organization')),
        phone_enc text,
        phone_hash text,
        note text CHECK (length(note) <= 500),
        status text NOT NULL DEFAULT 'pledged' CHECK (status IN ('pledged', 'received')),
        first_received_at timestamptz,
        last_received_at timestamptz,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((phone_enc IS NULL) = (phone_hash IS NULL)),
        CHECK ((status = 'received') = (last_received_at IS NOT NULL)),
        CHECK ((first_received_at IS NULL) = (last_received_at IS NULL))
      )`);
    await q.query(`CREATE INDEX in_kind_donations_campaign_idx ON in_kind_donations (campaign_id, created_at DESC)`);

    await q.query(`
      CREATE TABLE in_kind_donation_lines (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        in_kind_donation_id uuid NOT NULL REFERENCES in_kind_donations(id),
        item_code text NOT NULL REFERENCES in_kind_items(code),
        quantity bigint NOT NULL CHECK (quantity > 0),
        valuation_fen bigint CHECK (valuation_fen >= 0),
        spec text CHECK (length(spec) <= 200),
        batch text CHECK (length(batch) <= 64),
        expires_on date,
        accepted_quantity bigint NOT NULL DEFAULT 0 CHECK (accepted_quantity >= 0),
        rejected_quantity bigint NOT NULL DEFAULT 0 CHECK (rejected_quantity >= 0),
        CONSTRAINT in_kind_donation_lines_item_key UNIQUE (in_kind_donation_id, item_code),
        CONSTRAINT in_kind_donation_lines_within_pledge CHECK (accepted_quantity + rejected_quantity <= quantity)
      )`);

    await q.query(`
      CREATE TABLE in_kind_inspections (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        in_kind_donation_id uuid NOT NULL REFERENCES in_kind_donations(id),
        idempotency_key text,
        request_hash text,
        inspected_by uuid,
        inspected_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT in_kind_inspections_idempotency_key UNIQUE (in_kind_donation_id, idempotency_key),
        CHECK ((idempotency_key IS NULL) = (request_hash IS NULL))
      )`);
    await q.query(`CREATE INDEX in_kind_inspections_donation_idx ON in_kind_inspections (in_kind_donation_id, inspected_at)`);
    await q.query(`
      CREATE TABLE in_kind_inspection_lines (
        inspection_id uuid NOT NULL REFERENCES in_kind_inspections(id),
        item_code text NOT NULL REFERENCES in_kind_items(code),
        accepted_quantity bigint NOT NULL CHECK (accepted_quantity >= 0),
        rejected_quantity bigint NOT NULL CHECK (rejected_quantity >= 0),
        reason text CHECK (length(reason) <= 200),
        PRIMARY KEY (inspection_id, item_code),
        CHECK (accepted_quantity + rejected_quantity > 0)
      )`);

    await q.query(`
      CREATE TABLE distributions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        campaign_id uuid NOT NULL REFERENCES campaigns(id),
        recipient text NOT NULL CHECK (length(recipient) BETWEEN 1 AND 200),
        note text CHECK (length(note) <= 500),
        idempotency_key text,
        request_hash text,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT distributions_idempotency_key UNIQUE (campaign_id, idempotency_key),
        CHECK ((idempotency_key IS NULL) = (request_hash IS NULL))
      )`);
    await q.query(`CREATE INDEX distributions_campaign_idx ON distributions (campaign_id, created_at DESC)`);

    await q.query(`
      CREATE TABLE in_kind_stock (
        campaign_id uuid NOT NULL REFERENCES campaigns(id),
        item_code text NOT NULL REFERENCES in_kind_items(code),
        received_quantity bigint NOT NULL DEFAULT 0 CHECK (received_quantity >= 0),
        distributed_quantity bigint NOT NULL DEFAULT 0 CHECK (distributed_quantity >= 0),
        adjusted_quantity bigint NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (campaign_id, item_code),
        CONSTRAINT in_kind_stock_not_negative CHECK (received_quantity + adjusted_quantity - distributed_quantity >= 0)
      )`);
    await q.query(`
      CREATE TABLE in_kind_stock_movements (
        id bigserial PRIMARY KEY,
        campaign_id uuid NOT NULL,
        item_code text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('received', 'distributed', 'adjusted')),
        quantity bigint NOT NULL CHECK (quantity <> 0),
        inspection_id uuid REFERENCES in_kind_inspections(id),
        distribution_id uuid REFERENCES distributions(id),
        reason text CHECK (length(reason) <= 200),
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (campaign_id, item_code) REFERENCES in_kind_stock(campaign_id, item_code),
        CHECK ((kind = 'received') = (inspection_id IS NOT NULL)),
        CHECK ((kind = 'distributed') = (distribution_id IS NOT NULL)),
        CHECK (kind <> 'received' OR quantity > 0),
        CHECK (kind <> 'distributed' OR quantity < 0),
        CHECK (kind <> 'adjusted' OR reason IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX in_kind_stock_movements_item_idx ON in_kind_stock_movements (campaign_id, item_code, id)`);
    await q.query(`CREATE INDEX in_kind_stock_movements_distribution_idx ON in_kind_stock_movements (distribution_id) WHERE distribution_id IS NOT NULL`);
    // Movements are the evidence stock is recomputed from: added, never changed or removed.
    await q.query(`
      CREATE FUNCTION in_kind_stock_movements_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'in_kind_stock_movements is append-only'; END $$`);
    await q.query(`
      CREATE TRIGGER in_kind_stock_movements_no_change BEFORE UPDATE OR DELETE ON in_kind_stock_movements
      FOR EACH ROW EXECUTE FUNCTION in_kind_stock_movements_append_only()`);
    await q.query(`
      CREATE TRIGGER in_kind_stock_movements_no_truncate BEFORE TRUNCATE ON in_kind_stock_movements
      FOR EACH STATEMENT EXECUTE FUNCTION in_kind_stock_movements_append_only()`);

    await this.seedCatalogue(q);
    await this.extendReceipts(q);
  }

  /** The foundation's list (温暖武汉, 2020-02-01), in its order; standards as in force in February 2020. */
  private async seedCatalogue(q: QueryRunner): Promise<void> {
    const items: [code: string, name: string, category: string, unit: string, standard: string | null, note: string | null][] = [
      ['medical-protective-mask', '医用防护口罩', '防护类', '只', 'GB 19083-2010', '医用防护口罩技术要求'],
      ['surgical-mask', '医用外科口罩', '防护类', '只', 'YY 0469-2011', null],
      ['disposable-medical-mask', '一次性医用口罩', '防护类', '只', 'YY/T 0969-2013', '一次性使用医用口罩'],
      ['n95-respirator', 'N95口罩', '防护类', '只', 'NIOSH 42 CFR Part 84 (N95)', '国产同级为 GB 2626 KN95；用于医疗须另符合 GB 19083-2010'],
      ['protective-clothing', '防护服', '防护类', '套', 'GB 19082-2009', '医用一次性防护服技术要求'],
      ['goggles', '护目镜', '防护类', '副', 'GB 14866-2006', '个人用眼护具技术要求'],
      ['medical-cap', '医用帽', '防护类', '只', 'YY/T 1642-2019', '一次性使用医用防护帽'],
      ['surgical-gown', '手术衣', '防护类', '件', 'YY/T 0506.2-2016', '手术单、手术衣和洁净服 第2部分：性能要求和试验方法'],
      ['impact-eye-shield', '防冲击眼罩', '防护类', '副', 'GB 14866-2006', '个人用眼护具技术要求（抗冲击）'],
      ['face-shield', '防护面罩', '防护类', '个', 'GB 14866-2006', '个人用眼护具技术要求（面罩）'],
      ['medical-gloves', '乳胶手套/丁腈手套', '防护类', '副', 'GB 10213-2006', '一次性使用医用橡胶检查手套；外科手套为 GB 7543-2006'],
      ['shoe-covers', '鞋套/靴套', '防护类', '双', 'YY/T 1633-2019', '一次性使用医用防护鞋套'],
      ['hand-sanitizer', '速干手消毒液', '消毒类', '瓶', 'GB 27950-2011', '手消毒剂卫生要求'],
      ['chlorine-disinfectant', '84消毒液/消毒泡腾片', '消毒类', '瓶', 'GB/T 36758-2018', '含氯消毒剂卫生要求；泡腾片按瓶计，规格注明每瓶片数'],
      ['infrared-thermometer', '手持红外体温测试仪', '诊断类', '个', null, '医疗器械，查验注册证'],
      ['diagnostic-reagent', '诊断试剂', '诊断类', '人份', null, '体外诊断试剂，查验国家药监局注册证（含应急审批）'],
      ['kn95-respirator', 'KN95口罩', '防护类', '只', 'GB 2626-2006 (KN95)', '呼吸防护用品；GB 2626-2019 自 2020-07-01 实施'],
      ['ethanol-disinfectant', '75%酒精消毒液', '消毒类', '瓶', 'GB 26373-2010', '乙醇消毒剂卫生标准'],
    ];
    for (const [index, [code, name, category, unit, standard, note]] of items.entries()) {
      await q.query(`INSERT INTO in_kind_items (code, name, category, unit, standard, note, sort_order) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
        code,
        name,
        category,
        unit,
        standard,
        note,
        (index + 1) * 10,
      ]);
    }
  }

  /** A request or receipt names exactly one gift: a cash donation or an in-kind donation. */
  private async extendReceipts(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE receipt_requests ADD COLUMN in_kind_donation_id uuid REFERENCES in_kind_donations(id)`);
    await q.query(`ALTER TABLE receipt_requests ADD CONSTRAINT receipt_requests_one_gift CHECK (donation_id IS NULL OR in_kind_donation_id IS NULL)`);
    // The receipts migration's unnamed CHECK (queued or issued requires donation_id) becomes "requires a gift".
    await q.query(`
      DO $$
      DECLARE c record;
      BEGIN
        FOR c IN SELECT conname FROM pg_constraint
                  WHERE conrelid = 'receipt_requests'::regclass AND contype = 'c'
                    AND pg_get_constraintdef(oid) LIKE '%status%queued%issued%donation_id IS NOT NULL%'
        LOOP
          EXECUTE format('ALTER TABLE receipt_requests DROP CONSTRAINT %I', c.conname);
        END LOOP;
      END $$`);
    await q.query(`
      ALTER TABLE receipt_requests ADD CONSTRAINT receipt_requests_gift_when_queued
      CHECK (status NOT IN ('queued', 'issued') OR num_nonnulls(donation_id, in_kind_donation_id) = 1)`);
    await q.query(`
      CREATE UNIQUE INDEX receipt_requests_live_per_in_kind_donation ON receipt_requests (in_kind_donation_id)
      WHERE in_kind_donation_id IS NOT NULL AND status <> 'rejected'`);

    await q.query(`ALTER TABLE receipts ADD COLUMN in_kind_donation_id uuid REFERENCES in_kind_donations(id)`);
    await q.query(`ALTER TABLE receipts ALTER COLUMN donation_id DROP NOT NULL`);
    await q.query(`ALTER TABLE receipts ADD CONSTRAINT receipts_one_gift CHECK (num_nonnulls(donation_id, in_kind_donation_id) = 1)`);
    await q.query(`CREATE UNIQUE INDEX receipts_live_per_in_kind_donation ON receipts (in_kind_donation_id) WHERE status = 'issued'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX receipts_live_per_in_kind_donation`);
    await q.query(`ALTER TABLE receipts DROP CONSTRAINT receipts_one_gift`);
    await q.query(`ALTER TABLE receipts ALTER COLUMN donation_id SET NOT NULL`);
    await q.query(`ALTER TABLE receipts DROP COLUMN in_kind_donation_id`);
    await q.query(`DROP INDEX receipt_requests_live_per_in_kind_donation`);
    await q.query(`ALTER TABLE receipt_requests DROP CONSTRAINT receipt_requests_gift_when_queued`);
    await q.query(`ALTER TABLE receipt_requests ADD CHECK (status NOT IN ('queued', 'issued') OR donation_id IS NOT NULL)`);
    await q.query(`ALTER TABLE receipt_requests DROP CONSTRAINT receipt_requests_one_gift`);
    await q.query(`ALTER TABLE receipt_requests DROP COLUMN in_kind_donation_id`);
    await q.query(`DROP TABLE in_kind_stock_movements`);
    await q.query(`DROP FUNCTION in_kind_stock_movements_append_only`);
    await q.query(`DROP TABLE in_kind_stock`);
    await q.query(`DROP TABLE distributions`);
    await q.query(`DROP TABLE in_kind_inspection_lines`);
    await q.query(`DROP TABLE in_kind_inspections`);
    await q.query(`DROP TABLE in_kind_donation_lines`);
    await q.query(`DROP TABLE in_kind_donations`);
    await q.query(`DROP TABLE in_kind_items`);
  }
}
