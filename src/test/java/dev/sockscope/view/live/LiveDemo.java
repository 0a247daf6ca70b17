package dev.sockscope.view.live;

import dev.sockscope.model.Snapshot;
import dev.sockscope.model.SocketRow;
import dev.sockscope.model.State;
import dev.sockscope.source.SocketSource;
import dev.sockscope.source.TableSelection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Runs the live view on the real terminal with made-up, changing sockets (for screenshots). */
public final class LiveDemo {
    private LiveDemo() {}

    public static void main(String[] args) {
        SocketSource source = new SocketSource() {
            private int n;

            @Override
            public Snapshot read(TableSelection which) {
                n++;
                List<SocketRow> rows = new ArrayList<>(Fixtures.baseRows());
                for (int i = 0; i < 40; i++) {
                    if ((i + n) % 7 != 0) {
                        rows.add(Fixtures.tcp4(
                                "10.0.0.5",
                                41000 + i,
                                "151.101." + i + ".1",
                                443,
                                State.ESTABLISHED,
                                40000 + i,
                                Fixtures.CURL));
                    }
                }
                return new Snapshot(rows, n % 3, 4, null);
            }

            @Override
            public String name() {
                return "demo";
            }
        };
        LiveOptions o = Fixtures.builder(source)
                .color(System.getenv("NO_COLOR") == null)
                .interval(Duration.ofMillis(args.length > 0 ? Long.parseLong(args[0]) : 1000))
                .err(System.err)
                .build();
        System.exit(LiveView.run(o));
    }
}
