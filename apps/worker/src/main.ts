import 'reflect-metadata';
import { loadConfigOrExit } from '@scamintel/config';
import { closeOnSignals } from '@scamintel/platform';
import { createWorker } from './create-worker';

closeOnSignals(createWorker(loadConfigOrExit()), 'worker');
