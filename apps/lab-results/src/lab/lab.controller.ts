import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '@spotcheck/auth';
import { Lab } from '@spotcheck/database';
import { LabService } from './lab.service';

/** The signed-in lab's own directory record (accreditation, capacity). */
@ApiTags('lab')
@ApiBearerAuth()
@Roles('lab')
@Controller('lab')
export class OwnLabController {
  constructor(private readonly labs: LabService) {}

  @Get()
  own(@CurrentUser() p: Principal): Promise<Lab> {
    return this.labs.own(p);
  }
}
