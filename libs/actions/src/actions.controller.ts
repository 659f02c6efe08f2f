import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { Access, ApiBodyOf, ApiErrors, Principal, locationHeader } from '@scamintel/common';
import { ACTION_EXAMPLE, CREATE_EXAMPLES } from './dto/action.examples';
import { Action, ActionPage } from './dto/action.response';
import { CreateActionDto } from './dto/create-action.dto';
import { ListActionsQuery } from './dto/list-actions.query';
import { AcceptDto, TransitionDto } from './dto/transition.dto';
import { ActionsService, KeyPrincipal } from './actions.service';

type Req = { principal?: Principal };
const key = (req: Req) => req.principal as KeyPrincipal;

@Controller('v1/actions')
export class ActionsController {
  constructor(private readonly actions: ActionsService) {}

  @Post()
  @HttpCode(201)
  @Access('analyst')
  @ApiOperation({
    summary: 'Ask an organisation to act on a value: freeze_account, block_number, takedown, restrict.',
    description:
      'Without `assignee` it is routed by organisation profile (the bank of the account’s bank code, the telcos of the number’s country, the platform of the handle or host). With `partner` the request goes, signed, to that partner node, whose analysts accept or decline it.',
  })
  @ApiBodyOf(CreateActionDto, CREATE_EXAMPLES)
  @ApiCreatedResponse({ type: Action, example: { ...ACTION_EXAMPLE, state: 'requested' }, headers: locationHeader('/v1/actions/{id}') })
  @ApiErrors({
    400: 'Invalid body (unknown kind or field, both or neither of value and fingerprint).',
    404: 'No indicator with that fingerprint.',
    422: 'No indicator (`not_an_indicator`), a value of the wrong type for the kind (`kind_mismatch`), nobody to route to (`no_route`), an unknown assignee or partner.',
  })
  create(@Body() dto: CreateActionDto, @Req() req: Req) {
    return this.actions.create(key(req), dto);
  }

  @Get()
  @Access('analyst', 'reporter')
  @ApiOperation({ summary: 'Actions, newest first: all for analysts, those assigned to its organisation for a reporter key.' })
  @ApiOkResponse({ type: ActionPage, example: { actions: [ACTION_EXAMPLE], next: null } })
  list(@Query() q: ListActionsQuery, @Req() req: Req) {
    return this.actions.list(key(req), { state: q.state, kind: q.kind, cursor: q.cursor, limit: q.limit ?? 100 });
  }

  @Get(':id')
  @Access('analyst', 'reporter')
  @ApiOperation({ summary: 'One action with its history.' })
  @ApiOkResponse({ type: Action })
  @ApiErrors({ 404: 'No such action, or not assigned to this organisation.' })
  get(@Param('id', new ParseUUIDPipe()) id: string, @Req() req: Req) {
    return this.actions.get(key(req), id);
  }

  @Post(':id/transition')
  @HttpCode(200)
  @Access('analyst', 'reporter')
  @ApiOperation({
    summary: 'Move an action on: the assignee acknowledges, completes (`done`) or declines; an analyst releases.',
    description: 'Audited with who and the note. A request that was sent to a partner changes only through the partner’s reports.',
  })
  @ApiBodyOf(TransitionDto, {
    done: { summary: 'The bank froze the account', value: { to: 'done', note: 'Frozen at 10:42, balance SGD 3,120' } },
  })
  @ApiOkResponse({ type: Action })
  @ApiErrors({
    400: 'Invalid body.',
    403: 'Not this caller’s step (`not_permitted`), e.g. an organisation releasing.',
    404: 'No such action, or not assigned to this organisation.',
    409: 'Not possible from the current state (`illegal_transition`, e.g. reopening an expired action), or the partner’s to change (`remote_action`).',
  })
  transition(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: TransitionDto, @Req() req: Req) {
    return this.actions.transition(key(req), id, dto.to, dto.note ?? null);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @Access('analyst')
  @ApiOperation({ summary: 'Accept a partner’s request: route it to an organisation here (by profile unless named).' })
  @ApiBodyOf(AcceptDto, { byProfile: { summary: 'Route by profile', value: {} } })
  @ApiOkResponse({ type: Action })
  @ApiErrors({ 404: 'No such action.', 409: 'Not an open partner request.', 422: 'Nobody to route to, or an unknown assignee.' })
  accept(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: AcceptDto, @Req() req: Req) {
    return this.actions.accept(key(req), id, dto.assignee);
  }
}
