import { Global, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { validateEnv } from './env';

/** ConfigService<Env, true> everywhere, validated once at boot. */
@Global()
@Module({
  imports: [
    ConfigModule.forRoot({
      isGlobal: true,
      cache: true,
      envFilePath: ['.env'],
      validate: (raw) => ({ ...validateEnv(raw) }),
    }),
  ],
})
export class AppConfigModule {}
