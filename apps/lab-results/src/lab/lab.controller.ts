import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { CurrentUser, Principal, Roles } from '@spotcheck/auth';
import { notFound } from '@spotcheck/common';
import { Lab } from '@spotcheck/database';

/** The signed-in lab's own directory record (accreditation, capacity). */
@ApiTags('lab')
@ApiBearerAuth()
@Roles('lab')
@Controller('lab')
export class OwnLabController {
  constructor(@InjectRepository(Lab) private readonly labs: Repository<Lab>) {}

  @Get()
  async own(@CurrentUser() p: Principal): Promise<Lab> {
    const lab = await this.labs.findOneBy({ id: p.org! }).catch(() => null);
    if (!lab) throw notFound('lab', p.org ?? '');
    return lab;
  }
}
