import { sleep, withTimeout } from './timeout';

describe('withTimeout', () => {
  it('settles like the promise when it is in time', async () => {
    await expect(withTimeout(Promise.resolve(7), 1000)).resolves.toBe(7);
    await expect(withTimeout(Promise.reject(new Error('no')), 1000)).rejects.toThrow('no');
  });

  it('rejects with the message when the promise is late, and its late rejection is not unhandled', async () => {
    const unhandled = jest.fn();
    process.on('unhandledRejection', unhandled);
    try {
      const late = sleep(50).then(() => Promise.reject(new Error('late')));
      await expect(withTimeout(late, 5, 'enqueue timed out')).rejects.toThrow('enqueue timed out');
      await sleep(80);
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });
});
