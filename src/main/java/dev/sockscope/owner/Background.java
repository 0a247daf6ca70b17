package dev.sockscope.owner;

/**
 * Short, bounded work on a second thread, for a snapshot to do two reads at once. A plain
 * thread joined, not a {@code FutureTask}: that class's first use initialises its VarHandles,
 * a millisecond of an idle snapshot on the main thread and another on the worker.
 */
public final class Background {
    private Background() {}

    /** Work running on its own thread; {@link #await} waits for it. */
    public static final class Task extends Thread {
        private final Runnable work;
        private volatile Throwable failure;

        private Task(Runnable work, String name) {
            super(name);
            this.work = work;
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                work.run();
            } catch (Throwable t) {
                failure = t;
            }
        }
    }

    /** Starts {@code work} on a new daemon thread named {@code name}. */
    public static Task start(Runnable work, String name) {
        Task task = new Task(work, name);
        task.start();
        return task;
    }

    /**
     * Waits for {@code task} even when interrupted (it is short and bounded: it is finished,
     * and the flag kept); its unchecked exceptions and errors are rethrown as they are, any
     * other wrapped in an {@link IllegalStateException}.
     */
    public static void await(Task task) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    task.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        Throwable cause = task.failure;
        if (cause instanceof RuntimeException r) {
            throw r;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        if (cause != null) {
            throw new IllegalStateException(cause);
        }
    }
}
