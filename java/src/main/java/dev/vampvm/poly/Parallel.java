package dev.vampvm.poly;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RecursiveAction;

/**
 * Splits index ranges across threads for the polynomial kernels.
 *
 * <p>Work runs on a ForkJoinPool: the caller's own pool when it is already a fork/join worker (so that a
 * prover that transforms several polynomials in parallel does not oversubscribe the machine), otherwise a
 * shared pool of daemon threads sized to the machine. Every kernel computes each output element with the
 * same field operations whatever the split, so results never depend on the thread count.
 */
final class Parallel {

    /** A body applied to the half-open range [from, to). */
    @FunctionalInterface
    interface RangeBody {
        void run(int from, int to);
    }

    private static final ForkJoinPool POOL = new ForkJoinPool(
            Runtime.getRuntime().availableProcessors(),
            pool -> {
                ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
                t.setName("vampvm-poly-" + t.getPoolIndex());
                t.setDaemon(true);
                return t;
            },
            null, false);

    private Parallel() {
    }

    /** The thread count used when a caller does not give one: the number of available processors. */
    static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    static void checkThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("thread count must be at least 1, got " + threads);
        }
    }

    /**
     * Runs {@code body} over [0, count) in at most {@code threads} contiguous chunks and waits for all of
     * them. Ranges of fewer than {@code minChunk} indices are not split further.
     */
    static void forRange(int threads, int count, int minChunk, RangeBody body) {
        int chunks = (int) Math.min(threads, Math.max(1L, (long) count / Math.max(1, minChunk)));
        if (chunks <= 1) {
            if (count > 0) {
                body.run(0, count);
            }
            return;
        }
        RecursiveAction[] tasks = new RecursiveAction[chunks];
        for (int c = 0; c < chunks; c++) {
            int from = (int) ((long) count * c / chunks);
            int to = (int) ((long) count * (c + 1) / chunks);
            tasks[c] = new RecursiveAction() {
                @Override
                protected void compute() {
                    body.run(from, to);
                }
            };
        }
        if (Thread.currentThread() instanceof ForkJoinWorkerThread) {
            ForkJoinTask.invokeAll(tasks);
        } else {
            POOL.invoke(new RecursiveAction() {
                @Override
                protected void compute() {
                    invokeAll(tasks);
                }
            });
        }
    }
}
