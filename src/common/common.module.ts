import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { PiiCipher } from './pii-cipher';
import { StorageDir } from './storage-dir';

/**
 * The one place personal data keys are turned into a cipher (inject PiiCipher where PII is read or
 * written), and the one way files under STORAGE_DIR are written and read (StorageDir).
 */
@Global()
@Module({
  providers: [
    {
      provide: PiiCipher,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        new PiiCipher({ activeKey: config.piiEncryptionKey, previousKeys: config.piiPreviousKeys, indexKey: config.piiIndexKey }),
    },
    StorageDir,
  ],
  exports: [PiiCipher, StorageDir],
})
export class CommonModule {}
