import type { DynamicModule, Type } from '@nestjs/common';
import { MODULE_METADATA } from '@nestjs/common/constants';
import { JobName, jobHandlerProblems } from '@scamintel/common';
import { loadConfig } from '@scamintel/config';
import { JobProcessor, processorJobs } from '@scamintel/platform';
import { WorkerModule } from './worker.module';

type ModuleDef = Type<unknown> | DynamicModule;

/** Every provider class of a module tree, read from the modules' metadata: no connection is opened. */
function providerClasses(root: ModuleDef, seen = new Set<unknown>()): Type<unknown>[] {
  const cls = 'module' in root ? root.module : root;
  const key = 'module' in root ? root : cls;
  if (seen.has(key)) return [];
  seen.add(key);
  const dyn = 'module' in root ? root : undefined;
  const meta = (k: string) => [...((Reflect.getMetadata(k, cls) as unknown[]) ?? []), ...(((dyn as never)?.[k] as unknown[]) ?? [])];
  const own = meta(MODULE_METADATA.PROVIDERS).filter((p): p is Type<unknown> => typeof p === 'function');
  const imported = meta(MODULE_METADATA.IMPORTS).filter(
    (m): m is ModuleDef => !!m && (typeof m === 'function' || 'module' in (m as object)),
  );
  return [...own, ...imported.flatMap((m) => providerClasses(m, seen))];
}

describe('the worker process', () => {
  // Processors are made without their dependencies: only the job names their handlers declare are read.
  const processors = providerClasses(WorkerModule.forRoot(loadConfig({})))
    .filter((c) => c.prototype instanceof JobProcessor)
    .map((c) => new (c as new () => JobProcessor<JobName>)());

  it('has exactly one handler for every job name', () => {
    expect(processors.length).toBeGreaterThan(0);
    expect(jobHandlerProblems(processorJobs(processors))).toEqual([]);
  });

  it('would be refused with a processor missing', () => {
    const withoutOne = processors.filter((p) => !p.handledJobs.includes(JobName.BulletinWeekly));
    expect(jobHandlerProblems(processorJobs(withoutOne))).toEqual(
      expect.arrayContaining(['job bulletin-weekly has no handler', 'job bulletin-generate has no handler']),
    );
  });
});
