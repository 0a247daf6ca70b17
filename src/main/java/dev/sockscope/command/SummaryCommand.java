package dev.sockscope.command;

import dev.sockscope.cli.Config;
import dev.sockscope.cli.ExitCode;
import dev.sockscope.health.CounterReader;
import dev.sockscope.health.Counters;
import dev.sockscope.health.HealthWatch;
import dev.sockscope.health.PortRange;
import dev.sockscope.health.SocketCounts;
import dev.sockscope.health.Summary;
import dev.sockscope.health.Thresholds;
import dev.sockscope.model.Proto;
import dev.sockscope.model.Snapshot;
import dev.sockscope.model.SocketRow;
import dev.sockscope.query.Pipeline;
import dev.sockscope.service.BundledServiceRegistry;
import dev.sockscope.service.ServiceRegistry;
import dev.sockscope.source.SocketSource;
import dev.sockscope.source.SourceException;
import dev.sockscope.source.TableSelection;
import dev.sockscope.view.Notes;
import dev.sockscope.view.summary.SummaryCsv;
import dev.sockscope.view.summary.SummaryJson;
import dev.sockscope.view.summary.SummaryText;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;

/**
 * {@code -s}: sockets by protocol, state and process, the kernel's key TCP and UDP counters and
 * the health hints. Every protocol is counted unless {@code -t -u -w -x} choose some (as
 * {@code ss -s}); the other selection options apply as in {@code --list}; the counters are the
 * whole network namespace's. With {@code --interval}/{@code --count} it repeats, adding rates
 * per second and the hints that need several readings. Exit 0 when a socket was counted, 1 when
 * the selection matched none.
 */
public final class SummaryCommand {
    private final Context ctx;

    public SummaryCommand(Context ctx) {
        this.ctx = ctx;
    }

    public int run(Config config, SocketSource source) throws SourceException {
        Writer out = new Utf8Writer(ctx.stdout());
        CounterReader counters = new CounterReader(config.procRoot());
        ServiceRegistry reg = ctx.registry();
        PortRange range = null;
        if (reg instanceof BundledServiceRegistry b && b.ephemeralLow() >= 0) {
            range = new PortRange(b.ephemeralLow(), b.ephemeralHigh());
        }
        HealthWatch watch = new HealthWatch(Thresholds.DEFAULT);
        // the filter holds -t/-u/-w/-x only when given: read every table and let it choose
        TableSelection tables =
                new TableSelection(EnumSet.allOf(Proto.class), config.tables().families());
        boolean anyShown = false;
        try {
            for (int i = 0; config.count() == 0 || i < config.count(); i++) {
                if (i > 0 && config.intervalMs() > 0) {
                    Thread.sleep(config.intervalMs());
                }
                Counters now = counters.read();
                Snapshot snap = source.read(tables);
                List<SocketRow> rows =
                        Pipeline.select(snap.rows(), config.filter(), config.sort(), config.reverse(), reg);
                HealthWatch.Reading reading = watch.accept(rows, now, range);
                Summary s = new Summary(
                        Instant.now(),
                        SocketCounts.of(rows, SocketCounts.TOP_PROCESSES),
                        now,
                        reading.before(),
                        reading.hints());
                if (i == 0) {
                    notes(config, snap, rows, now);
                }
                anyShown |= !rows.isEmpty();
                switch (config.format()) {
                    case JSON:
                        SummaryJson.write(s, out);
                        break;
                    case CSV:
                        if (i == 0) {
                            SummaryCsv.writeHeader(out);
                        }
                        SummaryCsv.write(s, out);
                        break;
                    default:
                        if (config.count() != 1) {
                            out.write((i > 0 ? "\n" : "") + "--- " + s.time() + "\n");
                        }
                        SummaryText.write(s, out);
                }
                out.flush();
            }
        } catch (IOException e) {
            // the reader went away (`sockscope -s | head`): stop quietly
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return anyShown ? ExitCode.OK : ExitCode.NO_MATCH;
    }

    private void notes(Config config, Snapshot snap, List<SocketRow> rows, Counters c) {
        for (String n :
                Notes.of(snap, rows, Context.root(), config.filter().selectsByOwner(), Context.namespaceNote(config))) {
            ctx.note(n);
        }
        if (!c.missing().isEmpty()) {
            ctx.note("kernel counters not available from " + String.join(", ", c.missing()));
        }
        if (c.malformed() > 0) {
            ctx.note(c.malformed() + " line(s) or value(s) of the kernel's counter files could not be parsed"
                    + " and were skipped");
        }
    }
}
