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
          // The environment only, as the scripts and the tests read it: a .env file the apps
          // alone read would make them disagree (a token signed with another secret).
          ignoreEnvFile: true,
          validate: (raw) => ({ ...validateEnv(raw) }),
        }),
      ],
    };
  }
}
