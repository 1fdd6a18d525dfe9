import { Get, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { contractDecider, contractStream, type ContractState } from '@caretrail/domain';
import type { Response } from 'express';
import { readAccess } from '../../access/read-access.policy';
import type { Identity } from '../../identity/identity';
import { RecordReader } from '../../resources/shared/record-reader';
import { confirmContractForm, type ContractRecord } from '../forms/contract.forms';
import { FormHandler } from '../forms/form-handler';
import type { FormScope } from '../forms/web-form';
import { RecordNames } from '../read/record-names';
import { londonToday } from '../rendering/date-format';
import { WebIdentity } from '../session/web-identity.decorator';
import type { WebRequest } from '../session/web-session';
import { WebController } from './web-controller.decorator';

const Id = () => Param('contractId', ParseUUIDPipe);

/** `/app/contracts/:id/confirm`: the provider confirms an award made to it (docs/contracts.md). */
@WebController()
export class ContractPagesController {
  constructor(
    private readonly records: RecordReader,
    private readonly names: RecordNames,
    private readonly forms: FormHandler,
  ) {}

  @Get('contracts/:contractId/confirm')
  async show(@Id() id: string, @WebIdentity() who: Identity, @Req() req: WebRequest, @Res() res: Response) {
    this.forms.show(req, res, confirmContractForm, await this.scope(who, id));
  }

  @Post('contracts/:contractId/confirm')
  async submit(@Id() id: string, @WebIdentity() who: Identity, @Req() req: WebRequest, @Res() res: Response) {
    await this.forms.submit(req, res, confirmContractForm, await this.scope(who, id));
  }

  private async scope(who: Identity, id: string): Promise<FormScope<ContractRecord>> {
    const view = await this.records.read<ContractState>('contract', id, contractStream(id), contractDecider);
    // A stranger to the contract is told it is not there, as on the API.
    readAccess.contract(who, { contractId: id, councilId: view.state.councilId, providerId: view.state.providerId });
    const record: ContractRecord = {
      id,
      state: view.state,
      councilName: await this.names.organisation(view.state.councilId),
      serviceNames: await Promise.all(view.state.serviceIds.map((s) => this.names.service(s))),
    };
    return { who, record, version: view.version, today: londonToday(), params: {} };
  }
}
