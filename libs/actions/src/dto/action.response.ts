import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IndicatorIdentity, UUID, dateTime } from '@scamintel/common';
import { ACTION_KINDS, ACTION_STATES } from '@scamintel/vocabulary';

const STATE = { type: String, enum: [...ACTION_STATES] };

export class ActionHistoryEntry {
  @ApiProperty(dateTime())
  at: string;

  @ApiProperty({ description: '`analyst:<org>`, `organisation:<org>`, `partner:<node>` or `system`.' })
  actor: string;

  @ApiProperty({ ...STATE, nullable: true })
  from: string | null;

  @ApiProperty(STATE)
  to: string;

  @ApiProperty({ type: String, nullable: true })
  note: string | null;
}

export class ActionDelivery {
  @ApiProperty(dateTime('When the partner acknowledged receipt of the request.', true))
  sentAt: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Why the partner refused the request, if it did.' })
  error: string | null;
}

export class Action {
  @ApiProperty(UUID)
  id: string;

  @ApiProperty({ enum: [...ACTION_KINDS] })
  kind: string;

  @ApiProperty({ type: () => IndicatorIdentity })
  indicator: IndicatorIdentity;

  @ApiProperty()
  reason: string;

  @ApiProperty({ type: String, nullable: true })
  caseRef: string | null;

  @ApiProperty(STATE)
  state: string;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The organisation to act, once there is one (null while open to several, or not yet accepted).',
  })
  assignee: string | null;

  @ApiProperty({ type: [String], description: 'Organisations it is routed to (all telcos of a country until one acknowledges).' })
  assignees: string[];

  @ApiProperty({ description: 'Still not acknowledged after the kind’s SLA.' })
  overdue: boolean;

  @ApiPropertyOptional({ description: 'The partner node that asked for it (a request received over the exchange).' })
  from?: string;

  @ApiPropertyOptional({ description: 'The partner node asked to act (a request this node sent); its state comes from there.' })
  partner?: string;

  @ApiPropertyOptional({ type: () => ActionDelivery })
  delivery?: ActionDelivery;

  @ApiProperty({ type: 'integer', nullable: true })
  expiresInDays: number | null;

  @ApiProperty({ type: 'integer', description: 'Increases with every change.' })
  version: number;

  @ApiProperty(dateTime())
  createdAt: string;

  @ApiProperty(dateTime(undefined, true))
  assignedAt: string | null;

  @ApiProperty(dateTime('Acknowledgement due (SLA).', true))
  ackDueAt: string | null;

  @ApiProperty(dateTime(undefined, true))
  acknowledgedAt: string | null;

  @ApiProperty(dateTime(undefined, true))
  doneAt: string | null;

  @ApiProperty(dateTime('Declined, released or expired.', true))
  closedAt: string | null;

  @ApiProperty(dateTime('A done action expires then (kinds with a lifetime).', true))
  expiresAt: string | null;

  @ApiProperty(dateTime())
  updatedAt: string;

  @ApiPropertyOptional({ type: () => [ActionHistoryEntry], description: 'Every change with who and why (GET /v1/actions/:id).' })
  history?: ActionHistoryEntry[];
}

export class ActionPage {
  @ApiProperty({ type: () => [Action] })
  actions: Action[];

  @ApiProperty({ type: String, nullable: true })
  next: string | null;
}

export class RequestReceived {
  @ApiProperty({ ...UUID, description: "The receiving node's action id." })
  id: string;

  @ApiProperty(STATE)
  state: string;

  @ApiProperty({ type: 'integer' })
  version: number;
}

export class StatusReceived extends RequestReceived {
  @ApiProperty({ description: 'false when the update was older than the state held (already applied or overtaken).' })
  applied: boolean;
}
