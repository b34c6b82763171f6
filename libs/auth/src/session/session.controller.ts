import { Body, Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ErrorDto, SignInRateLimit, type Env } from '@spotcheck/common';
import { Access, CurrentUser, Public } from '../decorators';
import { OriginPolicy } from '../origin';
import type { Principal } from '../principal';
import {
  ACCESS_COOKIE,
  REFRESH_COOKIE,
  clearSessionCookies,
  readCookie,
  setSessionCookies,
} from './cookies';
import { ChangePasswordDto, MeDto, SignInDto, SignedInDto } from './session.dto';
import { Client, SessionService, SignedIn } from './session.service';

const clientOf = (req: FastifyRequest): Client => ({
  address: req.ip,
  userAgent: typeof req.headers['user-agent'] === 'string' ? req.headers['user-agent'] : undefined,
});

const answer = (s: SignedIn): SignedInDto => ({
  ...me(s.principal),
  accessExpiresAt: s.accessExpiresAt,
  sessionExpiresAt: s.sessionExpiresAt,
});

const me = (p: Principal): MeDto => ({
  sub: p.sub,
  role: p.role,
  jurisdiction: p.jurisdiction ?? null,
  org: p.org ?? null,
  staffNo: p.staffNo ?? null,
  displayName: p.name ?? null,
  session: p.sid ?? null,
});

/**
 * The handlers take the reply (for its cookies) and read the request from it: `@Req()` would
 * mark them, to the tests that find routes by their parameters, as reading an upload.
 *
 * 登录与会话: signing in with an account's password for a browser on the same origin. The
 * tokens travel only in httpOnly cookies (never in a body a script could read): the access
 * token for /api/v1, the refresh token for /api/v1/auth/refresh only. API clients keep sending
 * `Authorization: Bearer`.
 */
@ApiTags('auth 登录')
@ApiForbiddenResponse({ type: ErrorDto })
@Controller('auth')
export class SessionController {
  private readonly origins: OriginPolicy;

  constructor(
    private readonly sessions: SessionService,
    config: ConfigService<Env, true>,
  ) {
    this.origins = new OriginPolicy(config.get('AUTH_ALLOWED_ORIGINS', { infer: true }) ?? '');
  }

  @Public()
  @SignInRateLimit()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Sign in; sets the session cookies. 403 PASSWORD_CHANGE_REQUIRED for a first password, 423 ACCOUNT_LOCKED after five wrong ones',
  })
  @ApiOkResponse({ type: SignedInDto })
  @ApiUnauthorizedResponse({ type: ErrorDto })
  @ApiTooManyRequestsResponse({ type: ErrorDto })
  async login(
    @Res({ passthrough: true }) reply: FastifyReply,
    @Body() dto: SignInDto,
  ): Promise<SignedInDto> {
    const req = reply.request;
    this.origins.check(req, false);
    const s = await this.sessions.signIn(dto.userName, dto.password, clientOf(req));
    setSessionCookies(req, reply, s);
    return answer(s);
  }

  @Public()
  @SignInRateLimit()
  @Post('password')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Change the password (the only way in while a first password must be changed); signs in with the new one and ends the other sessions',
  })
  @ApiOkResponse({ type: SignedInDto })
  @ApiUnauthorizedResponse({ type: ErrorDto })
  @ApiTooManyRequestsResponse({ type: ErrorDto })
  async password(
    @Res({ passthrough: true }) reply: FastifyReply,
    @Body() dto: ChangePasswordDto,
  ): Promise<SignedInDto> {
    const req = reply.request;
    this.origins.check(req, false);
    const s = await this.sessions.changePassword(
      dto.userName,
      dto.currentPassword,
      dto.newPassword,
      clientOf(req),
    );
    setSessionCookies(req, reply, s);
    return answer(s);
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'New session cookies for the refresh cookie, which is used up; a refresh token used twice ends its session',
  })
  @ApiOkResponse({ type: SignedInDto })
  @ApiUnauthorizedResponse({ type: ErrorDto })
  async refresh(@Res({ passthrough: true }) reply: FastifyReply): Promise<SignedInDto> {
    const req = reply.request;
    this.origins.check(req, true);
    try {
      const s = await this.sessions.refresh(readCookie(req, REFRESH_COOKIE), clientOf(req));
      setSessionCookies(req, reply, s);
      return answer(s);
    } catch (e) {
      clearSessionCookies(req, reply);
      throw e;
    }
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out: ends the session and clears its cookies' })
  @ApiNoContentResponse()
  async logout(@Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    const req = reply.request;
    const access = readCookie(req, ACCESS_COOKIE);
    const refresh = readCookie(req, REFRESH_COOKIE);
    this.origins.check(req, access !== undefined || refresh !== undefined);
    await this.sessions.signOut(access, refresh, clientOf(req));
    clearSessionCookies(req, reply);
  }

  @Access({ regulator: 'own', lab: 'own', enterprise: 'own', admin: 'own' })
  @Get('me')
  @ApiOperation({ summary: 'Who the session cookie or bearer token speaks for' })
  @ApiOkResponse({ type: MeDto })
  @ApiUnauthorizedResponse({ type: ErrorDto })
  me(@CurrentUser() p: Principal): MeDto {
    return me(p);
  }
}
