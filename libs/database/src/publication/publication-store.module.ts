import { Module } from '@nestjs/common';
import { PublicationCompiler } from './publication-compiler';
import { PublicationCorrector } from './publication-corrector';
import { PublicationDocuments } from './publication-documents';
import { DatabaseFileStore, PublicationFileStore } from './publication-file.repository';
import { PublicationRepository } from './publication.repository';
import { PublicSearchRepository } from './public-search.repository';
import { PublicationVerifier } from './publication-verifier';

/** The shared SQL, compiling and file store of published lists, for the apps that use them. */
@Module({
  providers: [
    PublicationRepository,
    PublicationCompiler,
    PublicationCorrector,
    PublicationDocuments,
    PublicSearchRepository,
    PublicationVerifier,
    { provide: PublicationFileStore, useClass: DatabaseFileStore },
  ],
  exports: [
    PublicationRepository,
    PublicationCompiler,
    PublicationCorrector,
    PublicationDocuments,
    PublicationFileStore,
    PublicSearchRepository,
    PublicationVerifier,
  ],
})
export class PublicationStoreModule {}
