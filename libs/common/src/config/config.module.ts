import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { validateEnv } from './env';

/**
 * ConfigService<Env, true> everywhere, validated once at boot. `forRoot()` reads the
 * environment when the app module is loaded, not when this library is imported.
 */
@Module({})
export class AppConfigModule {
  static forRoot(): DynamicModule {
    return {
      module: AppConfigModule,
      global: true,
      imports: [
        ConfigModule.forRoot({
          isGlobal: true,
          cache: true,
          envFilePath: ['.env'],
          validate: (raw) => ({ ...validateEnv(raw) }),
        }),
      ],
    };
  }
}
