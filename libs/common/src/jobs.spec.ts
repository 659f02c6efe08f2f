import { JOB_PARSERS, JOB_QUEUE, jobHandlerProblems } from './jobs';
import { JobName, QueueName } from './queues';

const unrecoverable = expect.objectContaining({ name: 'UnrecoverableError' });
const UUID = '2f1c7c1e-7c1a-4a7e-9d3b-6a1f0e7b9c11';

describe('job payload parsers', () => {
  it('refuse a bad payload as unrecoverable and keep only the contract fields of a good one', () => {
    const cases: [JobName, unknown[], unknown, unknown][] = [
      [JobName.IngestBatch, [null, {}, { outboxId: 7 }, { outboxId: '1; DROP' }], { outboxId: '42', extra: 1 }, { outboxId: '42' }],
      [JobName.ExchangePush, [null, {}, { partnerNodeId: '' }], { partnerNodeId: 'kr-1' }, { partnerNodeId: 'kr-1' }],
      [
        JobName.BulletinGenerate,
        [null, {}, { bulletinId: 'x', revision: 1 }, { bulletinId: UUID, revision: 0 }, { bulletinId: UUID, revision: 1.5 }],
        { bulletinId: UUID, revision: 2 },
        { bulletinId: UUID, revision: 2 },
      ],
      [JobName.BulletinWeekly, [{ at: 'monday' }, { at: 5 }], { at: '2026-11-30T01:00:00Z' }, { at: '2026-11-30T01:00:00Z' }],
      [JobName.ActionSend, [null, { actionId: 3 }], { actionId: 'a1' }, { actionId: 'a1' }],
      [JobName.ActionStatus, [{}], { actionId: 'a1' }, { actionId: 'a1' }],
      [JobName.WebhookDeliver, [{ deliveryId: null }], { deliveryId: 'd1' }, { deliveryId: 'd1' }],
    ];
    for (const [name, bad, good, parsed] of cases) {
      for (const b of bad) expect(() => JOB_PARSERS[name](b)).toThrow(unrecoverable);
      expect(JOB_PARSERS[name](good)).toEqual(parsed);
    }
    expect(JOB_PARSERS[JobName.BulletinWeekly]({})).toEqual({});
    expect(JOB_PARSERS[JobName.FeedRefresh]({ anything: 1 })).toEqual({});
  });
});

describe('jobHandlerProblems', () => {
  const all = Object.values(JobName);
  const byQueue = (skip: JobName[] = []) =>
    Object.values(QueueName).map((queue) => ({
      processor: `${queue}-processor`,
      queue,
      jobs: all.filter((n) => JOB_QUEUE[n] === queue && !skip.includes(n)),
    }));

  it('is satisfied when every job name has exactly one handler on its queue', () => {
    expect(jobHandlerProblems(byQueue())).toEqual([]);
  });

  it('names a job without a handler', () => {
    expect(jobHandlerProblems(byQueue([JobName.ActionStatus]))).toEqual(['job action-status has no handler']);
  });

  it('names a job with two handlers, a handler on the wrong queue, and a handler for no known job', () => {
    const processors = [...byQueue(), { processor: 'Extra', queue: QueueName.Feeds, jobs: [JobName.IngestBatch, 'made-up'] }];
    expect(jobHandlerProblems(processors)).toEqual([
      'job ingest-batch has 2 handlers (ingest-processor, Extra)',
      'job ingest-batch belongs on queue ingest, but Extra consumes feeds',
      'Extra handles made-up, which is no job of this process',
    ]);
  });
});
