import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Access } from '@spotcheck/auth';
import { IdParam } from '@spotcheck/common';
import { LabErrors } from '../api-errors';
import { PutStaffDto, StaffListDto, StaffMemberDto } from './staff.dto';
import { StaffService } from './staff.service';

/** 检验机构人员: who may test, review and sign a lab's reports. */
@ApiTags('lab staff 人员')
@ApiBearerAuth()
@LabErrors()
@Controller()
export class StaffController {
  constructor(private readonly staff: StaffService) {}

  @Access({ lab: 'own', admin: 'any' })
  @Get('labs/:labId/staff')
  @ApiOkResponse({ type: StaffListDto })
  list(@CurrentUser() p: Principal, @IdParam('lab', 'labId') labId: string) {
    return this.staff.list(p, labId);
  }

  /** Creates or replaces a staff member (the JWT `sub` of their lab token). */
  @Access({ lab: 'own', admin: 'any' })
  @Put('labs/:labId/staff/:sub')
  @ApiOkResponse({ type: StaffMemberDto })
  put(
    @CurrentUser() p: Principal,
    @IdParam('lab', 'labId') labId: string,
    @Param('sub') sub: string,
    @Body() dto: PutStaffDto,
  ) {
    return this.staff.put(p, labId, sub, dto);
  }

  /** The signed-in person's own staff record and roles. */
  @Access({ lab: 'own' })
  @Get('lab/staff/me')
  @ApiOkResponse({ type: StaffMemberDto })
  me(@CurrentUser() p: Principal) {
    return this.staff.me(p);
  }
}
