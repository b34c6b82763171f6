import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Env } from '../config/env';
import { BLOB_STORE, LocalDiskBlobStore } from './blob-store';

/** The application's BlobStore: files on local disk under ATTACHMENT_DIR. */
@Module({
  providers: [
    {
      provide: BLOB_STORE,
      inject: [ConfigService],
      useFactory: (config: ConfigService<Env, true>) =>
        new LocalDiskBlobStore(config.get('ATTACHMENT_DIR', { infer: true })),
    },
  ],
  exports: [BLOB_STORE],
})
export class BlobStoreModule {}
