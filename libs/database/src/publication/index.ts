export * from './publication.repository';
export * from './publication-compiler';
export * from './publication-documents';
export * from './publication-file.repository';
export * from './publication-store.module';
export * from './publication-corrector';
export * from './public-search.repository';
export * from './publication-verifier';
