import { WorkerHost } from '@nestjs/bullmq';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { Job } from 'bullmq';
import { JobHandlers, JobName, ProcessorJobs, dispatchJob, jobHandlerProblems } from '@scamintel/common';

/**
 * A processor whose jobs are the keys of `handlers`: `process` parses each payload with its contract's parser and
 * runs its handler, and the start-up check knows from the same keys which job names this processor runs.
 */
export abstract class JobProcessor<N extends JobName> extends WorkerHost {
  protected abstract readonly handlers: JobHandlers<N>;

  get handledJobs(): string[] {
    return Object.keys(this.handlers);
  }

  process(job: Job): Promise<unknown> {
    return dispatchJob(this.handlers, job);
  }
}

/** The job names each processor instance of a process runs. */
export function processorJobs(instances: unknown[]): ProcessorJobs[] {
  const out: ProcessorJobs[] = [];
  for (const instance of instances) {
    if (!(instance instanceof JobProcessor)) continue;
    let queue: string | undefined;
    try {
      queue = (instance as WorkerHost).worker?.name;
    } catch {
      queue = undefined; // its worker was not started (yet)
    }
    out.push({ processor: instance.constructor.name, queue, jobs: instance.handledJobs });
  }
  return out;
}

/**
 * The worker refuses to start unless every job name has exactly one handler among its processors: a job nobody
 * handles would wait in Redis for ever, and two handlers would race for it.
 */
@Injectable()
export class JobHandlerCheck implements OnApplicationBootstrap {
  constructor(private readonly discovery: DiscoveryService) {}

  onApplicationBootstrap(): void {
    const problems = jobHandlerProblems(processorJobs(this.discovery.getProviders().map((w) => w.instance as unknown)));
    if (problems.length) throw new Error(`job handlers: ${problems.join('; ')}`);
  }
}
