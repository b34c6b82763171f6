import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Access } from '@spotcheck/auth';
import { Lab } from '@spotcheck/database';
import { LabErrors } from '../api-errors';
import { LabDto } from './lab.dto';
import { LabService } from './lab.service';

/** The signed-in lab's own directory record (accreditation, capacity). */
@ApiTags('lab')
@ApiBearerAuth()
@LabErrors()
@Controller('lab')
export class OwnLabController {
  constructor(private readonly labs: LabService) {}

  @Access({ lab: 'own' })
  @Get()
  @ApiOkResponse({ type: LabDto })
  own(@CurrentUser() p: Principal): Promise<Lab> {
    return this.labs.own(p);
  }
}
