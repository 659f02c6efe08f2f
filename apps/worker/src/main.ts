import 'reflect-metadata';
import { loadConfigOrExit } from '@scamintel/config';
import { createWorker } from './create-worker';

void createWorker(loadConfigOrExit(process.env));
