import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../staff/auth/roles.decorator';
import { WechatPayReconcilerService } from './wechatpay/wechatpay-reconciler.service';

@ApiTags('staff: payments')
@ApiBearerAuth()
@Controller('api/staff/payments')
export class PaymentsStaffController {
  constructor(private readonly reconciler: WechatPayReconcilerService) {}

  @Post('wechatpay/reconcile')
  @HttpCode(200)
  @Roles('finance')
  @ApiOperation({ summary: 'Ask WeChat Pay about every unpaid WeChat order of the last 48 hours and settle the paid ones (lost notifications); also runs daily' })
  reconcile() {
    return this.reconciler.reconcile();
  }
}
