package dev.sockscope.owner;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/** Short, bounded work on a second thread, for a snapshot to do two reads at once. */
public final class Background {
    private Background() {}

    /** Starts {@code work} on a new daemon thread named {@code name}. */
    public static FutureTask<Void> start(Runnable work, String name) {
        FutureTask<Void> task = new FutureTask<>(work, null);
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
        return task;
    }

    /**
     * Waits for {@code task} even when interrupted (it is short and bounded: it is finished,
     * and the flag kept); its unchecked exceptions and errors are rethrown as they are.
     */
    public static void await(FutureTask<?> task) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    task.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException r) {
                        throw r;
                    }
                    if (cause instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
