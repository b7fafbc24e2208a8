import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The openid of the WeChat user a JSAPI order was made for (inside WeChat, after the silent OAuth).
 * Personal data: ciphertext only (PII cipher), never shown or logged. An order keeps the openid it
 * was prepaid for, so another WeChat account cannot take the order over.
 */
export class WechatPayerOpenid1764300000000 implements MigrationInterface {
  name = 'WechatPayerOpenid1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE donations ADD COLUMN payer_openid_enc text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE donations DROP COLUMN payer_openid_enc`);
  }
}
