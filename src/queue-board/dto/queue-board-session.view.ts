import { ApiProperty } from '@nestjs/swagger';

export class QueueBoardSessionView {
  @ApiProperty({ description: 'open it in this browser (the session cookie is set)', example: '/admin/queues' })
  url: string;

  @ApiProperty({ description: 'seconds the session lasts', example: 900 })
  expiresIn: number;
}
