import { ApiProperty } from '@nestjs/swagger';

/** `{ ok: true }`: done, nothing more to say. */
export class OkView {
  @ApiProperty({ enum: [true], example: true })
  ok: true;
}
