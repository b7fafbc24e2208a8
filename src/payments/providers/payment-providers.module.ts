import { Module } from '@nestjs/common';
import { PaymentProviders } from './payment-providers';
import { SandboxProvider } from './sandbox.provider';

@Module({ providers: [SandboxProvider, PaymentProviders], exports: [SandboxProvider, PaymentProviders] })
export class PaymentProvidersModule {}
