import { ApiProperty } from '@nestjs/swagger';

export class HealthLive {
  @ApiProperty({ enum: ['ok'] })
  status: 'ok';
}

export class HealthChecks {
  @ApiProperty({ enum: ['up', 'down'] })
  postgres: 'up' | 'down';

  @ApiProperty({ enum: ['up', 'down'] })
  redis: 'up' | 'down';
}

export class HealthReady {
  @ApiProperty({ enum: ['ok', 'unavailable'] })
  status: 'ok' | 'unavailable';

  @ApiProperty({ type: () => HealthChecks })
  checks: HealthChecks;
}
