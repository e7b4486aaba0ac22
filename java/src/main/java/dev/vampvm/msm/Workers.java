package dev.vampvm.msm;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ObjIntConsumer;
import java.util.function.Supplier;

/**
 * Where the work of one call runs: up to {@code workers} workers, the calling thread being one of them and
 * the others tasks of {@code pool}. Each worker owns its scratch state (buckets, batch arrays) and pulls
 * task indices from a shared counter until none are left, so a busy pool never stalls a call: the caller
 * does whatever the pool does not get to. Which worker ran which task does not change any result, since
 * every task writes only its own slot and slots are combined in index order.
 */
public record Workers(ForkJoinPool pool, int workers) {

    public Workers {
        if (workers < 1) {
            throw new IllegalArgumentException("need at least one worker, got " + workers);
        }
        if (pool == null && workers > 1) {
            throw new IllegalArgumentException("more than one worker needs a pool");
        }
    }

    /** The common pool plus the caller, at most one worker per available processor. */
    public static Workers common() {
        int cpus = Runtime.getRuntime().availableProcessors();
        int w = Math.max(1, Math.min(cpus, ForkJoinPool.getCommonPoolParallelism() + 1));
        return new Workers(ForkJoinPool.commonPool(), w);
    }

    /** The calling thread alone. */
    public static Workers single() {
        return new Workers(null, 1);
    }

    /** All threads of the given pool, the caller waiting on them (it helps if it is one of the pool's). */
    public static Workers of(ForkJoinPool pool) {
        return new Workers(pool, pool.getParallelism());
    }

    /** Runs body(state, i) for every i in [0, tasks), each worker with one state from the factory. */
    <S> void run(int tasks, Supplier<S> stateFactory, ObjIntConsumer<S> body) {
        if (tasks <= 0) {
            return;
        }
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            S state = null;
            for (int i; (i = next.getAndIncrement()) < tasks; ) {
                if (state == null) {
                    state = stateFactory.get();
                }
                body.accept(state, i);
            }
        };
        int helpers = Math.min(workers, tasks) - 1;
        if (helpers <= 0) {
            worker.run();
            return;
        }
        List<ForkJoinTask<?>> submitted = new ArrayList<>(helpers);
        for (int k = 0; k < helpers; k++) {
            submitted.add(pool.submit(worker));
        }
        worker.run();
        for (ForkJoinTask<?> t : submitted) {
            t.join();
        }
    }

    /** Runs body over [0, n) split into chunks of at least minChunk, in parallel. */
    void forRange(int n, int minChunk, RangeBody body) {
        int chunks = Math.max(1, Math.min(workers * 4, n / Math.max(1, minChunk)));
        run(chunks, () -> null, (s, c) -> {
            int from = (int) ((long) n * c / chunks);
            int to = (int) ((long) n * (c + 1) / chunks);
            body.run(from, to);
        });
    }

    @FunctionalInterface
    interface RangeBody {
        void run(int from, int to);
    }
}
